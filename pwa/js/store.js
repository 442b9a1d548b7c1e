// What the app knows about the member: their profile and settings kept on this phone.
import { ApiError, get, newSession, post } from "./api.js";
import { loadLanguage } from "./i18n.js";

const SETTINGS_KEY = "circles-settings";
export const API_CACHE = "circles-api";

export const state = { me: null, unread: 0 };

/** Settings kept on this phone so they apply before sign-in: language and text size. */
export function settings() {
  try {
    return { language: "da", textSize: 100, ...JSON.parse(localStorage.getItem(SETTINGS_KEY)) };
  } catch {
    return { language: "da", textSize: 100 };
  }
}

export function saveSettings(changes) {
  localStorage.setItem(SETTINGS_KEY, JSON.stringify({ ...settings(), ...changes }));
  applyTextSize();
}

/** Text size 100-200%: the root font grows and every rem-sized thing with it. */
export function applyTextSize() {
  const size = Math.min(200, Math.max(100, Number(settings().textSize) || 100));
  document.documentElement.style.fontSize = `${1.125 * size}%`;
}

/** The signed-in member (from the network, or the saved copy offline), or null. */
export async function loadMe() {
  if (!settings().member) return null; // nobody has signed in on this phone: no need to ask
  try {
    const { data, savedAt } = await get("/me");
    state.me = data;
    state.meSavedAt = savedAt;
    saveSettings({ language: data.language, textSize: data.text_size || 100, member: true });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      state.me = null;
      saveSettings({ member: false });
    } else if (!state.me) throw error;
  }
  return state.me;
}

/** Forget every saved API answer on this phone: they belonged to whoever was signed in. */
export async function forgetSavedAnswers() {
  if ("caches" in window) await caches.delete(API_CACHE);
}

/** Signed in: remember the member, use their settings, and save their profile for offline.
 * Saved answers are cleared first: on a shared phone they may be the previous member's. */
export async function signedIn(me) {
  newSession();
  await forgetSavedAnswers();
  state.me = me;
  saveSettings({ language: me.language, textSize: me.text_size || 100, member: true });
  await Promise.all([loadMe(), loadLanguage(me.language)]);
}

/** Sign out, and remove the member's saved data from this phone. */
export async function signOut() {
  await post("/auth/logout").catch(() => {});
  newSession();
  state.me = null;
  saveSettings({ member: false });
  await forgetSavedAnswers();
}

/** Circles where the member is an active member. */
export function activeCircles() {
  return (state.me?.memberships || []).filter((m) => m.status === "active");
}
