// The match flow: accept or decline, contact details once both agree, done, and thanks.
import { t } from "../i18n.js";
import { state } from "../store.js";
import { h, onSubmit, send, textField } from "../ui.js";

/** Whether it is my turn to answer: the side that did not propose the match answers it. */
function myTurn(match, request) {
  const iAmHelper = match.helper_id === state.me.id;
  return (
    match.status === "proposed" &&
    (match.origin === "invite" ? iAmHelper : request.requester_id === state.me.id)
  );
}

function contact(match) {
  const person = match.contact;
  if (!person) return null;
  return h(
    "div",
    { class: "notice" },
    h("h3", {}, t("match.contact_title", { name: person.name })),
    h(
      "dl",
      { class: "details" },
      person.phone
        ? [h("dt", {}, t("field.phone")), h("dd", {}, h("a", { href: `tel:${person.phone}` }, person.phone))]
        : null,
      person.email
        ? [
            h("dt", {}, t("field.email")),
            h("dd", {}, h("a", { href: `mailto:${person.email}` }, person.email)),
          ]
        : null,
    ),
  );
}

function act(match, action, label, rerender, kind = "") {
  return h(
    "button",
    {
      type: "button",
      class: kind,
      onclick: async () => {
        await send("POST", `/matches/${match.id}/${action}`, {}, label);
        rerender();
      },
    },
    label,
  );
}

function thanks(match, rerender) {
  const form = h(
    "form",
    { novalidate: true },
    textField({
      name: "thanks_note",
      label: t("match.thanks_label"),
      hint: t("match.thanks_hint"),
      multiline: true,
    }),
    h("button", { type: "submit" }, t("match.thanks_send")),
  );
  onSubmit(form, async (data) => {
    await send("POST", `/matches/${match.id}/thanks`, { note: data.thanks_note }, t("match.thanks_send"));
    rerender();
  });
  return form;
}

/** One match of a request, with what I can do about it now. */
export function matchActions(match, request, rerender) {
  const other = match.helper_id === state.me.id ? match.requester_name : match.helper_name;
  return h(
    "section",
    { class: "card", "aria-label": t("match.with", { name: other || "" }) },
    h("h2", {}, t("match.with", { name: other || "" })),
    h("p", { class: "tag" }, t(`match.status.${match.status}`)),
    myTurn(match, request)
      ? [
          act(match, "accept", t("match.accept"), rerender),
          act(match, "decline", t("match.decline"), rerender, "secondary"),
        ]
      : null,
    match.status === "accepted" ? [contact(match), act(match, "done", t("match.done"), rerender)] : null,
    match.status === "done" && request.requester_id === state.me.id && !match.thanks_note
      ? thanks(match, rerender)
      : null,
    match.thanks_note ? h("p", {}, t("match.thanked", { note: match.thanks_note })) : null,
  );
}
