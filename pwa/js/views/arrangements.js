// Regular arrangements: a weekly chat or visit can be paused until a day, started again, or
// stopped for good. Each change goes through the outbox like every other action.
import { get } from "../api.js";
import { day, t } from "../i18n.js";
import { h, loadProblem, onSubmit, page, savedNotice, send, takeFlash, textField } from "../ui.js";

function standing(a) {
  if (!a.active) return t("arrangement.stopped");
  if (a.paused_until) return t("arrangement.paused", { date: day(a.paused_until) });
  return t("arrangement.running");
}

function pauseForm(a, label, rerender) {
  const form = h(
    "form",
    { novalidate: true },
    textField({
      name: "paused_until",
      label: t("arrangement.pause_until"),
      hint: t("arrangement.pause_hint"),
      type: "date",
      required: true,
    }),
    h("button", { type: "submit", class: "secondary" }, t("arrangement.pause")),
  );
  onSubmit(form, async (data) => {
    await send(
      "PATCH",
      `/arrangements/${a.id}`,
      { paused_until: data.paused_until },
      t("outbox.label_pause", { what: label }),
    );
    rerender();
  });
  return form;
}

// Stopping is for good, so it asks once more, in the same place, before it is sent.
function stopButton(a, label, rerender) {
  const area = h("div", { class: "actions" });
  const stop = async () => {
    await send("DELETE", `/arrangements/${a.id}`, null, t("outbox.label_stop", { what: label }));
    rerender();
  };
  const ask = () =>
    area.replaceChildren(
      h("p", {}, t("arrangement.stop_sure", { name: a.other_first_name })),
      h("button", { type: "button", class: "warning", onclick: stop }, t("arrangement.stop_yes")),
      h("button", { type: "button", class: "secondary", onclick: rerender }, t("arrangement.stop_no")),
    );
  area.append(h("button", { type: "button", class: "secondary", onclick: ask }, t("arrangement.stop")));
  return area;
}

function card(a, kinds, rerender) {
  const what = kinds.find((k) => k.code === a.category)?.label || a.category;
  const label = t("arrangement.line", { what, name: a.other_first_name });
  const resume = async () => {
    await send(
      "PATCH",
      `/arrangements/${a.id}`,
      { paused_until: null },
      t("outbox.label_resume", { what: label }),
    );
    rerender();
  };
  return h(
    "li",
    { class: "card" },
    h("h2", {}, label),
    h("p", {}, t(a.every_weeks === 1 ? "arrangement.weekly" : "arrangement.fortnightly"), " · ", standing(a)),
    a.active && a.paused_until
      ? h("button", { type: "button", onclick: resume }, t("arrangement.resume"))
      : null,
    a.active ? [pauseForm(a, label, rerender), stopButton(a, label, rerender)] : null,
  );
}

/** My regular arrangements, each with pause, start again and stop. */
export async function arrangementsView({ go }) {
  let mine;
  let kinds;
  try {
    [mine, kinds] = await Promise.all([get("/arrangements"), get("/categories")]);
  } catch (error) {
    return loadProblem(t("arrangement.title"), error);
  }
  const rerender = () => go("#/arrangements");
  page(
    t("arrangement.title"),
    takeFlash(),
    savedNotice(mine.savedAt),
    mine.data.length
      ? h(
          "ul",
          { class: "cards" },
          mine.data.map((a) => card(a, kinds.data, rerender)),
        )
      : h("p", {}, t("arrangement.none")),
  );
}
