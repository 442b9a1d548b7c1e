// Texts in Danish (the default) and English, from /i18n/<language>.json.
let catalog = {};
let current = "da";

export const LANGUAGES = ["da", "en"];

// The page's import map names each app file's digested address, which the browser keeps a year.
const ADDRESSES = JSON.parse(document.querySelector('script[type="importmap"]')?.textContent || "{}");
const digested = (path) => ADDRESSES.imports?.[path] || path;

/** Load a language's catalog and mark the page with it. */
export async function loadLanguage(code) {
  current = LANGUAGES.includes(code) ? code : "da";
  const response = await fetch(digested(`/i18n/${current}.json`));
  catalog = await response.json();
  document.documentElement.lang = current;
}

/** The text for key, with {name} placeholders filled in from params. */
export function t(key, params = {}) {
  const text = catalog[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ""));
}

export function language() {
  return current;
}

/** A moment written out in the member's zone and language, e.g. "tirsdag 3. juni kl. 10.00". */
export function when(iso, zone = "Europe/Copenhagen") {
  if (!iso) return t("time.flexible");
  const locale = current === "da" ? "da-DK" : "en-GB";
  return new Intl.DateTimeFormat(locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: zone,
  }).format(new Date(iso));
}
