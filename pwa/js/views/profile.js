// My profile (who I am and how matched neighbours reach me first; then, folded, what I can offer
// and what I have lived through) and my settings (language, text size, how Circles tells me).
import { get, patch } from "../api.js";
import { loadLanguage, t } from "../i18n.js";
import * as push from "../push.js";
import { devicesSection } from "./devices.js";
import { saveSettings, state } from "../store.js";
import { confirmNotice, passwordForm } from "./recovery.js";
import {
  choices,
  distanceField,
  h,
  loadProblem,
  onSubmit,
  page,
  savedNotice,
  setFlash,
  takeFlash,
  textField,
} from "../ui.js";
import { blockedList } from "./trust.js";

const CHANNELS = ["app", "email", "phone"];

/** A folded group of the profile, opened by its summary: the long lists stay out of the way. */
function folded(title, ...content) {
  return h("details", { class: "fold" }, h("summary", {}, title), ...content);
}

/** Edit my profile: name, phone, postcode and how matched people reach me first. */
export async function profile({ go }) {
  let lists;
  try {
    lists = await Promise.all(["/categories", "/experiences", "/availability"].map((path) => get(path)));
  } catch (error) {
    return loadProblem(t("profile.title"), error);
  }
  const [skills, experiences, availability] = lists.map((result) => result.data);
  const me = state.me;
  const form = h(
    "form",
    { novalidate: true },
    textField({ name: "name", label: t("field.name"), autocomplete: "name", value: me.name }),
    textField({ name: "phone", label: t("field.phone"), type: "tel", autocomplete: "tel", value: me.phone }),
    textField({
      name: "postcode",
      label: t("field.postcode"),
      inputmode: "numeric",
      maxlength: 4,
      value: me.postcode,
    }),
    choices({
      name: "contact_channels",
      type: "checkbox",
      legend: t("profile.reach_me"),
      hint: t("profile.reach_me_hint"),
      options: CHANNELS.map((code) => ({ code, label: t(`channel.${code}`) })),
      selected: me.contact_channels || ["app"],
    }),
    folded(
      t("profile.skills"),
      choices({
        name: "skills",
        type: "checkbox",
        legend: t("profile.skills"),
        hint: t("profile.skills_hint"),
        options: skills,
        selected: me.skills || [],
      }),
    ),
    folded(
      t("profile.experiences"),
      choices({
        name: "experiences",
        type: "checkbox",
        legend: t("profile.experiences"),
        hint: t("profile.experiences_hint"),
        options: experiences,
        selected: me.experiences || [],
      }),
      choices({
        name: "experiences_consent",
        type: "checkbox",
        legend: t("profile.consent_legend"),
        options: [{ code: "yes", label: t("profile.consent") }],
        selected: me.experiences_consent_at ? ["yes"] : [],
      }),
    ),
    folded(
      t("profile.when_and_how_far"),
      choices({
        name: "availability",
        type: "checkbox",
        legend: t("profile.availability"),
        options: availability,
        selected: me.availability || [],
      }),
      distanceField("travel_km", t("profile.travel_km"), me.travel_km),
    ),
    h("button", { type: "submit" }, t("profile.save")),
  );
  onSubmit(form, async (data) => {
    const changes = {
      name: data.name,
      skills: data.skills,
      experiences: data.experiences,
      availability: data.availability,
      travel_km: Number(data.travel_km),
      phone: data.phone || null,
      contact_channels: data.contact_channels || [],
    };
    if (data.experiences_consent.length) changes.experiences_consent = true;
    if (data.postcode && data.postcode !== me.postcode) changes.postcode = data.postcode;
    const { data: saved } = await patch("/me", changes);
    state.me = saved;
    setFlash(t("profile.saved"));
    go("#/profile");
  });
  page(
    t("profile.title"),
    takeFlash(),
    savedNotice(state.meSavedAt),
    h("p", {}, t("profile.intro")),
    form,
    h("h2", {}, t("profile.trust")),
    h(
      "ul",
      {},
      h("li", {}, h("a", { href: "#/behalf" }, t("behalf.title"))),
      h("li", {}, h("a", { href: "#/reports" }, t("report.mine"))),
      h("li", {}, h("a", { href: "#/relatives" }, t("relatives.title"))),
      h("li", {}, h("a", { href: "#/my-data" }, t("mydata.title"))),
    ),
  );
}

