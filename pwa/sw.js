// Circles service worker: the app shell works offline, and the member's recent data too.
// The server fills in VERSION, a digest of the app's files (circles/web.py): any change gives a
// new worker with a fresh cache, and the old caches are removed, so nobody runs old and new mixed.
const VERSION = "__SHELL_VERSION__";
const SHELL_CACHE = `circles-shell-${VERSION}`;
// The server fills these in too: each app file's digested address (its bytes never change, so
// the browser keeps it a year), and the page's own digest (its ETag).
const ASSETS = /* __ASSETS__ */ {};
const PAGE_VERSION = "__PAGE_VERSION__";
const address = (path) => ASSETS[path] || path;
// Unversioned: saved data outlives app updates. It belongs to one member: it is cleared whenever
// who is signed in changes (sign-in, sign-out, an ended session), so on a shared phone the next
// member never sees the last one's answers; and it is kept small and recent.
const API_CACHE = "circles-api";
const API_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000; // older saved answers are not shown
const API_MAX_ENTRIES = 150; // past this, the oldest saved answers go
// Requests that change who is signed in on this phone.
const SIGN_IN_CHANGES = [
  "/api/v1/auth/login",
  "/api/v1/auth/card",
  "/api/v1/auth/register",
  "/api/v1/auth/logout",
  "/api/v1/me/sessions",
];

// What every screen needs, kept at install. The screens' own modules (js/views/*.js, and
// push.js) are loaded by the page when a screen is first shown: a newcomer's first visit costs
// only the screen she sees. The worker keeps those the page has loaded at install (from the
// browser's cache: no download), each one the page loads later, and all the rest once a member
// is signed in (the page asks, see keepTheWholeApp), so the whole app works offline from then on.
const SHELL = [
  "/",
  "/manifest.webmanifest",
  "/css/app.css",
  "/icons/icon-192.png",
  "/i18n/da.json", // English is kept once a member chooses it (see cacheFirst)
  "/js/app.js",
  "/js/api.js",
  "/js/i18n.js",
  "/js/outbox.js",
  "/js/store.js",
  "/js/ui.js",
];
// Every module of the app (the server fills in ASSETS), the screens' included.
const MODULES = Object.keys(ASSETS).filter((path) => path.startsWith("/js/") && path.endsWith(".js"));

// The modules not in the shell that this phone has already: in the last version's cache (an
// unchanged file keeps its digested address), or in the browser's cache because the page has
// just loaded them. Never the network: nothing is downloaded here.
async function keepWhatIsHere(cache) {
  const others = MODULES.filter((path) => !SHELL.includes(path)).map(address);
  await Promise.all(
    others.map(async (url) => {
      let found = await caches.match(url);
      if (!found) {
        found = await fetch(url, { cache: "only-if-cached", mode: "same-origin" }).catch(() => null);
      }
      if (found && found.ok) await cache.put(url, found);
    }),
  );
}

// All the modules not kept yet, fetched: asked by the page once a member is signed in, so that
// she can open any screen offline afterwards.
async function keepTheWholeApp() {
  const cache = await caches.open(SHELL_CACHE);
  const missing = [];
  for (const url of MODULES.map(address)) if (!(await cache.match(url))) missing.push(url);
  await Promise.all(missing.map((url) => cache.add(url).catch(() => {}))); // offline: next time
}

self.addEventListener("message", (event) => {
  if (event.data === "keep-the-whole-app") event.waitUntil(keepTheWholeApp());
});

// The page of this version: the copy the browser has just loaded, if it is this version's,
// so installing costs no second download of it; else from the server.
async function currentPage() {
  const loaded = await fetch("/", { cache: "force-cache" });
  if (loaded.ok && (loaded.headers.get("ETag") || "").includes(PAGE_VERSION)) return loaded;
  return fetch("/", { cache: "no-cache" });
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      // The digested files the page loaded come from the browser's HTTP cache, not the network.
      // addAll fails the install if any file is missing: no half shells.
      await cache.addAll(SHELL.filter((path) => path !== "/").map(address));
      await keepWhatIsHere(cache);
      const page = await currentPage();
      if (!page.ok) throw new Error(`the page: ${page.status}`);
      await cache.put("/", page);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith("circles-shell-") && name !== SHELL_CACHE)
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

