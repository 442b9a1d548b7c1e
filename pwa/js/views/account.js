// Sign in, sign up (postcode or "use my location") and sign out.
import { ApiError, post } from "../api.js";
import * as outbox from "../outbox.js";
import { signOut, signedIn } from "../store.js";
import { Problem, choices, emailField, h, onSubmit, page, setFlash, textField } from "../ui.js";
import { language, t } from "../i18n.js";

/** Sign in with email and password. */
export function signIn({ go }) {
  const form = h(
    "form",
    { novalidate: true },
    emailField(),
    textField({
      name: "password",
      label: t("field.password"),
      type: "password",
      autocomplete: "current-password",
      required: true,
    }),
    // Staying signed in is a choice: on a phone others use too, the next person must not be you.
    choices({
      name: "remember",
      type: "checkbox",
      legend: t("signin.remember_legend"),
      hint: t("signin.remember_hint"),
      options: [{ code: "yes", label: t("signin.remember") }],
      selected: [],
    }),
    h("button", { type: "submit" }, t("signin.submit")),
    h("p", {}, h("a", { href: "#/forgot" }, t("signin.forgot"))),
  );
  onSubmit(form, async (data) => {
    const credentials = {
      email: data.email,
      password: data.password,
      remember: data.remember.includes("yes"),
    };
    try {
      await finishSignIn(go, credentials);
    } catch (error) {
      // Organizers, staff and admins: the password was right, a code from their app is next.
      if (error instanceof ApiError && error.secondFactor) secondStep(go, credentials, error);
      else throw error;
    }
  });
  page(
    t("signin.title"),
    h("p", {}, t("signin.intro")),
    form,
    h("h2", {}, t("signin.other_ways")),
    h("p", {}, h("a", { href: "#/sms-code" }, t("signin.with_sms"))),
    h("p", { class: "hint" }, t("recovery.no_email_no_phone")),
    h("h2", {}, t("signin.new_here")),
    h("p", {}, h("a", { href: "#/signup" }, t("signin.to_signup"))),
  );
}

/** Send the sign-in; once the server says yes, on to the member's first screen. */
async function finishSignIn(go, body, next) {
  const { data: me } = await post("/auth/login", body);
  await signedIn(me);
  outbox.flush(); // whatever this member left waiting on this phone goes now
  const target = me.memberships.length ? "#/" : "#/circles";
  if (next) await next(target);
  else go(target);
}

/**
 * The second step of sign-in: the 6-digit code from the authenticator app, or a recovery code.
 *
 * Before the first code, the server sends the app's secret (as a QR code and as text): the
 * step then sets the app up, and shows the new recovery codes once it works.
 */
function secondStep(go, credentials, asked, recovery = false) {
  const enrol = asked.secondFactor === "enrol" ? asked.enrolment : null;
  const field = recovery
    ? textField({
        name: "code",
        label: t("twofactor.recovery_label"),
        hint: t("twofactor.recovery_hint"),
        inputmode: "numeric",
        autocomplete: "off",
        required: true,
      })
    : textField({
        name: "code",
        label: t("twofactor.code_label"),
        hint: t("twofactor.code_hint"),
        inputmode: "numeric",
        autocomplete: "one-time-code",
        maxlength: 7,
        required: true,
      });
  const form = h("form", { novalidate: true }, field, h("button", { type: "submit" }, t("twofactor.submit")));
  onSubmit(form, async (data) => {
    try {
      await finishSignIn(go, { ...credentials, code: data.code }, enrol ? showRecoveryCodes(go) : null);
    } catch (error) {
      if (error instanceof ApiError && error.secondFactor) throw new Problem("code", error.message);
      throw error;
    }
  });
  const switchWay = h(
    "button",
    { type: "button", class: "secondary", onclick: () => secondStep(go, credentials, asked, !recovery) },
    recovery ? t("twofactor.use_app") : t("twofactor.use_recovery"),
  );
  page(
    enrol ? t("twofactor.enrol_title") : t("twofactor.title"),
    h("p", {}, enrol ? t("twofactor.enrol_intro") : t("twofactor.intro")),
    enrol ? enrolment(enrol) : null,
    form,
    enrol ? null : h("p", {}, switchWay),
    h("p", {}, h("a", { href: "#/signin", onclick: () => signIn({ go }) }, t("twofactor.start_over"))),
  );
  form.querySelector("input").focus();
}

