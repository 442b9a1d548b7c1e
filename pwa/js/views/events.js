// Events in my circles (one row per occurrence), booking a place or the waiting list, and
// "add to my calendar". Repeating events are booked one occurrence at a time.
import { del, get } from "../api.js";
import { t, when } from "../i18n.js";
import { state } from "../store.js";
import { h, loadProblem, page, savedNotice, send, setFlash, showProblem, takeFlash } from "../ui.js";
import { reportLink } from "./trust.js";

const link = (event, start) => `#/events/${event.id}?at=${encodeURIComponent(start)}`;

function standing(status) {
  return status ? h("p", { class: "tag" }, t(`booking.${status}`)) : null;
}

function eventCard(row) {
  return h(
    "li",
    { class: "card" },
    h("h2", {}, h("a", { href: link(row, row.occurrence_start) }, row.title)),
    h("p", {}, when(row.starts_at, state.me.timezone)),
    row.place_name ? h("p", {}, row.place_name) : null,
    row.cancelled ? h("p", { class: "tag" }, t("events.called_off")) : standing(row.my_status),
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

/** One event: when, where, places left; book or give back a place; add it to the phone's calendar. */
export async function eventDetail({ params, query, go }) {
  let answer;
  try {
    answer = await get(`/events/${params.id}`);
  } catch (error) {
    return loadProblem(t("events.title"), error);
  }
  const event = answer.data;
  const at = new URLSearchParams(query).get("at");
  const occurrences = event.occurrences || [];
  const chosen = occurrences.find((o) => o.occurrence_start === at) || occurrences[0] || {};
  const start = chosen.occurrence_start;
  const rerender = () => go(link(event, start));
  const hosting = (event.host_ids || []).includes(state.me.id);
  const book = h(
    "button",
    {
      type: "button",
      onclick: async () => {
        const body = { going: true, occurrence_start: start };
        await send(
          "POST",
          `/events/${event.id}/rsvp`,
          body,
          t("outbox.label_booking", { what: event.title }),
        );
        rerender();
      },
    },
    chosen.places_left === 0 ? t("events.join_waiting_list") : t("events.book"),
  );
  const cancel = h("button", { type: "button", class: "secondary" }, t("events.cancel"));
  cancel.addEventListener("click", async () => {
    try {
      await del(`/events/${event.id}/rsvp?occurrence_start=${encodeURIComponent(start)}`);
      setFlash(t("events.cancelled"));
      rerender();
    } catch (error) {
      showProblem(cancel.parentElement, error);
    }
  });
  const others = occurrences.filter((o) => o.occurrence_start !== start && !o.cancelled);
  page(
    event.title,
    takeFlash(),
    savedNotice(answer.savedAt),
    event.description ? h("p", {}, event.description) : null,
    h(
      "dl",
      { class: "details" },
      h("dt", {}, t("events.when")),
      h("dd", {}, when(chosen.starts_at || event.starts_at, state.me.timezone)),
      h("dt", {}, t("events.where")),
      h("dd", {}, [event.place_name, event.address].filter(Boolean).join(", ") || "–"),
      event.host_names?.length
        ? [h("dt", {}, t("events.host")), h("dd", {}, event.host_names.join(", "))]
        : null,
      chosen.places_left != null
        ? [h("dt", {}, t("events.places_left")), h("dd", {}, String(chosen.places_left))]
        : null,
      event.step_free ? [h("dt", {}, t("events.access")), h("dd", {}, t("events.step_free"))] : null,
      event.hearing_loop ? [h("dt", {}, t("events.sound")), h("dd", {}, t("events.hearing_loop"))] : null,
    ),
    event.address_hidden ? h("p", {}, t("events.address_after_booking")) : null,
    chosen.cancelled ? h("p", { class: "notice" }, t("events.called_off")) : standing(chosen.my_status),
    chosen.cancelled || hosting ? null : h("div", { class: "actions" }, chosen.my_status ? cancel : book),
    // A host's place is hers already: she is told so, and not offered a booking.
    hosting && !chosen.cancelled ? h("p", { class: "notice" }, t("events.you_host")) : null,
    h(
      "p",
      {},
      h(
        "a",
        {
          class: "button secondary",
          // A series adds only the date shown (the one booked), never an endless repetition.
          href:
            event.rrule && start
              ? `/api/v1/events/${event.id}.ics?occurrence_start=${encodeURIComponent(start)}`
              : `/api/v1/events/${event.id}.ics`,
          download: `circles-event-${event.id}.ics`,
        },
        t("events.add_to_calendar"),
      ),
    ),
    others.length
      ? [
          h("h2", {}, t("events.other_dates")),
          h(
            "ul",
            {},
            others.map((o) =>
              h(
                "li",
                {},
                h("a", { href: link(event, o.occurrence_start) }, when(o.starts_at, state.me.timezone)),
              ),
            ),
          ),
        ]
      : null,
    reportLink("events", event.id),
  );
}
