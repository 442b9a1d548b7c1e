// The Circles API: JSON over fetch, the CSRF token on unsafe calls, one error shape.
import { language } from "./i18n.js";

const BASE = "/api/v1";
let csrf = null;

/** The network could not be reached: the caller may save the work for later. */
export class Offline extends Error {}

// The server answers 503 while its database is down: the app is as good as offline then.
// Reads show the saved copies (the service worker serves them), writes wait in the outbox.
let unavailable = false;
const availability = new Set();

/** Whether the server said, at its last answer, that it cannot serve (503). */
export function serverUnavailable() {
  return unavailable;
}

/** Be told when the server stops or starts answering (for the status line). */
export function onAvailability(listener) {
  availability.add(listener);
}

function setUnavailable(value) {
  if (value === unavailable) return;
  unavailable = value;
  for (const listener of availability) listener(value);
}

/** The API said no; message and per-field problems come in the member's language. */
export class ApiError extends Error {
  constructor(status, body, retryAfter = null) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.key = body?.key || body?.status || null;
    this.retryAfter = retryAfter; // seconds, when the server says when to come back
    // Sign-in: the step still missing ("code", or "enrol" with the app's secret and QR code).
    this.secondFactor = body?.second_factor || null;
    this.enrolment = body?.enrolment || null;
    const errors = body?.errors || {};
    this.fields = { ...(errors.query || {}), ...(errors.json || {}) };
  }
}

async function csrfToken() {
  if (!csrf) {
    let response;
    try {
      response = await fetch(`${BASE}/auth/csrf`, { credentials: "same-origin" });
    } catch {
      throw new Offline("offline");
    }
    const body = await response.json().catch(() => null);
    if (!response.ok || !body?.csrf_token) {
      // An answer, but no token: the outbox treats a 5xx as "try again later".
      if (response.status === 503) setUnavailable(true);
      throw new ApiError(response.status, body, Number(response.headers.get("Retry-After")) || null);
    }
    csrf = body.csrf_token;
  }
  return csrf;
}

/** Forget the CSRF token (it belongs to the session, which changes on sign-in and out). */
export function newSession() {
  csrf = null;
}

/** Call the API; resolves to {data, savedAt, total}; savedAt is set when the data is a saved copy. */
export async function call(method, path, { body, headers = {} } = {}, retry = true) {
  const options = {
    method,
    credentials: "same-origin",
    headers: { Accept: "application/json", "Accept-Language": language(), ...headers },
  };
  if (body !== undefined) {
    options.body = JSON.stringify(body);
    options.headers["Content-Type"] = "application/json";
  }
  if (method !== "GET") options.headers["X-CSRF-Token"] = await csrfToken();
  let response;
  try {
    response = await fetch(BASE + path, options);
  } catch {
    throw new Offline("offline");
  }
  const savedAt = response.headers.get("X-Circles-Saved-At");
  if (response.status === 503 || response.headers.get("X-Circles-Unavailable")) setUnavailable(true);
  else if (response.ok && !savedAt) setUnavailable(false); // a fresh answer: it serves again
  // A read the server cannot serve, with nothing saved: the same as being offline.
  if (response.status === 503 && method === "GET") throw new Offline("unavailable");
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.status === 400 && method !== "GET" && retry) {
    newSession(); // an old token: fetch a fresh one and try once more
    return call(method, path, { body, headers }, false);
  }
  if (!response.ok) {
    const retryAfter = Number(response.headers.get("Retry-After")) || null;
    throw new ApiError(response.status, data, retryAfter);
  }
  const pagination = JSON.parse(response.headers.get("X-Pagination") || "null");
  return { data, savedAt, total: pagination?.total };
}

export const get = (path) => call("GET", path);
export const post = (path, body = {}, headers = {}) => call("POST", path, { body, headers });
export const patch = (path, body) => call("PATCH", path, { body });
export const del = (path) => call("DELETE", path);
