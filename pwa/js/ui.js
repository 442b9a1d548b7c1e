// Small helpers to build screens: elements, form fields, error summaries, notices.
import { ApiError, Offline } from "./api.js";
import { t, when } from "./i18n.js";
import * as outbox from "./outbox.js";

/** An element with attributes (on* are listeners) and children (text is always text, never HTML). */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Show a screen: its heading gets focus so screen readers announce the new page. */
export function page(title, ...children) {
  const heading = h("h1", { tabindex: "-1" }, title);
  const parts = children
    .flat(Infinity)
    .filter((child) => child !== null && child !== undefined && child !== false);
  document.getElementById("main").replaceChildren(heading, ...parts);
  document.title = `${title} – Circles`;
  heading.focus();
  window.scrollTo(0, 0);
}

/** "You are seeing saved data", when the API answered from the phone's saved copy. */
export function savedNotice(savedAt) {
  if (!savedAt) return null;
  return h("p", { class: "saved" }, t("offline.saved_data", { time: when(savedAt) }));
}

/** A problem the member can fix in a field, found before anything is sent. */
export class Problem extends Error {
  constructor(field, text) {
    super(text);
    this.fields = { [field]: [text] };
  }
}

let counter = 0;
const fieldId = (name) => `f-${name}`;

/** A labelled text field; hint and error text are tied to it for screen readers. */
export function textField({ name, label, hint, type = "text", value, multiline, ...attrs }) {
  const id = fieldId(name);
  const hintId = hint ? `${id}-hint` : null;
  const input = multiline
    ? h("textarea", { id, name, "aria-describedby": hintId, rows: 4, ...attrs }, value ?? "")
    : h("input", { id, name, type, value: value ?? null, "aria-describedby": hintId, ...attrs });
  return h(
    "div",
    { class: "field", "data-field": name },
    h("label", { for: id }, label),
    hint ? h("span", { class: "hint", id: hintId }, hint) : null,
    input,
  );
}

/** The email field of sign-in and sign-up. */
export function emailField() {
  return textField({
    name: "email",
    label: t("field.email"),
    type: "email",
    autocomplete: "email",
    required: true,
  });
}

/** How far someone will go, in km (0.5-50), for the profile and for offers. */
export function distanceField(name, label, value) {
  const range = { type: "number", inputmode: "decimal", min: 0.5, max: 50, step: 0.5 };
  return textField({ name, label, hint: t("profile.travel_km_hint"), value: value ?? 2, ...range });
}

/** Radio buttons or check boxes in a fieldset with a legend. */
export function choices({ name, legend, hint, options, selected = [], type = "radio", required }) {
  const group = `g${++counter}`;
  return h(
    "fieldset",
    { class: "field", "data-field": name, "aria-describedby": hint ? `${group}-hint` : null },
    h("legend", {}, legend),
    hint ? h("span", { class: "hint", id: `${group}-hint` }, hint) : null,
    options.map((option, index) => {
      const id = index === 0 ? fieldId(name) : `${fieldId(name)}-${index}`;
      return h(
        "div",
        { class: "choice" },
        h("input", {
          id,
          name,
          type,
          value: option.code,
          checked: selected.includes(option.code),
          required: required && type === "radio",
        }),
        h("label", { for: id }, option.label),
      );
    }),
  );
}

/** A form's values; check boxes give lists. */
export function values(form) {
  const data = {};
  const formData = new FormData(form);
  for (const element of form.elements) {
    if (!element.name || element.type === "submit") continue;
    if (element.type === "checkbox") data[element.name] = formData.getAll(element.name);
    else if (element.type !== "radio" || element.checked) data[element.name] = formData.get(element.name);
  }
  return data;
}

/** Show what went wrong at the top of the form and beside each field, and focus the summary. */
export function showProblem(form, error) {
  // A green "saved" from before must not stand above a new problem as if all were well.
  document.querySelectorAll("main > .success[role=status]").forEach((node) => node.remove());
  form.querySelectorAll(".error-summary, .error-text").forEach((node) => node.remove());
  form.querySelectorAll(".field-error").forEach((node) => node.classList.remove("field-error"));
  form.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
  let message = t("error.general");
  if (error instanceof Offline) message = t("error.offline");
  else if (error instanceof ApiError || error instanceof Problem) message = error.message;
  const items = [];
  for (const [name, problems] of Object.entries(error?.fields || {})) {
    const field = form.querySelector(`[data-field="${name}"]`);
    const text = [].concat(problems).join(" ");
    if (field) {
      field.closest("details")?.setAttribute("open", ""); // a folded field with a problem is shown
      field.classList.add("field-error");
      const errorId = `${fieldId(name)}-error`;
      const note = h("p", { class: "error-text", id: errorId }, text);
      const anchor = field.querySelector("label, legend");
      anchor.after(note);
      const input = field.querySelector("input, textarea, select");
      input.setAttribute("aria-invalid", "true");
      input.setAttribute(
        "aria-describedby",
        `${errorId} ${input.getAttribute("aria-describedby") || ""}`.trim(),
      );
    }
    items.push(h("li", {}, field ? h("a", { href: `#${fieldId(name)}` }, text) : text));
  }
  const summary = h(
    "div",
    { class: "error-summary", role: "alert", tabindex: "-1" },
    h("h2", {}, t("error.title")),
    h("p", {}, message),
    items.length ? h("ul", {}, items) : null,
  );
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a");
    if (!link) return;
    event.preventDefault(); // links in the summary move focus to the field, not the route
    document.getElementById(link.getAttribute("href").slice(1))?.focus();
  });
  form.prepend(summary);
  summary.focus();
}

/** Run a form's submit handler with the button disabled and problems shown. */
/** Required fields left empty, said in plain words before anything is sent. */
function checkRequired(form) {
  const missing = {};
  for (const element of form.querySelectorAll("input[required], textarea[required]")) {
    const empty =
      element.type === "radio"
        ? !form.querySelector(`[name="${element.name}"]:checked`)
        : !element.value.trim();
    if (empty)
      missing[element.name] = [element.type === "radio" ? t("error.choose_one") : t("error.required")];
  }
  if (Object.keys(missing).length) {
    const problem = new Problem(Object.keys(missing)[0], t("error.fix_fields"));
    problem.fields = missing;
    throw problem;
  }
}

export function onSubmit(form, handler) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    try {
      checkRequired(form);
      await handler(values(form));
    } catch (error) {
      if (form.isConnected) showProblem(form, error);
      else throw error;
    } finally {
      if (button) button.disabled = false;
    }
  });
  return form;
}

/** A short message at the top of the next screen ("Your request is sent"). */
let flash = null;
export function setFlash(text, kind = "success") {
  flash = { text, kind };
}
export function takeFlash() {
  const current = flash;
  flash = null;
  return current ? h("div", { class: current.kind, role: "status" }, h("p", {}, current.text)) : null;
}

/** A page that failed to load: say why, and what to do. */
export function loadProblem(title, error) {
  const text = error instanceof Offline ? t("error.offline_no_saved") : error?.message || t("error.general");
  const signIn = error?.status === 401 ? h("p", {}, h("a", { href: "#/signin" }, t("nav.signin"))) : null;
  page(title, h("div", { class: "error-summary", role: "alert" }, h("p", {}, text), signIn));
}

/** Send through the outbox; the next screen says "sent" or "saved, will be sent". */
export async function send(method, path, body, label) {
  const { sent } = await outbox.add(method, path, body, label);
  setFlash(sent ? t("outbox.sent", { what: label }) : t("outbox.saved_for_later", { what: label }));
  return sent?.result || null;
}
