// Asking for help (three steps), offering help, help nearby, and one request with its matches.
import { get } from "../api.js";
import { t, when } from "../i18n.js";
import { activeCircles, state } from "../store.js";
import { Problem, choices, h, loadProblem, onSubmit, page, savedNotice, send, takeFlash, textField } from "../ui.js";
import { matchActions } from "./matches.js";
import { mapButton } from "./map.js";

/** The kinds of help, translated; saved offline like any other GET. */
async function categories() {
  return (await get("/categories")).data;
}

function steps(number) {
  return h("p", { class: "steps" }, t("ask.step", { number, total: 3 }));
}

/** Ask for help in three steps: what, when and in your words, where; then check and send. */
export async function ask({ go }) {
  const circles = activeCircles();
  if (!circles.length) {
    return page(t("ask.title"), h("p", {}, t("ask.no_circle")), h("a", { href: "#/circles" }, t("home.find_circles")));
  }
  let kinds;
  try {
    kinds = await categories();
  } catch (error) {
    return loadProblem(t("ask.title"), error);
  }
  const draft = { circle_id: circles[0].circle_id, when: "flexible", place_choice: "home" };
  const back = (step) => h("button", { type: "button", class: "secondary", onclick: step }, t("ask.back"));

  function stepOne() {
    const form = h(
      "form",
      { novalidate: true },
      steps(1),
      choices({ name: "category", legend: t("ask.what"), options: kinds, selected: [draft.category], required: true }),
      h("button", { type: "submit" }, t("ask.next")),
    );
    onSubmit(form, async (data) => {
      if (!data.category) throw new Problem("category", t("ask.choose_kind"));
      draft.category = data.category;
      stepTwo();
    });
    page(t("ask.title"), form);
  }

  function stepTwo() {
    const form = h(
      "form",
      { novalidate: true },
      steps(2),
      textField({ name: "description", label: t("ask.describe"), hint: t("ask.describe_hint"), multiline: true, value: draft.description }),
      choices({
        name: "when",
        legend: t("ask.when"),
        options: [
          { code: "flexible", label: t("time.flexible") },
          { code: "time", label: t("ask.at_a_time") },
        ],
        selected: [draft.when],
      }),
      textField({ name: "needed_at", label: t("ask.time"), hint: t("ask.time_hint"), type: "datetime-local", value: draft.needed_at }),
      h("button", { type: "submit" }, t("ask.next")),
      back(stepOne),
    );
    onSubmit(form, async (data) => {
      if (!data.description.trim()) {
        throw new Problem("description", t("ask.describe_missing"));
      }
      if (data.when === "time" && !data.needed_at) {
        throw new Problem("needed_at", t("ask.time_missing"));
      }
      Object.assign(draft, { description: data.description.trim(), when: data.when, needed_at: data.needed_at });
      stepThree();
    });
    page(t("ask.title"), form);
  }

  function stepThree() {
    const kind = kinds.find((k) => k.code === draft.category)?.label;
    const form = h(
      "form",
      { novalidate: true },
      steps(3),
      choices({
        name: "place_choice",
        legend: t("ask.where"),
        options: [
          { code: "home", label: t("ask.at_home") },
          { code: "other", label: t("ask.elsewhere") },
        ],
        selected: [draft.place_choice],
      }),
      textField({ name: "place", label: t("ask.place"), hint: t("ask.place_hint"), value: draft.place }),
      circles.length > 1
        ? choices({
            name: "circle_id",
            legend: t("ask.circle"),
            options: circles.map((c) => ({ code: String(c.circle_id), label: c.circle_name })),
            selected: [String(draft.circle_id)],
          })
        : null,
      h("h2", {}, t("ask.check")),
      h(
        "dl",
        { class: "details" },
        h("dt", {}, t("ask.what_short")),
        h("dd", {}, kind),
        h("dt", {}, t("ask.describe_short")),
        h("dd", {}, draft.description),
        h("dt", {}, t("ask.when_short")),
        h("dd", {}, draft.when === "time" ? when(new Date(draft.needed_at).toISOString(), state.me.timezone) : t("time.flexible")),
      ),
      h("button", { type: "submit" }, t("ask.send")),
      back(stepTwo),
    );
    onSubmit(form, async (data) => {
      const body = { circle_id: Number(data.circle_id || draft.circle_id), category: draft.category, description: draft.description };
      if (draft.when === "time") body.needed_at = new Date(draft.needed_at).toISOString();
      if (data.place_choice === "other" && data.place.trim()) body.place = data.place.trim();
      const created = await send("POST", "/requests", body, t("outbox.label_request", { what: kind }));
      go(created?.id ? `#/requests/${created.id}` : "#/");
    });
    page(t("ask.title"), form);
  }

  stepOne();
}

