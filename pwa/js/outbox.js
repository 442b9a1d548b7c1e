// The outbox: things a member creates (requests, offers, replies, bookings) are saved in
// IndexedDB first and then sent. Each keeps its own Idempotency-Key, so a retry after a lost
// answer creates nothing new: nothing is lost, nothing is sent twice.
import { ApiError, Offline, call } from "./api.js";
import { state } from "./store.js";

const DB_NAME = "circles-outbox";
const STORE = "items";
const listeners = new Set();
let flushing = null;
let retryTimer = null;
// After this long still unsent, the member is told plainly that we keep trying.
const TELL_AFTER_MS = 2 * 60 * 1000;
const MAX_BACKOFF_MS = 60 * 1000;

function database() {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(DB_NAME, 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore(STORE, { keyPath: "key" });
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => reject(opening.error);
  });
}

async function transact(mode, work) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const result = work(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(result?.result);
    tx.onerror = () => reject(tx.error);
  });
}

/** The signed-in member's items still waiting (or refused), oldest first.
 * Items belong to whoever made them: on a shared phone nobody sends another's. */
export async function waiting() {
  const items = (await transact("readonly", (store) => store.getAll())) || [];
  return items.filter((item) => state.me && item.user === state.me.id).sort((a, b) => a.created - b.created);
}

/** Be told when the outbox changes (for the status line and the outbox page). */
export function onChange(listener) {
  listeners.add(listener);
}

// Items whose sending the screen that made them reports itself; listeners hear of the others.
const reportedByScreen = new Set();

async function changed(sent = []) {
  const items = await waiting();
  const background = sent.filter((item) => !reportedByScreen.delete(item.key));
  for (const listener of listeners) listener(items, background);
}

/** Save a call to make; try to send it at once. label is what the member sees in the list. */
export async function add(method, path, body, label) {
  const item = {
    key: crypto.randomUUID(),
    user: state.me.id,
    method,
    path,
    body,
    label,
    created: Date.now(),
  };
  await transact("readwrite", (store) => store.put(item));
  await changed();
  reportedByScreen.add(item.key);
  const sent = await flush();
  if (!sent.some((done) => done.key === item.key)) reportedByScreen.delete(item.key); // later: background
  return { item, sent: sent.find((done) => done.key === item.key) || null };
}

export async function remove(key) {
  await transact("readwrite", (store) => store.delete(key));
  await changed();
}

/** Try one waiting item again after it was refused. */
export async function retry(key) {
  const item = (await waiting()).find((i) => i.key === key);
  if (item) {
    delete item.problem;
    await transact("readwrite", (store) => store.put(item));
    await flush();
  }
}

/** The server could not finish it now but will (database down, busy, or the same call still
 * being handled): keep it and try again, never treat it as a refusal. */
function isTransient(error) {
  if (error.status >= 500 || error.status === 429) return true;
  return error.status === 409 && (error.key === "error.idempotency_in_progress" || error.retryAfter !== null);
}

/** Try again later, waiting longer each time (2 s, 4 s, ... up to a minute), or as told. */
function scheduleRetry(item, error) {
  const backoff = Math.min(MAX_BACKOFF_MS, 2000 * 2 ** Math.min(item.attempts || 0, 5));
  const wait = error.retryAfter ? Math.max(error.retryAfter * 1000, 1000) : backoff;
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => flush(), wait);
}

async function keepTrying(item, error) {
  item.attempts = (item.attempts || 0) + 1;
  item.firstTry = item.firstTry || Date.now();
  item.slow = Date.now() - item.firstTry > TELL_AFTER_MS; // the list then says so plainly
  await transact("readwrite", (store) => store.put(item));
  scheduleRetry(item, error);
}

async function sendAll() {
  const sent = [];
  for (const item of await waiting()) {
    if (item.problem) continue; // refused: the member decides to retry or remove it
    try {
      const { data } = await call(item.method, item.path, {
        body: item.body,
        headers: { "Idempotency-Key": item.key },
      });
      await transact("readwrite", (store) => store.delete(item.key));
      sent.push({ ...item, result: data });
    } catch (error) {
      if (error instanceof Offline) break;
      if (!(error instanceof ApiError) || error.status === 401) break;
      if (isTransient(error)) {
        await keepTrying(item, error);
        break; // the rest waits its turn: order matters (a booking after its request)
      }
      item.problem = error.message; // the API refused it: keep it, and say why
      await transact("readwrite", (store) => store.put(item));
    }
  }
  await changed(sent);
  return sent;
}

/** Send what is waiting, one sender at a time (across tabs too, where the browser can).
 * A call made while sending runs another round, so nothing added meanwhile waits for "online". */
let again = false;
export function flush() {
  if (flushing) {
    again = true;
    return flushing;
  }
  const locked = () => (navigator.locks ? navigator.locks.request("circles-outbox", sendAll) : sendAll());
  flushing = (async () => {
    const sent = [];
    do {
      again = false;
      sent.push(...(await locked()));
    } while (again);
    return sent;
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

window.addEventListener("online", () => flush());
