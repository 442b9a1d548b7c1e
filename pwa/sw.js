// Circles service worker: the app shell works offline, and the member's recent data too.
// The server fills in VERSION, a digest of the app's files (circles/web.py): any change gives a
// new worker with a fresh cache, and the old caches are removed, so nobody runs old and new mixed.
const VERSION = "__SHELL_VERSION__";
const SHELL_CACHE = `circles-shell-${VERSION}`;
const API_CACHE = "circles-api"; // unversioned: saved data outlives app updates; cleared on sign-out

const SHELL = [
  "/",
  "/manifest.webmanifest",
  "/css/app.css",
  "/icons/icon-192.png",
  "/i18n/da.json",
  "/i18n/en.json",
  "/js/app.js",
  "/js/api.js",
  "/js/i18n.js",
  "/js/outbox.js",
  "/js/push.js",
  "/js/store.js",
  "/js/ui.js",
  "/js/views/account.js",
  "/js/views/ask.js",
  "/js/views/circles.js",
  "/js/views/events.js",
  "/js/views/home.js",
  "/js/views/map.js",
  "/js/views/matches.js",
  "/js/views/mydata.js",
  "/js/views/profile.js",
  "/js/views/relatives.js",
  "/js/views/requests.js",
  "/js/views/trust.js",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      await cache.addAll(SHELL); // fails the install if any file is missing: no half shells
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

// API GETs: the network first, so members see fresh data; the saved copy when offline,
// marked with X-Circles-Saved-At so the page can say it shows saved data.
async function networkFirst(request) {
  const cache = await caches.open(API_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) {
      const headers = new Headers(response.headers);
      headers.set("X-Circles-Saved-At", new Date().toISOString());
      const body = await response.clone().blob();
      await cache.put(request, new Response(body, { status: response.status, headers }));
    }
    return response;
  } catch (error) {
    const saved = await cache.match(request);
    if (saved) return saved;
    throw error;
  }
}

// The shell: from the cache first (it is versioned), the network for anything not cached yet.
async function cacheFirst(request) {
  const cached = await caches.match(request, { ignoreSearch: request.mode === "navigate" });
  if (cached) return cached;
  if (request.mode === "navigate") return caches.match("/"); // one page; the hash routes
  return fetch(request);
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname === "/api/v1/auth/csrf") return; // tokens are never saved
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