/** A standing offer of help, and the offers I already have. */
export async function offer({ go }) {
  let kinds;
  let mine;
  try {
    [kinds, mine] = await Promise.all([categories(), get("/offers")]);
  } catch (error) {
    return loadProblem(t("offer.title"), error);
  }
  const label = (code) => kinds.find((k) => k.code === code)?.label || code;
  const form = h(
    "form",
    { novalidate: true },
    choices({ name: "category", legend: t("offer.what"), options: kinds, required: true }),
    textField({ name: "max_km", label: t("offer.max_km"), hint: t("profile.travel_km_hint"), type: "number", inputmode: "decimal", min: 0.5, max: 50, step: 0.5, value: state.me.travel_km ?? 2 }),
    textField({ name: "availability", label: t("offer.availability"), hint: t("offer.availability_hint"), value: "" }),
    h("button", { type: "submit" }, t("offer.send")),
  );
  onSubmit(form, async (data) => {
    if (!data.category) throw new Problem("category", t("ask.choose_kind"));
    const body = { category: data.category, max_km: Number(data.max_km) };
    if (data.availability.trim()) body.availability = data.availability.trim();
    await send("POST", "/offers", body, t("outbox.label_offer", { what: label(data.category) }));
    go("#/offer");
  });
  page(
    t("offer.title"),
    takeFlash(),
    savedNotice(mine.savedAt),
    h("p", {}, t("offer.intro")),
    mine.data.length
      ? [h("h2", {}, t("offer.mine")), h("ul", {}, mine.data.map((o) => h("li", {}, t("offer.line", { what: label(o.category), km: o.max_km }))))]
      : null,
    h("h2", {}, t("offer.new")),
    form,
  );
}

function requestCard(request, level) {
  return h(
    "li",
    { class: "card" },
    h(level, {}, h("a", { href: `#/requests/${request.id}` }, request.category_label || request.category)),
    h("p", {}, request.description),
    h("p", {}, when(request.needed_at, state.me.timezone)),
    request.distance_km != null ? h("p", {}, t("circles.distance", { km: request.distance_km.toLocaleString(document.documentElement.lang) })) : null,
    request.status ? h("p", { class: "tag" }, t(`status.${request.status}`)) : null,
  );
}

export function requestList(requests, empty, level = "h3") {
  return requests.length ? h("ul", { class: "cards" }, requests.map((r) => requestCard(r, level))) : h("p", {}, empty);
}

/** Open requests near me in my circles, as a list (and a map for those who want one). */
export async function nearby() {
  try {
    const { data, savedAt } = await get("/requests?scope=nearby");
    page(t("nearby.title"), takeFlash(), savedNotice(savedAt), h("p", {}, t("nearby.intro")), await mapButton(data), requestList(data, t("nearby.none"), "h2"));
  } catch (error) {
    loadProblem(t("nearby.title"), error);
  }
}

/** One request: what, when, its status; for the requester, suggested helpers with reasons. */
export async function requestDetail({ params, go }) {
  let request;
  try {
    request = await get(`/requests/${params.id}`);
  } catch (error) {
    return loadProblem(t("request.title"), error);
  }
  const r = request.data;
  const mine = r.requester_id === state.me.id;
  const rerender = () => go(`#/requests/${r.id}`);
  let suggestions = [];
  if (mine && r.status === "open") {
    suggestions = (await get(`/requests/${r.id}/suggestions`).catch(() => ({ data: [] }))).data;
  }
  page(
    r.category_label || t("request.title"),
    takeFlash(),
    savedNotice(request.savedAt),
    h(
      "dl",
      { class: "details" },
      h("dt", {}, t("ask.describe_short")),
      h("dd", {}, r.description),
      h("dt", {}, t("ask.when_short")),
      h("dd", {}, when(r.needed_at, state.me.timezone)),
      h("dt", {}, t("request.status")),
      h("dd", {}, t(`status.${r.status}`)),
    ),
    (r.matches || []).map((match) => matchActions(match, r, rerender)),
    !mine && r.status === "open" && !(r.matches || []).some((m) => m.helper_id === state.me.id)
      ? h(
          "button",
          {
            type: "button",
            onclick: async () => {
              await send("POST", "/matches", { request_id: r.id }, t("outbox.label_volunteer"));
              rerender();
            },
          },
          t("request.i_can_help"),
        )
      : null,
    mine && r.status === "open"
      ? [
          h("h2", {}, t("request.suggestions")),
          suggestions.length
            ? h(
                "ul",
                { class: "cards" },
                suggestions.map((s) =>
                  h(
                    "li",
                    { class: "card" },
                    h("h3", {}, s.name),
                    h("ul", { class: "reasons" }, (s.reasons || []).map((reason) => h("li", {}, reason))),
                    h(
                      "button",
                      {
                        type: "button",
                        onclick: async () => {
                          await send("POST", "/matches", { request_id: r.id, helper_id: s.helper_id }, t("outbox.label_invite", { name: s.name }));
                          rerender();
                        },
                      },
                      t("request.ask_person", { name: s.name }),
                    ),
                  ),
                ),
              )
            : h("p", {}, t("request.no_suggestions")),
        ]
      : null,
  );
}
