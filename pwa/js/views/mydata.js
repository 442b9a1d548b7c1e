// My data: what Circles keeps about me, to read and download; my consents; delete my account.
import { call, get } from "../api.js";
import { t, when } from "../i18n.js";
import { signOut, state } from "../store.js";
import { choices, h, loadProblem, onSubmit, page, takeFlash, textField } from "../ui.js";

/** A label for a table of the export, in the member's words when we have them. */
function tableName(name) {
  const key = `mydata.table.${name}`;
  const label = t(key);
  return label === key ? name : label;
}

/** Everything stored about me, readable, with a download; my consents; delete my account. */
export async function myData() {
  let data, consents;
  try {
    [{ data }, { data: consents }] = await Promise.all([get("/me/export"), get("/me/consents")]);
  } catch (error) {
    return loadProblem(t("mydata.title"), error);
  }
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
  const download = h(
    "a",
    { href: URL.createObjectURL(blob), download: "circles-my-data.json", class: "button" },
    t("mydata.download"),
  );
  const tables = Object.entries(data.tables).map(([name, rows]) =>
    h("li", {}, t("mydata.rows", { what: tableName(name), count: rows.length })),
  );
  const history = consents.length
    ? h(
        "ul",
        {},
        consents.map((c) =>
          h(
            "li",
            {},
            t(`mydata.consent.${c.kind}.${c.given ? "given" : "withdrawn"}`),
            " · ",
            when(c.at, state.me.timezone),
          ),
        ),
      )
    : h("p", {}, t("mydata.no_consents"));
  const hasPassword = state.me.has_password;
  const form = h(
    "form",
    { novalidate: true },
    h("p", {}, t("mydata.delete_intro")),
    hasPassword
      ? textField({ name: "password", label: t("mydata.delete_password"), type: "password", required: true })
      : choices({
          name: "confirm",
          legend: t("mydata.delete_confirm"),
          options: [{ code: "yes", label: t("mydata.delete_yes") }],
          type: "checkbox",
        }),
    h("button", { type: "submit", class: "danger" }, t("mydata.delete_button")),
  );
  onSubmit(form, async (values) => {
    const body = hasPassword ? { password: values.password } : { confirm: values.confirm?.length > 0 };
    await call("DELETE", "/me", { body });
    await signOut();
    // A last screen of its own: the sign-in screen would greet her as if nothing happened.
    page(
      t("mydata.delete_title"),
      h("div", { class: "success", role: "status" }, h("p", {}, t("mydata.deleted"))),
      h("p", {}, h("a", { href: "#/signin" }, t("nav.signin"))),
    );
  });
  page(
    t("mydata.title"),
    takeFlash(),
    h("p", {}, t("mydata.intro")),
    download,
    h("ul", {}, tables),
    h("h2", {}, t("mydata.consents")),
    history,
    h("h2", {}, t("mydata.delete_title")),
    form,
  );
}
