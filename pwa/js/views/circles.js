// Find a circle near a postcode, the phone's location or home, and join it.
import { get, post } from "../api.js";
import { t } from "../i18n.js";
import { loadMe, state } from "../store.js";
import { h, onSubmit, page, savedNotice, setFlash, showProblem, takeFlash, textField } from "../ui.js";

function circleCard(circle, rerender) {
  const joined = circle.my_status === "active";
  const pending = circle.my_status === "pending";
  const join = h("button", { type: "button" }, t("circles.join", { name: circle.name }));
  join.addEventListener("click", async () => {
    join.disabled = true;
    try {
      const { data } = await post(`/circles/${circle.id}/join`, { role: "member" });
      await loadMe();
      setFlash(t(data.status === "active" ? "circles.joined" : "circles.asked", { name: circle.name }));
      rerender();
    } catch (error) {
      join.disabled = false;
      showProblem(join.closest("li"), error);
    }
  });
  return h(
    "li",
    { class: "card" },
    h("h3", {}, circle.name),
    h(
      "p",
      {},
      t("circles.distance", { km: circle.distance_km.toLocaleString(document.documentElement.lang) }),
    ),
    circle.description ? h("p", {}, circle.description) : null,
    h("p", {}, circle.open ? t("circles.open") : t("circles.by_approval")),
    joined ? h("p", { class: "tag" }, t("circles.you_are_member")) : null,
    pending ? h("p", { class: "tag" }, t("circles.you_asked")) : null,
    !joined && !pending && state.me && circle.may_join ? join : null,
    !joined && !pending && state.me && !circle.may_join && circle.reason ? h("p", {}, circle.reason) : null,
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
  const hasPlace = query.has("postcode") || query.has("lat") || state.me;
  if (!hasPlace) return page(title, flash, h("p", {}, t("circles.intro")), form);
  try {
    const { data, savedAt } = await get(`/circles?${query}`);
    const list = data.length
      ? h(
          "ul",
          { class: "cards" },
          data.map((circle) => circleCard(circle, () => findCircles(ctx))),
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
