// Find a circle near a postcode, the phone's location or home, and join it.
import { get, post } from "../api.js";
import { t } from "../i18n.js";
import { loadMe, state } from "../store.js";
import { h, onSubmit, page, savedNotice, setFlash, showProblem, takeFlash, textField } from "../ui.js";

/** A button that joins the circle in a role, then says what happens next. */
function joinButton(circle, role, label, rerender) {
  const button = h("button", { type: "button", class: role === "helper" ? "secondary" : null }, label);
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const { data } = await post(`/circles/${circle.id}/join`, { role });
      await loadMe();
      const next =
        role === "helper"
          ? "circles.helper_asked"
          : data.status === "active"
            ? "circles.joined"
            : "circles.asked";
      setFlash(t(next, { name: circle.name }));
      rerender();
    } catch (error) {
      button.disabled = false;
      showProblem(button.closest("li"), error);
    }
  });
  return button;
}

function circleCard(circle, wantsToHelp, rerender) {
  const joined = circle.my_status === "active";
  const pending = circle.my_status === "pending";
  const free = !joined && !pending && state.me;
  // Offered to those too young to be members, and to everyone who said at sign-up they would help.
  const offerHelp = free && circle.may_help && (wantsToHelp || circle.reason_code === "join.too_young");
  const refusal = free && !circle.may_join && circle.reason && !offerHelp;
  const helping = circle.my_role === "helper";
  return h(
    "li",
    { class: "card" },
    h("h3", {}, circle.name),
    // No distance from a postcode's centre: it can lie kilometres from every street in it.
    circle.distance_km != null ? h("p", {}, t("circles.distance", { km: circle.distance_km })) : null,
    circle.area_places?.length
      ? h("p", {}, t("circles.area", { places: circle.area_places.join(", ") }))
      : null,
    circle.description ? h("p", {}, circle.description) : null,
    h("p", {}, circle.open ? t("circles.open") : t("circles.by_approval")),
    joined ? h("p", { class: "tag" }, t(helping ? "circles.you_help" : "circles.you_are_member")) : null,
    pending ? h("p", { class: "tag" }, t(helping ? "circles.you_offered_help" : "circles.you_asked")) : null,
    pending && helping ? h("p", {}, t("circles.helper_next")) : null,
    free && circle.may_join
      ? joinButton(circle, "member", t("circles.join", { name: circle.name }), rerender)
      : null,
    offerHelp ? h("p", {}, t("circles.help_intro")) : null,
    offerHelp ? joinButton(circle, "helper", t("circles.help", { name: circle.name }), rerender) : null,
    refusal ? h("p", {}, circle.reason) : null,
  );
}

/** Circles near a place, nearest first, each with a way to join. */
export async function findCircles(ctx) {
  const query = new URLSearchParams(ctx.query);
  const form = h(
    "form",
    { novalidate: true },
    textField({
      name: "postcode",
      label: t("field.postcode"),
      hint: t("circles.postcode_hint"),
      inputmode: "numeric",
      autocomplete: "postal-code",
      maxlength: 4,
      value: query.get("postcode"),
    }),
    h("button", { type: "submit" }, t("circles.search")),
    h(
      "button",
      {
        type: "button",
        class: "secondary",
        onclick: () =>
          navigator.geolocation.getCurrentPosition(
            (p) => ctx.go(`#/circles?lat=${p.coords.latitude}&lon=${p.coords.longitude}`),
            () => showProblem(form, new Error(t("location.failed"))),
          ),
      },
      t("location.use_mine"),
    ),
  );
  onSubmit(form, async (data) => ctx.go(`#/circles?postcode=${encodeURIComponent(data.postcode.trim())}`));
  const flash = takeFlash();
  const title = t("circles.title");
  const wantsToHelp = query.get("help") === "1";
  query.delete("help"); // the app's own wish, not the server's
  const hasPlace = query.has("postcode") || query.has("lat") || state.me;
  if (!hasPlace) return page(title, flash, h("p", {}, t("circles.intro")), form);
  try {
    const { data, savedAt } = await get(`/circles?${query}`);
    const list = data.length
      ? h(
          "ul",
          { class: "cards" },
          data.map((circle) => circleCard(circle, wantsToHelp, () => findCircles(ctx))),
        )
      : h("p", {}, t("circles.none"));
    page(
      title,
      flash,
      savedNotice(savedAt),
      h("p", {}, t("circles.intro")),
      form,
      h("h2", {}, t("circles.near")),
      list,
    );
  } catch (error) {
    page(title, flash, form);
    showProblem(form, error);
  }
}
