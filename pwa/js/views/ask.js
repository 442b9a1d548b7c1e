// Asking for help in three steps, and offering help.
import { get } from "../api.js";
import { t, when } from "../i18n.js";
import { activeCircles, state } from "../store.js";
import {
  Problem,
  choices,
  distanceField,
  h,
  loadProblem,
  onSubmit,
  page,
  savedNotice,
  send,
  takeFlash,
  textField,
  values,
} from "../ui.js";

/** The kinds of help, translated; saved offline like any other GET. */
async function categories() {
  return (await get("/categories")).data;
}

function steps(number) {
  return h("p", { class: "steps" }, t("ask.step", { number, total: 3 }));
}

/** Ask for help in three steps: what, when and in your words, where; then check and send. */
export async function ask({ go }) {
  const circles = activeCircles();
  if (!circles.length) {
    return page(
      t("ask.title"),
      h("p", {}, t("ask.no_circle")),
      h("a", { href: "#/circles" }, t("home.find_circles")),
    );
  }
  let kinds;
  try {
    kinds = await categories();
  } catch (error) {
    return loadProblem(t("ask.title"), error);
  }
  const draft = { circle_id: circles[0].circle_id, when: "flexible", place_choice: "home" };
  const back = (step) => h("button", { type: "button", class: "secondary", onclick: step }, t("ask.back"));

  function stepOne() {
    const form = h(
      "form",
      { novalidate: true },
      steps(1),
      choices({
        name: "category",
        legend: t("ask.what"),
        options: kinds,
        selected: [draft.category],
        required: true,
      }),
      h("button", { type: "submit" }, t("ask.next")),
    );
    onSubmit(form, async (data) => {
      if (!data.category) throw new Problem("category", t("ask.choose_kind"));
      draft.category = data.category;
      stepTwo();
    });
    page(t("ask.title"), form);
  }

  function stepTwo() {
    const timeField = textField({
      name: "needed_at",
      label: t("ask.time"),
      hint: t("ask.time_hint"),
      type: "datetime-local",
      value: draft.needed_at,
    });
    const form = h(
      "form",
      { novalidate: true },
      steps(2),
      textField({
        name: "description",
        label: t("ask.describe"),
        hint: t("ask.describe_hint"),
        multiline: true,
        value: draft.description,
      }),
      choices({
        name: "when",
        legend: t("ask.when"),
        options: [
          { code: "flexible", label: t("time.flexible") },
          { code: "time", label: t("ask.at_a_time") },
        ],
        selected: [draft.when],
      }),
      timeField,
      h("button", { type: "submit" }, t("ask.next")),
      back(stepOne),
    );
    // The time is asked for only when "at a time" is chosen; "Når det passer" needs none.
    const showTime = () => (timeField.hidden = form.elements.when.value !== "time");
    form.addEventListener("change", showTime);
    showTime();
    onSubmit(form, async (data) => {
      if (!data.description.trim()) {
        throw new Problem("description", t("ask.describe_missing"));
      }
      if (data.when === "time" && !data.needed_at) {
        throw new Problem("needed_at", t("ask.time_missing"));
      }
      Object.assign(draft, {
        description: data.description.trim(),
        when: data.when,
        needed_at: data.needed_at,
      });
      stepThree();
    });
    page(t("ask.title"), form);
  }

  function stepThree() {
    const kind = kinds.find((k) => k.code === draft.category)?.label;
    const form = h(
      "form",
      { novalidate: true },
      steps(3),
      choices({
        name: "place_choice",
        legend: t("ask.where"),
        options: [
          { code: "home", label: t("ask.at_home") },
          { code: "other", label: t("ask.elsewhere") },
        ],
        selected: [draft.place_choice],
      }),
      textField({ name: "place", label: t("ask.place"), hint: t("ask.place_hint"), value: draft.place }),
      choices({
        name: "share_address",
        legend: t("ask.share_address"),
        hint: t("ask.share_address_hint"),
        options: [
          { code: "yes", label: t("ask.share_address_yes") },
          { code: "no", label: t("ask.share_address_no") },
        ],
        selected: [draft.share_address || "no"],
      }),
      circles.length > 1
        ? choices({
            name: "circle_id",
            legend: t("ask.circle"),
            options: circles.map((c) => ({ code: String(c.circle_id), label: c.circle_name })),
            selected: [String(draft.circle_id)],
          })
        : null,
      h("h2", {}, t("ask.check")),
      h(
        "dl",
        { class: "details" },
        h("dt", {}, t("ask.what_short")),
        h("dd", {}, kind),
        h("dt", {}, t("ask.describe_short")),
        h("dd", {}, draft.description),
        h("dt", {}, t("ask.when_short")),
        h(
          "dd",
          {},
          draft.when === "time"
            ? when(new Date(draft.needed_at).toISOString(), state.me.timezone)
            : t("time.flexible"),
        ),
      ),
      // Said plainly before sending: what the helper will see, and when.
      h("h3", {}, t("ask.shared_short")),
      h("p", {}, t("ask.shared_what")),
      h("p", { id: "shared-address", hidden: draft.share_address !== "yes" }, t("ask.shared_address")),
      h("button", { type: "submit" }, t("ask.send")),
      back(stepTwo),
    );
    onSubmit(form, async (data) => {
      const body = {
        circle_id: Number(data.circle_id || draft.circle_id),
        category: draft.category,
        description: draft.description,
      };
      if (draft.when === "time") body.needed_at = new Date(draft.needed_at).toISOString();
      if (data.place_choice === "other" && data.place.trim()) body.place = data.place.trim();
      body.share_address = data.place_choice !== "other" && data.share_address === "yes";
      const created = await send("POST", "/requests", body, t("outbox.label_request", { what: kind }));
      go(created?.id ? `#/requests/${created.id}` : "#/");
    });
    form.addEventListener("change", () => {
      const sharing = values(form).share_address === "yes" && values(form).place_choice !== "other";
      form.querySelector("#shared-address").hidden = !sharing;
    });
    page(t("ask.title"), form);
  }

  stepOne();
}

