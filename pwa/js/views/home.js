// Home (my circles, requests, helpers, events, new messages), the inbox, and the outbox.
import { get, post } from "../api.js";
import { t, when } from "../i18n.js";
import * as outbox from "../outbox.js";
import { activeCircles, state } from "../store.js";
import { h, loadProblem, page, savedNotice, takeFlash } from "../ui.js";
import { matchItem } from "./matches.js";
import { confirmNotice } from "./recovery.js";
import { requestList } from "./requests.js";

/** Things still waiting to be sent, with what to do about refused ones. */
function waitingList(items, rerender, level = "h3") {
  return h(
    "ul",
    { class: "cards" },
    items.map((item) =>
      h(
        "li",
        { class: "card" },
        h(level, {}, item.label),
        h(
          "p",
          {},
          t("outbox.saved_at", { time: when(new Date(item.created).toISOString(), state.me?.timezone) }),
        ),
        item.problem
          ? [
              h("p", { class: "error-text" }, t("outbox.refused", { reason: item.problem })),
              h(
                "button",
                { type: "button", onclick: () => outbox.retry(item.key).then(rerender) },
                t("outbox.retry"),
              ),
              h(
                "button",
                { type: "button", class: "warning", onclick: () => outbox.remove(item.key).then(rerender) },
                t("outbox.remove"),
              ),
            ]
          : h("p", {}, t(item.slow ? "outbox.still_trying" : "outbox.will_send")),
      ),
    ),
  );
}

/** The people I have helped or been helped by two or more times. */
function relationships(people) {
  if (!people.length) return h("p", {}, t("home.no_relationships"));
  return h(
    "ul",
    {},
    people.map((r) => h("li", {}, t("home.relationship", { name: r.person.name, count: r.times }))),
  );
}

function eventLine(event) {
  return h(
    "li",
    {},
    h("a", { href: `#/events/${event.id}?at=${encodeURIComponent(event.occurrence_start)}` }, event.title),
    ", ",
    when(event.starts_at, state.me.timezone),
  );
}

const MATCH_PAGE = 10;
const live = (match) => !["declined", "cancelled"].includes(match.status);

/** My matches, newest first, a page at a time: the server sends ten, older ones on request. */
function matchList(first) {
  const list = h("ul", {}, first.data.filter(live).map(matchItem));
  let shown = first.data.length;
  let pageNumber = 1;
  const more = h("button", { type: "button", class: "secondary" }, t("home.older_matches"));
  const offer = h("p", {}, more);
  more.addEventListener("click", async () => {
    const answer = await get(`/matches?page=${pageNumber + 1}&page_size=${MATCH_PAGE}`).catch(() => null);
    if (!answer) return; // offline: the button stays for another try
    pageNumber += 1;
    shown += answer.data.length;
    list.append(...answer.data.filter(live).map(matchItem));
    if (!answer.data.length || shown >= (answer.total ?? shown)) offer.remove();
  });
  return [list, shown < (first.total ?? shown) ? offer : null];
}

/** The member's start page: what to do, messages, my requests and helpers, coming events. */
export async function home() {
  const flash = takeFlash();
  const me = state.me;
  const circles = activeCircles();
  const quietly = (path) => get(path).catch(() => null); // a part that cannot load is left out
  const [unreadAnswer, mine, matches, people, events] = await Promise.all([
    quietly("/notifications/unread"),
    quietly("/requests"),
    quietly(`/matches?page_size=${MATCH_PAGE}`),
    quietly("/me/relationships"),
    quietly("/events"),
  ]);
  const unread = unreadAnswer?.data.unread || 0;
  state.unread = unread;
  const items = await outbox.waiting();
  const savedAt =
    [unreadAnswer, mine, matches, people, events].find((answer) => answer?.savedAt)?.savedAt ||
    state.meSavedAt;
  page(
    t("home.title", { name: me.name.split(" ")[0] }),
    flash,
    savedNotice(savedAt),
    confirmNotice(),
    h("h2", {}, t("home.do")),
    h(
      "p",
      {},
      h("a", { class: "button", href: "#/ask" }, t("nav.ask")),
      h("a", { class: "button secondary", href: "#/offer" }, t("home.offer")),
    ),
    h("h2", {}, t("home.messages")),
    h(
      "p",
      {},
      h("a", { href: "#/notifications" }, unread ? t("home.unread", { count: unread }) : t("home.no_unread")),
    ),
    items.length ? [h("h2", {}, t("outbox.title")), waitingList(items, home)] : null,
    mine
      ? [
          h("h2", {}, t("home.my_requests")),
          requestList(
            mine.data.filter((r) => ["open", "matched"].includes(r.status)),
            t("home.no_requests"),
          ),
        ]
      : null,
    matches
      ? [
          h("h2", {}, t("home.matches")),
          matches.data.length ? matchList(matches) : h("p", {}, t("home.no_matches")),
        ]
      : null,
    people
      ? [
          h("h2", {}, t("home.helpers")),
          relationships(people.data),
          h("p", {}, h("a", { href: "#/arrangements" }, t("home.arrangements"))),
        ]
      : null,
    events
      ? [
          h("h2", {}, t("home.events")),
          events.data.length
            ? h("ul", {}, events.data.slice(0, 3).map(eventLine))
            : h("p", {}, t("events.none")),
        ]
      : null,
    h("h2", {}, t("home.circles")),
    circles.length
      ? h(
          "ul",
          {},
          circles.map((m) => h("li", {}, m.circle_name)),
        )
      : h("p", {}, t("home.no_circles")),
    h("p", {}, h("a", { href: "#/circles" }, t("home.find_circles"))),
  );
}

/** My notifications, newest first; opening the page marks them read. */
export async function notificationsView() {
  try {
    const { data, savedAt } = await get("/notifications?page_size=50");
    page(
      t("notifications.title"),
      savedNotice(savedAt),
      data.length
        ? h(
            "ul",
            { class: "cards" },
            data.map((n) =>
              h(
                "li",
                { class: "card" },
                h(
                  "p",
                  {},
                  n.read_at ? null : h("span", { class: "tag" }, t("notifications.new")),
                  " ",
                  n.text,
                ),
                h("p", {}, when(n.created_at, state.me.timezone)),
                n.link
                  ? h(
                      "p",
                      {},
                      h(
                        "a",
                        { href: n.link.startsWith("#") ? n.link : `#${n.link}` },
                        t("notifications.open"),
                      ),
                    )
                  : null,
              ),
            ),
          )
        : h("p", {}, t("notifications.none")),
    );
    if (!savedAt && data.some((n) => !n.read_at)) {
      await post("/notifications/read").catch(() => {});
      state.unread = 0;
    }
  } catch (error) {
    loadProblem(t("notifications.title"), error);
  }
}

/** What is still waiting to be sent from this phone. */
export async function outboxView() {
  const items = await outbox.waiting();
  page(
    t("outbox.title"),
    h("p", {}, navigator.onLine ? t("outbox.intro_online") : t("outbox.intro_offline")),
    items.length ? waitingList(items, outboxView, "h2") : h("p", {}, t("outbox.empty")),
  );
}
