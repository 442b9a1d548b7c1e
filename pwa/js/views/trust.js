// Trust and safety: report a person or a message, block someone and lift it again, see what
// organizers did for me, and sign in with a printed card from the organizer.
import { get, post } from "../api.js";
import { t, when } from "../i18n.js";
import * as outbox from "../outbox.js";
import { signedIn, state } from "../store.js";
import {
  choices,
  h,
  loadProblem,
  onSubmit,
  page,
  savedNotice,
  send,
  setFlash,
  takeFlash,
  textField,
} from "../ui.js";

const REASONS = ["unkind", "unsafe", "unwanted_contact", "spam", "other"];
// What the report is about, from the route: a request, an event, a match's thread, or a person.
const SUBJECTS = { requests: "help_requests", events: "events", matches: "matches", person: null };

/** A link to the report form, for a request's, event's or helper's page. */
export function reportLink(kind, id) {
  return h("p", { class: "report" }, h("a", { href: `#/report/${kind}/${id}` }, t(`report.link_${kind}`)));
}

/** A link to block a person, from a suggestion, a match or a thread. */
export function blockLink(userId, name) {
  const href = `#/block/${userId}?name=${encodeURIComponent(name)}`;
  return h("p", { class: "block" }, h("a", { href }, t("block.link", { name })));
}

/** Say plainly what blocking does, and block only when the member says yes. */
export function blockView({ params, query, go }) {
  const name = new URLSearchParams(query).get("name") || "";
  const confirm = async () => {
    await send("POST", "/blocks", { user_id: Number(params.id) }, t("outbox.label_block", { name }));
    go("#/settings");
  };
  page(
    t("block.title", { name }),
    h("p", {}, t("block.explain", { name })),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", onclick: confirm }, t("block.confirm", { name })),
      h("button", { type: "button", class: "secondary", onclick: () => history.back() }, t("block.cancel")),
    ),
  );
}

/** The people I have blocked, each with a button to lift it (on the settings screen). */
export function blockedList(go) {
  const section = h(
    "section",
    { "aria-labelledby": "blocked-title" },
    h("h2", { id: "blocked-title" }, t("block.list")),
  );
  get("/blocks").then(
    ({ data }) => {
      const unblock = (b) => async () => {
        await send("DELETE", `/blocks/${b.user_id}`, null, t("outbox.label_unblock", { name: b.first_name }));
        go("#/settings");
      };
      section.append(
        data.length
          ? h(
              "ul",
              { class: "cards" },
              data.map((b) =>
                h(
                  "li",
                  { class: "card" },
                  h("p", {}, b.first_name),
                  h(
                    "button",
                    { type: "button", class: "secondary", onclick: unblock(b) },
                    t("block.lift", { name: b.first_name }),
                  ),
                ),
              ),
            )
          : h("p", {}, t("block.none")),
      );
    },
    () => section.append(h("p", {}, t("error.offline_no_saved"))),
  );
  return section;
}

/** Tell the organizers about a person or a message that worries you. */
export function reportForm({ params, go }) {
  const targetType = SUBJECTS[params.kind];
  if (targetType === undefined) return loadProblem(t("report.title"), new Error(t("error.general")));
  const form = h(
    "form",
    { novalidate: true },
    choices({
      name: "reason",
      legend: t("report.reason"),
      options: REASONS.map((code) => ({ code, label: t(`report.reason.${code}`) })),
      required: true,
    }),
    textField({
      name: "text",
      label: t("report.text"),
      hint: t("report.text_hint"),
      multiline: true,
      maxlength: 2000,
    }),
    h("button", { type: "submit" }, t("report.send")),
  );
  onSubmit(form, async (data) => {
    const about = targetType
      ? { target_type: targetType, target_id: Number(params.id) }
      : { reported_user_id: Number(params.id) };
    await post("/reports", { ...about, reason: data.reason, text: data.text || "" });
    setFlash(t("report.sent"));
    go("#/reports");
  });
  page(t("report.title"), h("p", {}, t("report.intro")), form);
}

/** My reports, and whether an organizer has looked at them. */
export async function myReports() {
  try {
    const { data, savedAt } = await get("/me/reports");
    page(
      t("report.mine"),
      takeFlash(),
      savedNotice(savedAt),
      data.length
        ? h(
            "ul",
            { class: "cards" },
            data.map((r) =>
              h(
                "li",
                { class: "card" },
                h("p", {}, t(`report.reason.${r.reason}`), " · ", when(r.created_at, state.me.timezone)),
                r.text ? h("p", { class: "quote" }, r.text) : null,
                h("p", {}, t(r.status === "open" ? "report.status_open" : "report.status_handled")),
              ),
            ),
          )
        : h("p", {}, t("report.none")),
    );
  } catch (error) {
    loadProblem(t("report.mine"), error);
  }
}

/** Everything organizers did for me or about me, and who. */
export async function onMyBehalf() {
  try {
    const { data, savedAt } = await get("/me/on-my-behalf?page_size=50");
    page(
      t("behalf.title"),
      h("p", {}, t("behalf.intro")),
      savedNotice(savedAt),
      data.length
        ? h(
            "ul",
            { class: "cards" },
            data.map((e) =>
              h(
                "li",
                { class: "card" },
                h("p", {}, e.text),
                h("p", {}, when(e.created_at, state.me.timezone)),
              ),
            ),
          )
        : h("p", {}, t("behalf.none")),
    );
  } catch (error) {
    loadProblem(t("behalf.title"), error);
  }
}

/** The page a sign-in card's QR code opens: sign in with its code, once. */
export async function signInWithCard({ params, go }) {
  page(t("card.title"), h("p", { role: "status" }, t("card.signing_in")));
  try {
    const { data: me } = await post("/auth/card", { code: params.code });
    await signedIn(me);
    outbox.flush();
    setFlash(t("card.welcome", { name: me.name }));
    go("#/");
  } catch (error) {
    loadProblem(t("card.title"), error);
  }
}