/** Language, text size, how to be reached, and push messages on this phone. */
export function settingsView({ go }) {
  const me = state.me;
  const local = { language: me?.language, textSize: me?.text_size };
  const form = h(
    "form",
    { novalidate: true },
    choices({
      name: "language",
      legend: t("settings.language"),
      options: [
        { code: "da", label: "Dansk" },
        { code: "en", label: "English" },
      ],
      selected: [local.language || document.documentElement.lang],
    }),
    choices({
      name: "text_size",
      legend: t("settings.text_size"),
      hint: t("settings.text_size_hint"),
      options: [100, 125, 150, 175, 200].map((size) => ({ code: String(size), label: `${size} %` })),
      selected: [String(local.textSize || 100)],
    }),
    me ? emailSwitch(me) : null,
    me ? smsChoice(me) : null,
    h("button", { type: "submit" }, t("settings.save")),
  );
  onSubmit(form, async (data) => {
    const textSize = Number(data.text_size);
    if (me) {
      // E-mail and SMS are switched here: push has its own switch below (it is this phone's).
      const others = (me.notify_by || ["inapp"]).filter((code) => code !== "email" && code !== "sms");
      const chosen = [...others];
      if ((data.notify_email || []).length) chosen.push("email");
      if (me.phone && (data.sms || []).includes("on")) chosen.push("sms");
      const { data: saved } = await patch("/me", {
        language: data.language,
        text_size: textSize,
        notify_by: chosen,
      });
      state.me = saved;
    }
    saveSettings({ language: data.language, textSize });
    await loadLanguage(data.language);
    setFlash(t("settings.saved"));
    go("#/settings");
  });
  page(
    t("settings.title"),
    takeFlash(),
    confirmNotice(),
    form,
    me ? pushSwitch() : null,
    me?.email ? passwordForm() : null,
    me ? devicesSection(go) : null,
    me ? blockedList(go) : null,
  );
}

/** News as SMS too: offered once we have the member's mobile number, explained plainly. */
function smsChoice(me) {
  if (!me.phone) {
    return h(
      "section",
      { class: "field", "aria-labelledby": "sms-heading" },
      h("h2", { id: "sms-heading" }, t("settings.sms")),
      h("p", {}, t("settings.sms_needs_phone"), " ", h("a", { href: "#/profile" }, t("profile.title"))),
    );
  }
  return choices({
    name: "sms",
    type: "checkbox",
    legend: t("settings.sms"),
    hint: t("settings.sms_hint", { phone: me.phone }),
    options: [{ code: "on", label: t("settings.sms_on") }],
    selected: (me.notify_by || []).includes("sms") ? ["on"] : [],
  });
}

/** How Circles tells me of news: always here in the app; by e-mail too, with this switch. */
function emailSwitch(me) {
  const on = (me.notify_by || []).includes("email");
  const box = h("input", {
    id: "f-notify_email",
    name: "notify_email",
    type: "checkbox",
    role: "switch",
    value: "yes",
    checked: on,
    disabled: !me.email,
    "aria-describedby": "notify-hint",
  });
  return h(
    "fieldset",
    { class: "field", "data-field": "notify_by" },
    h("legend", {}, t("settings.tells_me")),
    h(
      "span",
      { class: "hint", id: "notify-hint" },
      me.email ? t("settings.tells_me_hint") : t("settings.no_email"),
    ),
    h("div", { class: "choice" }, box, h("label", { for: "f-notify_email" }, t("settings.email_switch"))),
  );
}

/** A switch for push messages on this phone: asks permission, subscribes, or stops. */
function pushSwitch() {
  const status = h("p", { role: "status", class: "hint" });
  const box = h("input", { id: "push-switch", type: "checkbox", role: "switch", disabled: true });
  const say = (key) => (status.textContent = key ? t(key) : "");
  const problem = push.obstacle();
  if (problem) say(`push.${problem}`);
  else
    push.isOn().then(
      (on) => {
        box.checked = on;
        box.disabled = false;
      },
      () => say("push.failed"),
    );
  box.addEventListener("change", async () => {
    box.disabled = true;
    say("push.working");
    try {
      if (box.checked) {
        const refused = await push.turnOn();
        box.checked = !refused;
        say(refused ? `push.${refused}` : "push.now_on");
      } else {
        await push.turnOff();
        say("push.now_off");
      }
    } catch {
      box.checked = !box.checked;
      say("push.failed");
    }
    box.disabled = push.obstacle() === "unsupported";
  });
  return h(
    "section",
    { class: "field", "aria-labelledby": "push-heading" },
    h("h2", { id: "push-heading" }, t("settings.push")),
    h("p", { class: "hint" }, t("settings.push_hint")),
    h("div", { class: "choice" }, box, h("label", { for: "push-switch" }, t("push.switch"))),
    status,
  );
}
