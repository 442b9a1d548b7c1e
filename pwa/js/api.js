// The Circles API: JSON over fetch, the CSRF token on unsafe calls, one error shape.
import { language } from "./i18n.js";

const BASE = "/api/v1";
let csrf = null;

/** The network could not be reached: the caller may save the work for later. */
export class Offline extends Error {}

/** The API said no; message and per-field problems come in the member's language. */
export class ApiError extends Error {
  constructor(status, body, retryAfter = null) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.key = body?.key || body?.status || null;
    this.retryAfter = retryAfter; // seconds, when the server says when to come back
    const errors = body?.errors || {};
    this.fields = { ...(errors.query || {}), ...(errors.json || {}) };
  }
}

async function csrfToken() {
  if (!csrf) {
    const response = await fetch(`${BASE}/auth/csrf`, { credentials: "same-origin" });
    csrf = (await response.json()).csrf_token;
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
  let response;
  try {
    if (method !== "GET") options.headers["X-CSRF-Token"] = await csrfToken();
    response = await fetch(BASE + path, options);
  } catch {
    throw new Offline("offline");
  }
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
  return { data, savedAt: response.headers.get("X-Circles-Saved-At"), total: pagination?.total };
}

export const get = (path) => call("GET", path);
export const post = (path, body = {}, headers = {}) => call("POST", path, { body, headers });
export const patch = (path, body) => call("PATCH", path, { body });
export const del = (path) => call("DELETE", path);
