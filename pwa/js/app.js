// The app: loads the language and the member, draws the menu and status line, routes screens.
import { Offline, onAvailability, serverUnavailable } from "./api.js";
import { loadLanguage, t } from "./i18n.js";
import * as outbox from "./outbox.js";
import { applyTextSize, loadMe, settings, state } from "./store.js";
import { h, loadProblem } from "./ui.js";
import { signIn, signOutView, signUp } from "./views/account.js";
import { findCircles } from "./views/circles.js";
import { eventDetail, eventList } from "./views/events.js";
import { ask, offer } from "./views/ask.js";
import { arrangementsView } from "./views/arrangements.js";
import { matchDetail } from "./views/matches.js";
import { nearby, requestDetail } from "./views/requests.js";
import { home, notificationsView, outboxView } from "./views/home.js";
import { profile, settingsView } from "./views/profile.js";
import { confirmEmail, forgot, reset, smsCode } from "./views/recovery.js";
import { threadView } from "./views/threads.js";
import { blockView, myReports, onMyBehalf, reportForm, signInWithCard } from "./views/trust.js";
import { myData } from "./views/mydata.js";
import { askFor, relativesView } from "./views/relatives.js";

// Route pattern -> [screen, needs sign-in]. ":id" parts are passed as params.
const ROUTES = [
  ["", home, true],
  ["signin", signIn, false],
  ["signup", signUp, false],
  ["signout", signOutView, true],
  ["forgot", forgot, false],
  ["reset/:token", reset, false],
  ["sms-code", smsCode, false],
  ["confirm-email/:token", confirmEmail, false],
  ["circles", findCircles, false],
  ["ask", ask, true],
  ["offer", offer, true],
  ["nearby", nearby, true],
  ["requests/:id", requestDetail, true],
  ["matches/:id", matchDetail, true],
  ["matches/:id/messages", threadView, true],
  ["arrangements", arrangementsView, true],
  ["events", eventList, true],
  ["events/:id", eventDetail, true],
  ["notifications", notificationsView, true],
  ["outbox", outboxView, true],
  ["profile", profile, true],
  ["settings", settingsView, false],
  ["report/:kind/:id", reportForm, true],
  ["block/:id", blockView, true],
  ["reports", myReports, true],
  ["behalf", onMyBehalf, true],
  ["my-data", myData, true],
  ["relatives", relativesView, true],
  ["ask-for/:id", askFor, true],
  ["card/:code", signInWithCard, false],
];

