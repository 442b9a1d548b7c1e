// Events in my circles, booking a place (or the waiting list), and "add to my calendar".
import { del, get } from "../api.js";
import { t, when } from "../i18n.js";
import { state } from "../store.js";
import { h, loadProblem, page, savedNotice, send, setFlash, showProblem, takeFlash } from "../ui.js";

function booked(event) {
  return event.my_booking && event.my_booking !== "cancelled" ? event.my_booking : null;
}

function eventCard(event) {
  return h(
    "li",
    { class: "card" },
    h("h2", {}, h("a", { href: `#/events/${event.id}` }, event.title)),
    h("p", {}, when(event.starts_at, state.me.timezone)),
    event.place_name ? h("p", {}, event.place_name) : null,
    booked(event) ? h("p", { class: "tag" }, t(`booking.${booked(event)}`)) : null,
  );
}

/** Coming events, soonest first. */
export async function eventList() {
  try {
    const { data, savedAt } = await get("/events");
    page(
      t("events.title"),
      takeFlash(),
      savedNotice(savedAt),
      data.length ? h("ul", { class: "cards" }, data.map(eventCard)) : h("p", {}, t("events.none")),
    );
  } catch (error) {
    loadProblem(t("events.title"), error);
  }
}

/** One event: when, where, places left; book or cancel; add it to the phone's calendar. */
export async function eventDetail({ params, go }) {
  let answer;
  try {
    answer = await get(`/events/${params.id}`);
  } catch (error) {
    return loadProblem(t("events.title"), error);
  }
  const event = answer.data;
  const mine = booked(event);
  const rerender = () => go(`#/events/${event.id}`);
  const book = h(
    "button",
    {
      type: "button",
      onclick: async () => {
        await send("POST", `/events/${event.id}/rsvp`, {}, t("outbox.label_booking", { what: event.title }));
        rerender();
      },
    },
    event.places_left === 0 ? t("events.join_waiting_list") : t("events.book"),
  );
  const cancel = h("button", { type: "button", class: "secondary" }, t("events.cancel"));
  cancel.addEventListener("click", async () => {
    try {
      await del(`/events/${event.id}/rsvp`);
      setFlash(t("events.cancelled"));
      rerender();
    } catch (error) {
      showProblem(cancel.parentElement, error);
    }
  });
  page(
    event.title,
    takeFlash(),
    savedNotice(answer.savedAt),
    event.description ? h("p", {}, event.description) : null,
    h(
      "dl",
      { class: "details" },
      h("dt", {}, t("events.when")),
      h("dd", {}, when(event.starts_at, state.me.timezone)),
      h("dt", {}, t("events.where")),
      h("dd", {}, [event.place_name, event.address].filter(Boolean).join(", ")),
      event.places_left != null
        ? [h("dt", {}, t("events.places_left")), h("dd", {}, String(event.places_left))]
        : null,
    ),
    mine ? h("p", { class: "tag" }, t(`booking.${mine}`)) : null,
    h("div", { class: "actions" }, mine ? cancel : book),
    h(
      "p",
      {},
      h(
        "a",
        {
          class: "button secondary",
          href: `/api/v1/events/${event.id}.ics`,
          download: `circles-${event.id}.ics`,
        },
        t("events.add_to_calendar"),
      ),
    ),
  );
}
