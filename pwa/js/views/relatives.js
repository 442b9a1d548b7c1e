// Relatives and friends who help me, and the members I help: invite, accept, end, and ask for
// help for a member I act for.
import { get, post } from "../api.js";
import { t } from "../i18n.js";
import { choices, h, loadProblem, onSubmit, page, setFlash, takeFlash, textField } from "../ui.js";

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
