// Texts in Danish (the default) and English, from /i18n/<language>.json.
// An entry is a text with {placeholders}, or a plural object ({"one": ..., "other": ...})
// chosen by params.count through Intl.PluralRules. Numbers are written by Intl.NumberFormat
// (3,5 in Danish) and days by Intl.DateTimeFormat.
let catalog = {};
let current = "da";

export const LANGUAGES = ["da", "en"];

const LOCALES = { da: "da-DK", en: "en-GB" };
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

/** The plural category ("one", "other") of count in the current language. */
export function pluralForm(count) {
  return new Intl.PluralRules(locale()).select(Math.abs(Number(count) || 0));
}

/** The text for key, with {name} placeholders filled in from params (numbers as the language writes them). */
export function t(key, params = {}) {
  let text = catalog[key] ?? key;
  if (typeof text === "object") text = text[pluralForm(params.count)] ?? text.other;
  return text.replace(/\{(\w+)\}/g, (_, name) => {
    const value = params[name];
    if (typeof value === "number") return number(value);
    return String(value ?? "");
  });
}

export function language() {
  return current;
}

/** The Intl locale of the current language. */
export function locale() {
  return LOCALES[current] ?? LOCALES.da;
}

/** A number as the language writes it: "3,5" in Danish, "3.5" in English; at most `digits` decimals. */
export function number(value, digits = 1) {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}

/** A day in words, e.g. "22. december 2026" (with year) or "1. december" (without). */
export function day(iso, { year = true } = {}) {
  const options = { day: "numeric", month: "long", timeZone: "UTC" };
  if (year) options.year = "numeric";
  // A bare date (2026-12-22) is a calendar day, not a moment: read it as noon UTC.
  const moment = iso.length === 10 ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return new Intl.DateTimeFormat(locale(), options).format(moment);
}

/** A moment written out in the member's zone and language, e.g. "tirsdag 3. juni kl. 10.00". */
export function when(iso, zone = "Europe/Copenhagen") {
  if (!iso) return t("time.flexible");
  return new Intl.DateTimeFormat(locale(), {
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: zone,
  }).format(new Date(iso));
}
