// Help nearby, and one request with its suggested helpers and its matches.
import { get } from "../api.js";
import { t, when } from "../i18n.js";
import { state } from "../store.js";
import { h, loadProblem, page, savedNotice, send, takeFlash } from "../ui.js";
import { mapButton } from "./map.js";
import { matchActions } from "./matches.js";

function requestCard(request, level) {
  return h(
    "li",
    { class: "card" },
    h(level, {}, h("a", { href: `#/requests/${request.id}` }, request.category_label || request.category)),
    h("p", {}, request.description),
    h("p", {}, when(request.needed_at, state.me.timezone)),
    request.distance_km != null
      ? h(
          "p",
          {},
          t("circles.distance", { km: request.distance_km.toLocaleString(document.documentElement.lang) }),
        )
      : null,
    request.status ? h("p", { class: "tag" }, t(`status.${request.status}`)) : null,
  );
}

export function requestList(requests, empty, level = "h3") {
  return requests.length
    ? h(
        "ul",
        { class: "cards" },
        requests.map((r) => requestCard(r, level)),
      )
    : h("p", {}, empty);
}

/** Open requests near me in my circles, as a list (and a map for those who want one). */
export async function nearby() {
  try {
    const { data, savedAt } = await get("/requests?scope=nearby");
    page(
      t("nearby.title"),
      takeFlash(),
      savedNotice(savedAt),
      h("p", {}, t("nearby.intro")),
      await mapButton(data),
      requestList(data, t("nearby.none"), "h2"),
    );
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
                    h(
                      "ul",
                      { class: "reasons" },
                      (s.reasons || []).map((reason) => h("li", {}, reason)),
                    ),
                    h(
                      "button",
                      {
                        type: "button",
                        onclick: async () => {
                          await send(
                            "POST",
                            "/matches",
                            { request_id: r.id, helper_id: s.helper_id },
                            t("outbox.label_invite", { name: s.name }),
                          );
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
