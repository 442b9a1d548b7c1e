// Web Push on this phone: subscribe through the service worker and tell the server, or stop.
import { del, get, patch, post } from "./api.js";
import { state } from "./store.js";

/** Why push cannot be turned on here, or null when it can: "unsupported" or "refused". */
export function obstacle() {
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window))
    return "unsupported";
  return Notification.permission === "denied" ? "refused" : null;
}

/** The VAPID key as the bytes PushManager.subscribe wants (it comes base64url). */
function keyBytes(base64url) {
  const base64 = (base64url + "=".repeat((4 - (base64url.length % 4)) % 4))
    .replace(/-/g, "+")
    .replace(/_/g, "/");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

async function registration() {
  return navigator.serviceWorker.ready;
}

/** This phone's subscription, if it has one. */
export async function current() {
  if (obstacle() === "unsupported") return null;
  return (await registration()).pushManager.getSubscription();
}

/** Whether the server keeps this phone's subscription for the signed-in member. */
export async function isOn() {
  const subscription = await current();
  if (!subscription) return false;
  const { data } = await get("/push/subscriptions");
  return data.some((known) => known.endpoint === subscription.endpoint);
}

/** Ask the member's permission, subscribe, and give the server the subscription. */
export async function turnOn() {
  const problem = obstacle();
  if (problem) return problem;
  if ((await Notification.requestPermission()) !== "granted") return "refused";
  const { data: key } = await get("/push/key");
  const manager = (await registration()).pushManager;
  const subscription =
    (await manager.getSubscription()) ||
    (await manager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key.public_key) }));
  await post("/push/subscriptions", subscription.toJSON(), { "Idempotency-Key": crypto.randomUUID() });
  await useChannel(true);
  return null;
}

/** Unsubscribe this phone and forget it on the server. */
export async function turnOff() {
  const subscription = await current();
  const { data } = await get("/push/subscriptions");
  const mine = data.filter((known) => subscription && known.endpoint === subscription.endpoint);
  for (const known of mine) await del(`/push/subscriptions/${known.id}`);
  if (subscription) await subscription.unsubscribe();
  if (data.length === mine.length) await useChannel(false); // no other phone of mine gets push
}

/** Add push to (or take it off) the channels messages go out by. */
async function useChannel(on) {
  const chosen = (state.me.notify_by || ["inapp"]).filter((code) => code !== "push");
  const { data } = await patch("/me", { notify_by: on ? [...chosen, "push"] : chosen });
  state.me = data;
}