/** The authenticator app's secret: a QR code to scan, and the key to type for those who cannot. */
function enrolment({ secret, qr_svg: svg }) {
  const grouped = secret.match(/.{1,4}/g).join(" ");
  return [
    h("img", {
      class: "qr",
      src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
      alt: t("twofactor.qr_alt"),
      width: 200,
      height: 200,
    }),
    h("p", {}, t("twofactor.secret")),
    h("p", {}, h("code", { class: "secret", "data-secret": secret }, grouped)),
  ];
}

/** After the app is set up: ten single-use recovery codes, shown once, for a lost phone. */
function showRecoveryCodes(go) {
  return async (target) => {
    const { data } = await post("/me/two-factor/recovery-codes");
    page(
      t("twofactor.codes_title"),
      h("p", {}, t("twofactor.codes_intro", { count: data.codes.length })),
      h(
        "ul",
        { class: "recovery-codes" },
        data.codes.map((code) => h("li", {}, h("code", {}, code))),
      ),
      h("button", { type: "button", onclick: () => go(target) }, t("twofactor.codes_done")),
    );
  };
}

/** Where the member lives, as coordinates from the phone, if they choose. */
function locationButton(form) {
  const status = h("p", { role: "status" });
  const button = h(
    "button",
    {
      type: "button",
      class: "secondary",
      onclick: () => {
        status.textContent = t("location.finding");
        navigator.geolocation.getCurrentPosition(
          (position) => {
            form.dataset.latitude = position.coords.latitude;
            form.dataset.longitude = position.coords.longitude;
            status.textContent = t("location.found");
          },
          () => {
            status.textContent = t("location.failed");
          },
        );
      },
    },
    t("location.use_mine"),
  );
  return h("div", { class: "field" }, button, status);
}

/** Create an account: name, email, password, birth date and a postcode or the phone's location. */
export function signUp({ go }) {
  const form = h(
    "form",
    { novalidate: true },
    textField({ name: "name", label: t("field.name"), autocomplete: "name", required: true }),
    emailField(),
    textField({
      name: "password",
      label: t("field.password"),
      hint: t("field.password_hint"),
      type: "password",
      autocomplete: "new-password",
      required: true,
    }),
    textField({
      name: "birth_date",
      label: t("field.birth_date"),
      hint: t("field.birth_date_hint"),
      type: "date",
      autocomplete: "bday",
      required: true,
    }),
    textField({
      name: "postcode",
      label: t("field.postcode"),
      hint: t("field.postcode_hint"),
      inputmode: "numeric",
      autocomplete: "postal-code",
      maxlength: 4,
    }),
  );
  form.append(
    locationButton(form),
    // Adults of any age may help; members must be old enough for the circle (50 as a rule).
    choices({
      name: "help",
      legend: t("signup.help_legend"),
      hint: t("signup.help_hint"),
      options: [{ code: "yes", label: t("signup.help") }],
      type: "checkbox",
    }),
    textField({
      name: "phone",
      label: t("field.phone"),
      hint: t("signup.phone_hint"),
      type: "tel",
      autocomplete: "tel",
    }),
    h("button", { type: "submit" }, t("signup.submit")),
  );
  onSubmit(form, async (data) => {
    const body = { name: data.name, email: data.email, password: data.password, language: language() };
    if (data.birth_date) body.birth_date = data.birth_date;
    if (form.dataset.latitude) {
      body.latitude = Number(form.dataset.latitude);
      body.longitude = Number(form.dataset.longitude);
    } else if (data.postcode) body.postcode = data.postcode.trim();
    if (data.phone?.trim()) body.phone = data.phone.trim();
    const helping = data.help.includes("yes");
    const { data: me } = await post("/auth/register", body);
    await signedIn(me);
    setFlash(t(helping ? "signup.done_helper" : "signup.done", { name: me.name }));
    go(helping ? "#/circles?help=1" : "#/circles");
  });
  page(
    t("signup.title"),
    h("p", {}, t("signup.intro")),
    form,
    h("p", {}, h("a", { href: "#/signin" }, t("signup.to_signin"))),
  );
}

/** Sign out and forget the member's saved data on this phone. */
export async function signOutView({ go }) {
  await signOut();
  setFlash(t("signout.done"));
  go("#/signin");
}
