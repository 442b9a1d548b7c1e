// The thread of a match: the two sides write to each other once both have said yes.
// A message goes through the outbox like every other action, so none is lost offline.
import { get } from "../api.js";
import { t, when } from "../i18n.js";
import * as outbox from "../outbox.js";
import { state } from "../store.js";
import { h, loadProblem, onSubmit, page, savedNotice, send, takeFlash, textField } from "../ui.js";
import { blockLink, reportLink } from "./trust.js";

function messageItem(message) {
  const who = message.mine ? t("thread.you") : message.author_first_name;
  return h(
    "li",
    { class: message.mine ? "message mine" : "message" },
    h("p", { class: "meta" }, who, " · ", when(message.created_at, state.me.timezone)),
    h("p", { class: "body" }, message.body),
  );
}

// Messages written offline are shown, marked as waiting, until the outbox has sent them.
async function waitingItems(path) {
  const items = (await outbox.waiting()).filter((item) => item.path === path && item.method === "POST");
  return items.map((item) =>
    h(
      "li",
      { class: "message mine waiting" },
      h("p", { class: "meta" }, t("thread.you"), " · ", t("thread.waiting")),
      h("p", { class: "body" }, item.body.body),
    ),
  );
}

function writeForm(match, path, rerender) {
  const form = h(
    "form",
    { novalidate: true },
    textField({
      name: "body",
      label: t("thread.write", { name: match.other_first_name }),
      multiline: true,
      required: true,
      maxlength: 2000,
    }),
    h("button", { type: "submit" }, t("thread.send")),
  );
  onSubmit(form, async (data) => {
    await send(
      "POST",
      path,
      { body: data.body.trim() },
      t("outbox.label_message", { name: match.other_first_name }),
    );
    rerender();
  });
  return form;
}

function closedNote(match) {
  if (match.status === "proposed") return h("p", {}, t("thread.not_yet"));
  return h("p", {}, t("thread.closed"));
}

/** The conversation with the other side of one match. */
export async function threadView({ params, go }) {
  const path = `/matches/${params.id}/messages`;
  let match;
  let messages;
  try {
    [match, messages] = await Promise.all([get(`/matches/${params.id}`), get(path)]);
  } catch (error) {
    return loadProblem(t("thread.title_plain"), error);
  }
  const m = match.data;
  const rerender = () => go(`#/matches/${m.id}/messages`);
  const shown = [...messages.data.map(messageItem), ...(await waitingItems(path))];
  page(
    t("thread.title", { name: m.other_first_name }),
    takeFlash(),
    savedNotice(messages.savedAt),
    h("p", {}, h("a", { href: `#/matches/${m.id}` }, t("thread.back"))),
    shown.length
      ? h("ol", { class: "thread", "aria-label": t("thread.messages") }, shown)
      : h("p", {}, t("thread.empty")),
    m.may_write ? writeForm(m, path, rerender) : closedNote(m),
    m.my_side !== "organizer"
      ? [blockLink(m.other_id, m.other_first_name), reportLink("matches", m.id)]
      : null,
  );
}