// Keep the newest API_MAX_ENTRIES answers (a cache lists its entries oldest first).
async function trim(cache) {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - API_MAX_ENTRIES)).map((k) => cache.delete(k)));
}

// The saved answer to request, if there is one recent enough to show; an older one is removed.
async function savedCopy(request) {
  const cache = await caches.open(API_CACHE);
  const saved = await cache.match(request);
  const savedAt = Date.parse(saved?.headers.get("X-Circles-Saved-At") || "");
  if (saved && Date.now() - savedAt < API_MAX_AGE_MS) return saved;
  if (saved) await cache.delete(request);
  return null;
}

// API GETs: the network first, so members see fresh data; the saved copy when offline, or when
// the server answers 503 (its database is down), marked with X-Circles-Saved-At so the page can
// say it shows saved data (and X-Circles-Unavailable after a 503, so it can say why).
async function networkFirst(request) {
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    const saved = await savedCopy(request);
    if (saved) return saved;
    throw error;
  }
  if (response.status === 401) {
    await caches.delete(API_CACHE); // nobody is signed in: nobody's answers stay
  } else if (response.status === 503) {
    const saved = await savedCopy(request);
    if (saved) {
      const headers = new Headers(saved.headers);
      headers.set("X-Circles-Unavailable", "1");
      return new Response(await saved.blob(), { status: saved.status, headers });
    }
  } else if (response.ok) {
    const headers = new Headers(response.headers);
    headers.set("X-Circles-Saved-At", new Date().toISOString());
    const body = await response.clone().blob();
    const cache = await caches.open(API_CACHE);
    await cache.put(request, new Response(body, { status: response.status, headers }));
    await trim(cache);
  }
  return response;
}

// Sign-in, sign-out and ending sessions: once the server has answered, the saved answers go,
// before the page can ask (and save) anything as the new member.
async function changeOfMember(request) {
  const response = await fetch(request);
  if (response.ok) await caches.delete(API_CACHE);
  return response;
}

// The shell: from the cache first (it is versioned), the network for anything not cached yet.
async function cacheFirst(request) {
  const cached = await caches.match(request, { ignoreSearch: request.mode === "navigate" });
  if (cached) return cached;
  const path = new URL(request.url).pathname;
  if (ASSETS[path]) {
    const digested = await caches.match(ASSETS[path]); // a plain address: a push's icon
    if (digested) return digested;
  }
  if (request.mode === "navigate") return caches.match("/"); // one page; the hash routes
  const response = await fetch(request);
  if (response.ok && Object.values(ASSETS).includes(path)) {
    // An app file not in the shell (English texts): kept from its first use, for offline.
    const cache = await caches.open(SHELL_CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

const SERVER_PAGES = ["/privacy", "/accessibility", "/staff/", "/organize"];

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  if (event.request.method !== "GET") {
    if (SIGN_IN_CHANGES.includes(url.pathname)) event.respondWith(changeOfMember(event.request));
    return;
  }
  if (url.pathname === "/api/v1/auth/csrf") return; // tokens are never saved
  // Pages the server renders (privacy notice, accessibility statement, staff and organizers):
  // never the app shell in their place.
  if (SERVER_PAGES.some((prefix) => url.pathname.startsWith(prefix))) return;
  if (url.pathname.startsWith("/api/")) {
    event.respondWith(networkFirst(event.request));
  } else {
    event.respondWith(cacheFirst(event.request));
  }
});

// A push message from the server (circles/services/delivery.py push_message): show it plainly.
self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = { body: event.data.text() };
  }
  event.waitUntil(
    self.registration.showNotification(message.title || "Circles", {
      body: message.body || "",
      icon: "/icons/icon-192.png",
      data: { url: message.url || "/" },
    }),
  );
});

// A tap on the message: bring the app forward (or open it) at the message's page.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(event.notification.data?.url || "/", self.location.origin);
  // Always our own origin: the server writes full addresses (CIRCLES_BASE_URL), and a message
  // must never lead anywhere else; the path and hash name the page in the app.
  const url = self.location.origin + target.pathname + target.search + target.hash;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (open) {
        await open.focus().catch(() => {}); // focus may be refused; the page still changes
        return open.navigate(url);
      }
      return self.clients.openWindow(url);
    })(),
  );
});
