// Getting back in: a reset link by email, a code by SMS, a new password and confirming the email.
import { post } from "../api.js";
import * as outbox from "../outbox.js";
import { signedIn, state } from "../store.js";
import { emailField, h, onSubmit, page, setFlash, textField } from "../ui.js";
import { t } from "../i18n.js";

const newPasswordField = (name = "password", label = t("recovery.new_password")) =>
  textField({
    name,
    label,
    hint: t("field.password_hint"),
    type: "password",
    autocomplete: "new-password",
    required: true,
  });

/** After any way in: the member's own settings, and whatever waited in the outbox goes now. */
async function welcome(me, go) {
  await signedIn(me);
  outbox.flush();
  setFlash(t("recovery.signed_in", { name: me.name }));
  go(me.memberships.length ? "#/" : "#/circles");
}

/** "Forgot your password?": the email to send the link to; the same answer for any address. */
export function forgot() {
  const answer = h("div", { role: "status" });
  const form = h(
    "form",
    { novalidate: true },
    emailField(),
    h("button", { type: "submit" }, t("recovery.send_link")),
  );
  onSubmit(form, async (data) => {
    const { data: sent } = await post("/auth/password-reset", { email: data.email });
    answer.replaceChildren(h("p", { class: "success" }, sent.message));
  });
  page(
    t("recovery.forgot_title"),
    h("p", {}, t("recovery.forgot_intro")),
    answer,
    form,
    h("p", {}, h("a", { href: "#/sms-code" }, t("recovery.to_sms"))),
    h("p", { class: "hint" }, t("recovery.no_email_no_phone")),
  );
}

/** The emailed link opens here: choose a new password, and be signed in. */
export function reset({ params, go }) {
  const form = h(
    "form",
    { novalidate: true },
    newPasswordField(),
    h("button", { type: "submit" }, t("recovery.save_password")),
  );
  onSubmit(form, async (data) => {
    const { data: me } = await post("/auth/password-reset/confirm", {
      token: params.token,
      password: data.password,
    });
    await welcome(me, go);
  });
  page(t("recovery.reset_title"), h("p", {}, t("recovery.reset_intro")), form);
}

/** Sign in with a code by SMS: first the mobile number, then the six digits that came. */
export function smsCode({ go }) {
  const phone = textField({
    name: "phone",
    label: t("recovery.mobile"),
    type: "tel",
    autocomplete: "tel",
    required: true,
  });
  const ask = h(
    "form",
    { novalidate: true },
    phone,
    h("button", { type: "submit" }, t("recovery.send_code")),
  );
  const answer = h("div", { role: "status" });
  let number = "";
  const code = textField({
    name: "code",
    label: t("recovery.code"),
    hint: t("recovery.code_hint"),
    inputmode: "numeric",
    autocomplete: "one-time-code",
    maxlength: 6,
    required: true,
  });
  const confirm = h(
    "form",
    { novalidate: true, hidden: true },
    code,
    h("button", { type: "submit" }, t("recovery.sign_in_with_code")),
  );
  onSubmit(ask, async (data) => {
    number = data.phone;
    const { data: sent } = await post("/auth/sms-code", { phone: number });
    answer.replaceChildren(h("p", { class: "success" }, sent.message));
    confirm.hidden = false;
    confirm.querySelector("input").focus();
  });
  onSubmit(confirm, async (data) => {
    const { data: me } = await post("/auth/sms-code/confirm", { phone: number, code: data.code.trim() });
    await welcome(me, go);
  });
  page(
    t("recovery.sms_title"),
    h("p", {}, t("recovery.sms_intro")),
    ask,
    answer,
    confirm,
    h("p", { class: "hint" }, t("recovery.no_email_no_phone")),
  );
}

/** The link in the confirmation email opens here. */
export async function confirmEmail({ params, go }) {
  page(t("confirm.title"), h("p", { role: "status" }, t("confirm.working")));
  try {
    await post("/auth/email-confirmation/confirm", { token: params.token });
  } catch (error) {
    page(t("confirm.title"), h("div", { class: "error-summary", role: "alert" }, h("p", {}, error.message)));
    return;
  }
  if (state.me) state.me.email_confirmed = true;
  setFlash(t("confirm.done"));
  go(state.me ? "#/settings" : "#/signin");
}

/** "Confirm your email", with a button to send the link again; nothing when confirmed. */
export function confirmNotice() {
  const me = state.me;
  if (!me?.email || me.email_confirmed) return null;
  const status = h("p", { role: "status" });
  const again = h("button", { type: "button", class: "secondary" }, t("confirm.resend"));
  again.addEventListener("click", async () => {
    again.disabled = true;
    try {
      status.textContent = (await post("/me/email-confirmation")).data.message;
    } catch (error) {
      status.textContent = error.message;
      again.disabled = false;
    }
  });
  return h(
    "section",
    { class: "notice", "aria-labelledby": "confirm-heading" },
    h("h2", { id: "confirm-heading" }, t("confirm.heading")),
    h("p", {}, t("confirm.explain", { email: me.email })),
    again,
    status,
  );
}

/** Change password in Settings: the current one, then the new; other sign-ins end. */
export function passwordForm() {
  const form = h(
    "form",
    { novalidate: true, "aria-labelledby": "password-heading" },
    h("h2", { id: "password-heading" }, t("recovery.change_title")),
    textField({
      name: "current_password",
      label: t("recovery.current_password"),
      type: "password",
      autocomplete: "current-password",
      required: true,
    }),
    newPasswordField(),
    h("button", { type: "submit" }, t("recovery.save_password")),
  );
  onSubmit(form, async (data) => {
    await post("/me/password", { current_password: data.current_password, password: data.password });
    form.reset();
    form.replaceChildren(
      form.firstChild,
      h("p", { class: "success", role: "status" }, t("recovery.changed")),
    );
  });
  return form;
}