/** A standing offer of help, and the offers I already have. */
export async function offer({ go }) {
  let kinds;
  let mine;
  let times;
  try {
    [kinds, mine, times] = await Promise.all([categories(), get("/offers"), get("/availability")]);
  } catch (error) {
    return loadProblem(t("offer.title"), error);
  }
  const label = (code) => kinds.find((k) => k.code === code)?.label || code;
  const form = h(
    "form",
    { novalidate: true },
    choices({ name: "category", legend: t("offer.what"), options: kinds, required: true }),
    distanceField("max_km", t("offer.max_km"), state.me.travel_km),
    choices({
      name: "availability",
      type: "checkbox",
      legend: t("offer.availability"),
      hint: t("offer.availability_hint"),
      options: times.data,
      selected: state.me.availability || [],
    }),
    h("button", { type: "submit" }, t("offer.send")),
  );
  onSubmit(form, async (data) => {
    if (!data.category) throw new Problem("category", t("ask.choose_kind"));
    const body = { category: data.category, max_km: Number(data.max_km), availability: data.availability };
    await send("POST", "/offers", body, t("outbox.label_offer", { what: label(data.category) }));
    go("#/offer");
  });
  page(
    t("offer.title"),
    takeFlash(),
    savedNotice(mine.savedAt),
    h("p", {}, t("offer.intro")),
    mine.data.length
      ? [
          h("h2", {}, t("offer.mine")),
          h(
            "ul",
            {},
            mine.data.map((o) => h("li", {}, t("offer.line", { what: label(o.category), km: o.max_km }))),
          ),
        ]
      : null,
    h("h2", {}, t("offer.new")),
    form,
  );
}
