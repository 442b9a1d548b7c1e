// The match flow: accept or decline, contact details once both agree, done, and thanks.
import { get } from "../api.js";
import { t, when } from "../i18n.js";
import { state } from "../store.js";
import { h, loadProblem, onSubmit, page, savedNotice, send, takeFlash, textField } from "../ui.js";
import { blockLink, reportLink } from "./trust.js";

// What the other chose to share once both said yes: phone, email, and (for help at home, if
// the asker chose it) the address; else plainly that they are reached here, in the thread.
function contact(match) {
  const person = match.other;
  if (!person) return null;
  const link = (href, text) => h("a", { href }, text);
  return h(
    "div",
    { class: "notice", id: "contact" },
    h("h2", {}, t("match.contact_title", { name: person.name })),
    h(
      "dl",
      { class: "details" },
      person.phone
        ? [h("dt", {}, t("field.phone")), h("dd", {}, link(`tel:${person.phone}`, person.phone))]
        : null,
      person.email
        ? [h("dt", {}, t("field.email")), h("dd", {}, link(`mailto:${person.email}`, person.email))]
        : null,
      person.address ? [h("dt", {}, t("match.address")), h("dd", {}, person.address)] : null,
    ),
    person.phone || person.email ? null : h("p", {}, t("match.contact_in_app", { name: person.name })),
    match.may_write
      ? h(
          "p",
          {},
          h(
            "a",
            { href: `#/matches/${match.id}/messages`, class: "button" },
            t("match.write", { name: match.other_first_name }),
          ),
        )
      : null,
  );
}

function act(match, action, label, rerender, kind = "") {
  const onclick = async () => {
    await send("POST", `/matches/${match.id}/${action}`, {}, `${match.category_label}: ${label}`);
    rerender();
  };
  return h("button", { type: "button", class: kind, onclick }, label);
}

function thanks(match, rerender) {
  const form = h(
    "form",
    { novalidate: true },
    textField({
      name: "note",
      label: t("match.thanks_label"),
      hint: t(match.my_side === "helper" ? "match.thanks_hint_helper" : "match.thanks_hint"),
      multiline: true,
      required: true,
    }),
    h("button", { type: "submit" }, t("match.thanks_send")),
  );
  onSubmit(form, async (data) => {
    const label = t("outbox.label_thanks", { name: otherName(match) });
    // Both sides may thank: the helper thanks the asker too.
    await send("POST", `/matches/${match.id}/thanks`, { note: data.note.trim() }, label);
    rerender();
  });
  return form;
}

/** Who the other side is: a first name, or "a neighbour" while a helper may not know yet. */
function otherName(match) {
  return match.other_first_name || t("match.someone");
}

// The thanks each side sent, in words that say who thanked whom.
function thanksSaid(m) {
  const fromAsker = m.my_side === "helper" ? "match.thanked_you" : "match.you_thanked";
  const fromHelper = m.my_side === "helper" ? "match.you_thanked" : "match.thanked_you";
  return [
    m.thanks_note
      ? h("p", { class: "success" }, t(fromAsker, { name: otherName(m), note: m.thanks_note }))
      : null,
    m.helper_thanks_note
      ? h("p", { class: "success" }, t(fromHelper, { name: otherName(m), note: m.helper_thanks_note }))
      : null,
  ];
}

/** A match line for lists: what, with whom, and whether it waits for me. */
export function matchItem(match) {
  return h(
    "li",
    {},
    h("a", { href: `#/matches/${match.id}` }, `${match.category_label} – ${otherName(match)}`),
    match.waiting_for_me ? [" ", h("span", { class: "tag" }, t("match.your_answer"))] : null,
  );
}

/** One match from my side, with what I can do about it now. */
export async function matchDetail({ params, go }) {
  let answer;
  try {
    answer = await get(`/matches/${params.id}`);
  } catch (error) {
    return loadProblem(t("match.title"), error);
  }
  const m = answer.data;
  const rerender = () => go(`#/matches/${m.id}`);
  const helping = m.my_side === "helper";
  page(
    t(helping ? "match.title_helping" : "match.title_helped", { name: otherName(m) }),
    takeFlash(),
    savedNotice(answer.savedAt),
    h(
      "dl",
      { class: "details" },
      h("dt", {}, t("ask.what_short")),
      h("dd", {}, m.category_label),
      h("dt", {}, t("ask.describe_short")),
      h("dd", {}, m.description || "–"),
      h("dt", {}, t("ask.when_short")),
      h("dd", {}, when(m.needed_at, state.me.timezone)),
      m.distance_km != null
        ? [h("dt", {}, t("match.distance")), h("dd", {}, t("circles.distance", { km: m.distance_km }))]
        : null,
      h("dt", {}, t("request.status")),
      h("dd", {}, t(`match.status.${m.status}`)),
    ),
    m.status === "proposed" && !m.waiting_for_me ? h("p", {}, t("match.waiting_for_other")) : null,
    m.waiting_for_me
      ? h(
          "div",
          { class: "actions" },
          act(m, "accept", t("match.accept"), rerender),
          act(m, "decline", t("match.decline"), rerender, "secondary"),
        )
      : null,
    m.status === "accepted"
      ? [contact(m), h("div", { class: "actions" }, act(m, "done", t("match.done"), rerender))]
      : null,
    m.status === "done" && m.other ? contact(m) : null,
    thanksSaid(m),
    m.may_thank && m.my_side !== "organizer" ? thanks(m, rerender) : null,
    m.other_id && m.my_side !== "organizer" ? blockLink(m.other_id, m.other_first_name) : null,
    m.other_id ? reportLink("person", m.other_id) : reportLink("requests", m.request_id),
  );
}
