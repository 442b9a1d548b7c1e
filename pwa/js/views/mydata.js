// My data and my people: download all my data, my consents, delete my account; relatives and
// friends who help me, and the members I help (ask for help for them).
import { call, get, post } from "../api.js";
import { t, when } from "../i18n.js";
import { signOut, state } from "../store.js";
import { choices, h, loadProblem, onSubmit, page, setFlash, takeFlash, textField } from "../ui.js";

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

function endButton(link, go) {
  const button = h("button", { type: "button", class: "secondary" }, t("relatives.end"));
  button.addEventListener("click", async () => {
    await post(`/relatives/${link.id}/end`);
    setFlash(t("relatives.ended"));
    go("#/relatives");
  });
  return button;
}

/** My relatives who help me; invite one; the members I help, and invitations to help. */
export async function relativesView({ go }) {
  let mine, helping;
  try {
    [{ data: mine }, { data: helping }] = await Promise.all([get("/me/relatives"), get("/me/helping")]);
  } catch (error) {
    return loadProblem(t("relatives.title"), error);
  }
  const form = h(
    "form",
    { novalidate: true },
    textField({ name: "name", label: t("relatives.name"), required: true, maxlength: 200 }),
    textField({ name: "email", label: t("relatives.email"), type: "email", hint: t("relatives.email_hint") }),
    textField({ name: "phone", label: t("relatives.phone"), type: "tel" }),
    h("button", { type: "submit" }, t("relatives.invite")),
  );
  onSubmit(form, async (values) => {
    const body = { name: values.name };
    if (values.email) body.email = values.email;
    if (values.phone) body.phone = values.phone;
    await post("/me/relatives", body);
    setFlash(t("relatives.invited", { name: values.name }));
    go("#/relatives");
  });
  const helpingItems = helping.map((link) =>
    h(
      "li",
      { class: "card" },
      link.status === "invited"
        ? [h("p", {}, t("relatives.invitation", { name: link.member_name })), acceptButton(link, go)]
        : [
            h("p", {}, t("relatives.you_help", { name: link.member_name })),
            h(
              "p",
              {},
              h(
                "a",
                { href: `#/ask-for/${link.member_id}` },
                t("relatives.ask_for", { name: link.member_name }),
              ),
            ),
            endButton(link, go),
          ],
    ),
  );
  page(
    t("relatives.title"),
    takeFlash(),
    h("p", {}, t("relatives.intro")),
    mine.filter((l) => l.status !== "ended").length
      ? h(
          "ul",
          { class: "cards" },
          mine
            .filter((l) => l.status !== "ended")
            .map((link) =>
              h(
                "li",
                { class: "card" },
                h("p", {}, link.name, " · ", t(`relatives.status.${link.status}`)),
                endButton(link, go),
              ),
            ),
        )
      : h("p", {}, t("relatives.none")),
    h("h2", {}, t("relatives.invite_title")),
    form,
    helping.length
      ? [h("h2", {}, t("relatives.helping_title")), h("ul", { class: "cards" }, helpingItems)]
      : null,
  );
}

function acceptButton(link, go) {
  const button = h("button", { type: "button" }, t("relatives.accept"));
  button.addEventListener("click", async () => {
    await post(`/relatives/${link.id}/accept`);
    setFlash(t("relatives.accepted", { name: link.member_name }));
    go("#/relatives");
  });
  return button;
}

/** Acting for a member I help: ask for help for them, in their name. */
export async function askFor({ params, go }) {
  let helping, kinds;
  try {
    [{ data: helping }, { data: kinds }] = await Promise.all([get("/me/helping"), get("/categories")]);
  } catch (error) {
    return loadProblem(t("relatives.title"), error);
  }
  const link = helping.find((l) => l.status === "active" && String(l.member_id) === params.id);
  if (!link) return loadProblem(t("relatives.title"), new Error(t("error.general")));
  const form = h(
    "form",
    { novalidate: true },
    choices({ name: "category", legend: t("ask.what"), options: kinds, required: true }),
    textField({ name: "description", label: t("relatives.describe"), multiline: true, maxlength: 2000 }),
    h("button", { type: "submit" }, t("relatives.send_for", { name: link.member_name })),
  );
  onSubmit(form, async (values) => {
    const body = {
      category: values.category,
      description: values.description || "",
      requester_id: link.member_id,
    };
    await post("/requests", body);
    setFlash(t("relatives.asked_for", { name: link.member_name }));
    go("#/relatives");
  });
  page(t("relatives.acting_for", { name: link.member_name }), form);
}