function match(path) {
  for (const [pattern, view, private_] of ROUTES) {
    const names = [];
    const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name) => (names.push(name), "([^/]+)"))}$`);
    const found = path.match(regex);
    if (found) return { view, private_, params: Object.fromEntries(names.map((n, i) => [n, found[i + 1]])) };
  }
  return null;
}

function menu(current) {
  const links = state.me
    ? [
        ["#/", t("nav.home")],
        ["#/ask", t("nav.ask")],
        ["#/nearby", t("nav.nearby")],
        ["#/events", t("nav.events")],
        [
          "#/notifications",
          state.unread ? t("nav.messages_unread", { count: state.unread }) : t("nav.messages"),
        ],
        ["#/profile", t("nav.profile")],
        ["#/settings", t("nav.settings")],
        ["#/signout", t("nav.signout")],
      ]
    : [
        ["#/signin", t("nav.signin")],
        ["#/signup", t("nav.signup")],
        ["#/settings", t("nav.settings")],
      ];
  const nav = document.getElementById("nav");
  nav.setAttribute("aria-label", t("nav.label"));
  const list = h(
    "ul",
    { id: "nav-list", hidden: true },
    links.map(([href, label]) =>
      h("li", {}, h("a", { href, "aria-current": href === current ? "page" : null }, label)),
    ),
  );
  // A button, not a gesture or a hover, opens the menu; it closes when a screen opens.
  const toggle = h(
    "button",
    { type: "button", class: "menu", "aria-expanded": "false", "aria-controls": "nav-list" },
    t("nav.label"),
  );
  toggle.addEventListener("click", () => {
    list.hidden = !list.hidden;
    toggle.setAttribute("aria-expanded", String(!list.hidden));
  });
  nav.replaceChildren(toggle, list);
  document.getElementById("skip-link").textContent = t("nav.skip");
  footer();
}

/** The footer's links to the privacy notice and accessibility statement, in the app's language. */
function footer() {
  const lang = document.documentElement.lang || "da";
  document.getElementById("legal").setAttribute("aria-label", t("footer.label"));
  for (const [id, path, key] of [
    ["privacy-link", "/privacy", "footer.privacy"],
    ["accessibility-link", "/accessibility", "footer.accessibility"],
  ]) {
    const link = document.getElementById(id);
    link.href = `${path}?lang=${lang}`;
    link.textContent = t(key);
  }
}

/** The status line: offline, and what is still waiting to be sent. */
async function status(items, sent = []) {
  const waiting = (items || (await outbox.waiting())).length;
  const line = document.getElementById("status");
  const parts = [];
  if (!navigator.onLine) parts.push(t("offline.now"));
  else if (serverUnavailable()) parts.push(t("offline.unavailable"));
  // What the outbox sent in the background is said here, once; the screen's own flash says the rest.
  if (sent.length) {
    parts.push(sent.map((item) => t("outbox.sent", { what: item.label })).join(". "));
  }
  if (waiting) parts.push(h("a", { href: "#/outbox" }, t("outbox.waiting", { count: waiting })));
  line.replaceChildren(
    ...(parts.length
      ? [
          h(
            "p",
            {},
            parts.flatMap((p, i) => (i ? [" ", p] : [p])),
          ),
        ]
      : []),
  );
}

function go(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

// Screens are drawn one after another: a slow screen must not overwrite the one asked for after it.
// Of several waiting their turn only the last is drawn, for the hash as it is by then.
let drawing = Promise.resolve();
let waitingTurns = 0;
function render() {
  waitingTurns += 1;
  drawing = drawing.then(() => {
    waitingTurns -= 1;
    return waitingTurns ? null : draw();
  });
  return drawing;
}

// On a slow line the screen asked for can take seconds: the old one is marked busy at once,
// and after a moment a visible "loading" line says that something is on its way.
const SHOW_LOADING_AFTER_MS = 300;

function loading(busy) {
  const main = document.getElementById("main");
  const line = document.getElementById("loading");
  if (busy) {
    main.setAttribute("aria-busy", "true");
    document.getElementById("loading-text").textContent = t("nav.loading");
    return setTimeout(() => (line.hidden = false), SHOW_LOADING_AFTER_MS);
  }
  main.removeAttribute("aria-busy");
  line.hidden = true;
  return null;
}

async function draw() {
  const [path, query = ""] = location.hash.replace(/^#\/?/, "").split("?");
  const route = match(path) || match("");
  if (route.private_ && !state.me) return go("#/signin");
  menu(`#/${path}`);
  const shown = loading(true);
  try {
    await status();
    await route.view({ params: route.params, query, go });
  } catch (error) {
    loadProblem(t("error.title"), error);
  } finally {
    clearTimeout(shown);
    loading(false);
  }
}

async function start() {
  applyTextSize();
  await loadLanguage(settings().language);
  try {
    await loadMe();
    if (state.me) await loadLanguage(state.me.language);
  } catch (error) {
    if (!(error instanceof Offline)) throw error;
  }
  outbox.onChange(async (items, sent) => {
    // The outbox screen, and a screen showing what was just sent (a thread), are drawn again.
    const shown = sent.some((item) => location.hash === `#${item.path}`);
    if (sent.length && (location.hash.startsWith("#/outbox") || shown)) await render();
    status(items, sent);
  });
  // The skip link moves focus; it must not change the hash, which is the route.
  document.getElementById("skip-link").addEventListener("click", (event) => {
    event.preventDefault();
    document.querySelector("main h1")?.focus();
  });
  window.addEventListener("hashchange", render);
  window.addEventListener("online", () => status());
  window.addEventListener("offline", () => status());
  onAvailability(() => status());
  await render();
  if (state.me) outbox.flush();
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js");
}

start();
