// Help nearby (offer to help with one), and one of my requests with suggested helpers.
import { get, patch } from "../api.js";
import { t, when } from "../i18n.js";
import { state } from "../store.js";
import { h, loadProblem, page, savedNotice, send, setFlash, showProblem, takeFlash } from "../ui.js";
import { mapButton } from "./map.js";
import { blockLink, reportLink } from "./trust.js";

const km = (value) => t("circles.distance", { km: value });

function requestCard(request, level, action) {
  const title = request.category_label || request.category;
  return h(
    "li",
    { class: "card" },
    h(
      level,
      {},
      request.mine !== false && !action ? h("a", { href: `#/requests/${request.id}` }, title) : title,
    ),
    request.description ? h("p", {}, request.description) : null,
    h("p", {}, when(request.needed_at, state.me.timezone)),
    request.distance_km != null ? h("p", {}, km(request.distance_km)) : null,
    // Known only by postcode: the district, never a distance from its centre.
    request.distance_km == null && request.area
      ? h("p", {}, t("circles.lives_in", { place: request.area }))
      : null,
    request.status && !action ? h("p", { class: "tag" }, t(`status.${request.status}`)) : null,
    action ? action(request) : null,
    action && !request.mine ? reportLink("requests", request.id) : null, // others' requests nearby
  );
}

/** Requests as cards; action(request) adds a button to each. */
export function requestList(requests, empty, level = "h3", action = null) {
  return requests.length
    ? h(
        "ul",
        { class: "cards" },
        requests.map((r) => requestCard(r, level, action)),
      )
    : h("p", {}, empty);
}

/** "I can help": a proposal the requester answers; sent through the outbox. */
function volunteer(go) {
  return (request) =>
    h(
      "button",
      {
        type: "button",
        onclick: async () => {
          const label = t("outbox.label_volunteer", { what: request.category_label });
          const match = await send("POST", "/matches", { request_id: request.id }, label);
          go(match ? `#/matches/${match.id}` : "#/nearby");
        },
      },
      t("request.i_can_help"),
    );
}

/** Open requests near me in my circles, nearest first (and a map for those who want one). */
export async function nearby({ go }) {
  try {
    const { data, savedAt } = await get("/requests?near=1");
    page(
      t("nearby.title"),
      takeFlash(),
      savedNotice(savedAt),
      h("p", {}, t("nearby.intro")),
      await mapButton(data),
      requestList(data, t("nearby.none"), "h2", volunteer(go)),
    );
  } catch (error) {
    loadProblem(t("nearby.title"), error);
  }
}

function suggestionCard(request, suggestion, rerender) {
  const invite = async () => {
    const label = t("outbox.label_invite", { name: suggestion.first_name });
    await send("POST", "/matches", { request_id: request.id, helper_id: suggestion.helper_id }, label);
    rerender();
  };
  return h(
    "li",
    { class: "card" },
    h("h3", {}, suggestion.first_name),
    h(
      "ul",
      { class: "reasons" },
      (suggestion.reasons || []).map((reason) => h("li", {}, reason)),
    ),
    h(
      "button",
      { type: "button", onclick: invite },
      t("request.ask_person", { name: suggestion.first_name }),
    ),
    blockLink(suggestion.helper_id, suggestion.first_name),
  );
}

function matchLine(match) {
  return h(
    "li",
    { class: "card" },
    h(
      "h3",
      {},
      h("a", { href: `#/matches/${match.id}` }, t("match.with", { name: match.helper_first_name })),
    ),
    h("p", { class: "tag" }, t(`match.status.${match.status}`)),
  );
}

/** One of my requests: what, when, its status, its helpers; while open, who could help and why. */
export async function requestDetail({ params, go }) {
  let answer;
  try {
    answer = await get(`/requests/${params.id}`);
  } catch (error) {
    return loadProblem(t("request.title"), error);
  }
  const r = answer.data;
  const rerender = () => go(`#/requests/${r.id}`);
  const asked = new Set(
    (r.matches || []).filter((m) => m.status === "proposed").map((m) => m.helper_first_name),
  );
  let suggestions = [];
  if (r.mine && r.status === "open" && !answer.savedAt) {
    suggestions = (await get(`/requests/${r.id}/suggestions`).catch(() => ({ data: [] }))).data;
  }
  const cancel = h("button", { type: "button", class: "secondary" }, t("request.cancel"));
  cancel.addEventListener("click", async () => {
    try {
      await patch(`/requests/${r.id}`, { status: "cancelled" });
      setFlash(t("request.cancelled"));
      rerender();
    } catch (error) {
      showProblem(cancel.parentElement, error);
    }
  });
  page(
    r.category_label || t("request.title"),
    takeFlash(),
    savedNotice(answer.savedAt),
    h(
      "dl",
      { class: "details" },
      h("dt", {}, t("ask.describe_short")),
      h("dd", {}, r.description || "–"),
      h("dt", {}, t("ask.when_short")),
      h("dd", {}, when(r.needed_at, state.me.timezone)),
      r.place
        ? [h("dt", {}, t("ask.where_short")), h("dd", {}, r.place === "home" ? t("ask.at_home") : r.place)]
        : null,
      h("dt", {}, t("request.status")),
      h("dd", {}, t(`status.${r.status}`)),
    ),
    r.matches?.length
      ? [h("h2", {}, t("request.helpers")), h("ul", { class: "cards" }, r.matches.map(matchLine))]
      : null,
    r.mine && r.status === "open"
      ? [
          h("h2", {}, t("request.suggestions")),
          suggestions.length
            ? h(
                "ul",
                { class: "cards" },
                suggestions
                  .filter((s) => !asked.has(s.first_name))
                  .map((s) => suggestionCard(r, s, rerender)),
              )
            : h("p", {}, t("request.no_suggestions")),
        ]
      : null,
    r.mine && ["open", "matched"].includes(r.status) ? h("div", { class: "actions" }, cancel) : null,
    r.mine ? null : reportLink("requests", r.id),
  );
}
