// The app: loads the language and the member, draws the menu and status line, routes screens.
import { Offline, onAvailability, serverUnavailable } from "./api.js";
import { loadLanguage, t } from "./i18n.js";
import * as outbox from "./outbox.js";
import { applyTextSize, loadMe, settings, state } from "./store.js";
import { h, loadProblem } from "./ui.js";
// Each screen's module is loaded when its route is first shown, not all at start: a newcomer
// sees one screen. The import goes through the page's import map, so it names the digested file.
// The service worker keeps each module once loaded, and all of them once a member is signed in
// (see keepTheWholeApp), so the app still works offline.
const VIEWS = {
  account: () => import("./views/account.js"),
  arrangements: () => import("./views/arrangements.js"),
  ask: () => import("./views/ask.js"),
  circles: () => import("./views/circles.js"),
  events: () => import("./views/events.js"),
  home: () => import("./views/home.js"),
  matches: () => import("./views/matches.js"),
  mydata: () => import("./views/mydata.js"),
  profile: () => import("./views/profile.js"),
  recovery: () => import("./views/recovery.js"),
  relatives: () => import("./views/relatives.js"),
  requests: () => import("./views/requests.js"),
  threads: () => import("./views/threads.js"),
  trust: () => import("./views/trust.js"),
};

// Route pattern -> [module, screen, needs sign-in]. ":id" parts are passed as params.
const ROUTES = [
  ["", "home", "home", true],
  ["signin", "account", "signIn", false],
  ["signup", "account", "signUp", false],
  ["signout", "account", "signOutView", true],
  ["forgot", "recovery", "forgot", false],
  ["reset/:token", "recovery", "reset", false],
  ["sms-code", "recovery", "smsCode", false],
  ["confirm-email/:token", "recovery", "confirmEmail", false],
  ["circles", "circles", "findCircles", false],
  ["ask", "ask", "ask", true],
  ["offer", "ask", "offer", true],
  ["nearby", "requests", "nearby", true],
  ["requests/:id", "requests", "requestDetail", true],
  ["matches/:id", "matches", "matchDetail", true],
  ["matches/:id/messages", "threads", "threadView", true],
  ["arrangements", "arrangements", "arrangementsView", true],
  ["events", "events", "eventList", true],
  ["events/:id", "events", "eventDetail", true],
  ["notifications", "home", "notificationsView", true],
  ["outbox", "home", "outboxView", true],
  ["profile", "profile", "profile", true],
  ["settings", "profile", "settingsView", false],
  ["report/:kind/:id", "trust", "reportForm", true],
  ["block/:id", "trust", "blockView", true],
  ["reports", "trust", "myReports", true],
  ["behalf", "trust", "onMyBehalf", true],
  ["my-data", "mydata", "myData", true],
  ["relatives", "relatives", "relativesView", true],
  ["ask-for/:id", "relatives", "askFor", true],
  ["card/:code", "trust", "signInWithCard", false],
];

function match(path) {
  for (const [pattern, module, view, private_] of ROUTES) {
    const names = [];
    const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name) => (names.push(name), "([^/]+)"))}$`);
    const found = path.match(regex);
    if (found)
      return { module, view, private_, params: Object.fromEntries(names.map((n, i) => [n, found[i + 1]])) };
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

// Once a member is signed in, the service worker is asked (when the screen is drawn and the
// phone idle) to keep every screen's module, so that she can use the whole app offline later.
// A newcomer's first visit, signed out, does not download them.
let keepingTheWholeApp = false;
function keepTheWholeApp() {
  if (keepingTheWholeApp || !state.me || !("serviceWorker" in navigator)) return;
  keepingTheWholeApp = true;
  const ask = () => navigator.serviceWorker.ready.then((r) => r.active?.postMessage("keep-the-whole-app"));
  if ("requestIdleCallback" in window) requestIdleCallback(ask);
  else setTimeout(ask, 1000);
}

// Screens are drawn as they are asked for, but a slow one (home loads several things) may
// finish after the member has already tapped on: then the newest screen is drawn again.
let drawsBegun = 0;
let newestDrawn = 0;

async function draw() {
  const [path, query = ""] = location.hash.replace(/^#\/?/, "").split("?");
  const route = match(path) || match("");
  if (route.private_ && !state.me) return go("#/signin");
  const mine = ++drawsBegun;
  menu(`#/${path}`);
  const shown = loading(true);
  try {
    await status();
    const screens = await VIEWS[route.module]();
    await screens[route.view]({ params: route.params, query, go });
    keepTheWholeApp();
  } catch (error) {
    loadProblem(t("error.title"), error);
  } finally {
    clearTimeout(shown);
    if (mine === drawsBegun) loading(false);
  }
  if (mine < drawsBegun && newestDrawn === drawsBegun) return draw(); // drawn over the newer one
  newestDrawn = Math.max(newestDrawn, mine);
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
