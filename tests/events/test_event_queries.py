"""Query budgets for events: a page of occurrences costs the same however long the past is."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from sqlalchemy import insert, select

from circles.core.types import utcnow
from circles.db import read_columns
from circles.events import events
from circles.events.models import Booking, Event, EventOccurrence
from circles.events.occurrences import exceptions_by_event, window
from circles.extensions import db
from tests.factories import book, make_circle, make_event, make_member
from tests.plans import rows_read_for


def one_off_walks(circle, host, count: int, first_start, step=timedelta(days=1)) -> None:
    """count two-hour walks in the circle, a step apart, in one insert."""
    starts = [first_start + step * n for n in range(count)]
    rows = [
        {
            "circle_id": circle.id,
            "kind": "walk",
            "title": f"Gåtur nr. {n + 1}",
            "description": "",
            "host_id": host.id,
            "created_by_id": host.id,
            "starts_at": start,
            "ends_at": start + timedelta(hours=2),
            "capacity": 12,
            "status": "scheduled",
            "timezone": "Europe/Copenhagen",
        }
        for n, start in enumerate(starts)
    ]
    db.session.execute(insert(Event), rows)
    db.session.commit()


def test_karen_sees_50_coming_walks_in_2_statements_despite_300_past_ones(
    make_client, ctx, statements
):
    circle = make_circle()
    mette = make_member(circle, role="organizer", name="Mette Organizer")
    karen = make_member(circle, name="Karen")
    now = utcnow().replace(microsecond=0)
    one_off_walks(circle, mette, 300, now - timedelta(days=400))
    one_off_walks(circle, mette, 49, now + timedelta(hours=3), step=timedelta(hours=12))
    weekly = make_event(circle, mette, rrule="FREQ=WEEKLY;COUNT=3", title="Kaffe", capacity=2)
    book(weekly, karen)
    book(weekly, mette)
    client = make_client(karen)
    client.get("/api/v1/me")  # her visit is noted once; the budget is for what follows
    with statements() as sent:
        answer = client.get("/api/v1/events?page=1&page_size=50")
    page = answer.get_json()
    assert answer.status_code == 200 and len(page) == 50
    coffee = next(row for row in page if row["title"] == "Kaffe")
    assert coffee["my_status"] == "going" and coffee["places_left"] == 0
    assert all(row["places_left"] == 12 for row in page if row["title"] != "Kaffe")
    # Measured: 2 (her sign-in; the events with their changes and places in the window).
    assert len(sent) <= 2, "\n".join(sent)
    assert not sent.written_per_run, "\n".join(sent.written_per_run)


def test_a_weekly_coffee_booked_ten_times_costs_no_more_to_show_than_a_single_walk(
    make_client, ctx, statements
):
    circle = make_circle()
    mette = make_member(circle, role="organizer", name="Mette Organizer")
    karen = make_member(circle, name="Karen")
    quiet = make_event(circle, mette, title="Gåtur", capacity=8)
    busy = make_event(circle, mette, rrule="FREQ=WEEKLY;COUNT=10", title="Kaffe", capacity=8)
    for week in range(10):
        book(busy, karen, occurrence_start=busy.starts_at + timedelta(weeks=week))
    client = make_client(karen)
    client.get("/api/v1/me")
    with statements() as for_quiet:
        client.get(f"/api/v1/events/{quiet.id}")
    with statements() as for_busy:
        answer = client.get(f"/api/v1/events/{busy.id}").get_json()
    assert [o["my_status"] for o in answer["occurrences"]] == ["going"] * 10
    assert [o["places_left"] for o in answer["occurrences"]] == [7] * 10
    assert len(for_busy) == len(for_quiet) <= 12, "\n".join(for_busy)


def test_birgits_walk_of_three_years_lists_its_month_without_reading_its_past(make_client, ctx):
    """Birgit's Thursday walk began three years ago; a hundred and fifty mornings were
    called off since. The coming month shows the next walk cancelled, the one after moved to
    the Friday, and last week's moved into this week; only those three exceptions are read.
    The places left and Karen's own place on each walk come with the list, the moved ones'
    too, wherever they were moved from."""
    now = datetime(2026, 12, 1, 8, tzinfo=UTC)  # a Tuesday: winter time now and then
    with time_machine.travel(now, tick=False):
        birgits_walk_in_the_month_from(now, make_client)


def birgits_walk_in_the_month_from(now, make_client):
    circle = make_circle()
    birgit = make_member(circle, role="organizer", name="Birgit Holm")
    karen = make_member(circle, name="Karen")
    began = now - timedelta(weeks=156, days=-2)  # two days from now, three years back
    walk = make_event(
        circle, birgit, starts_at=began, rrule="FREQ=WEEKLY", title="Torsdagstur", capacity=12
    )
    walk_length = walk.ends_at - walk.starts_at

    def exception(original, to=None, cancelled=False):
        to = to or original
        return EventOccurrence(
            event_id=walk.id, original_start=original, starts_at=to, ends_at=to + walk_length,
            cancelled=cancelled,
        )  # fmt: skip

    past = [exception(began + timedelta(weeks=w), cancelled=True) for w in range(150)]
    this_week = began + timedelta(weeks=156)
    kept = [
        exception(this_week, cancelled=True),
        exception(this_week + timedelta(weeks=1), this_week + timedelta(weeks=1, days=1)),
        exception(this_week - timedelta(weeks=1), this_week - timedelta(days=1)),
    ]
    db.session.add_all(past + kept)
    db.session.commit()
    jonas = make_member(circle, name="Jonas")
    for walker in (karen, jonas):  # last week's walk, moved into this week from before it
        book(walk, walker, occurrence_start=this_week - timedelta(weeks=1))
    book(walk, jonas, occurrence_start=this_week + timedelta(weeks=1))  # moved to the Friday
    book(walk, karen, "waiting", occurrence_start=this_week + timedelta(weeks=2))
    book(walk, karen, occurrence_start=began)  # three years ago: not read for the list

    month = (now, now + timedelta(days=30))
    read = exceptions_by_event([walk.id], within=month)[walk.id]  # as the reminders read them
    assert sorted(e.original_start for e in read) == sorted(e.original_start for e in kept)
    mine = {"user_id": karen.id, "circle_id": None, "status": "scheduled", **window(*month)}
    listed = read_columns(events._upcoming(False), mine).all()  # as her list reads them
    changes = sorted(row.original_start for row in listed if row.fact == "change")
    assert changes == sorted(e.original_start for e in kept)
    # Bookings of walks starting in the month; last week's come with its change.
    booked = [row.original_start for row in listed if row.fact == "booked"]
    assert sorted(booked) == [this_week + timedelta(weeks=w) for w in (1, 2)]
    shown = make_client(karen).get("/api/v1/events?days=30").get_json()
    starts = [row["starts_at"] for row in shown if row["title"] == "Torsdagstur"]
    wanted = [this_week - timedelta(days=1), this_week + timedelta(weeks=1, days=1)]
    wanted += [this_week + timedelta(weeks=w) for w in (2, 3, 4)]
    zone = ZoneInfo("Europe/Copenhagen")
    assert starts == [w.astimezone(zone).isoformat() for w in wanted if w < month[1]]
    standings = [(row["places_left"], row["my_status"]) for row in shown][:3]
    assert standings == [(10, "going"), (11, None), (12, "waiting")]


def test_karens_list_passes_by_the_countrys_years_of_called_off_walks(ctx):
    """Across the country, weekly walks have been called off now and then for ten years: 20,000
    cancelled mornings in other circles. Karen's list of what is coming in her circle, which
    asks whether any of its past walks was moved to later, reads none of them (an index on
    when each change ends), only her own walk's change."""
    now = utcnow().replace(microsecond=0)
    circle = make_circle()
    birgit = make_member(circle, role="organizer", name="Birgit Holm")
    karen = make_member(circle, name="Karen")
    walk = make_event(circle, birgit, rrule="FREQ=WEEKLY", title="Torsdagstur")
    one_off_walks(circle, birgit, 30, now - timedelta(days=100))  # over, or moved to later?
    moved = walk.starts_at + timedelta(weeks=1)
    db.session.add(
        EventOccurrence(
            event_id=walk.id, original_start=moved, starts_at=moved + timedelta(days=1),
            ends_at=moved + timedelta(days=1, hours=2),
        )
    )  # fmt: skip
    began = now - timedelta(weeks=520)
    series = []
    for town in range(10):
        elsewhere = make_circle(f"Landsby {town}")
        host = make_member(elsewhere, role="organizer", name=f"Vært {town}")
        series += [
            make_event(elsewhere, host, starts_at=began + timedelta(hours=n), rrule="FREQ=WEEKLY")
            for n in range(40)
        ]
    called_off = [
        {
            "event_id": event.id,
            "original_start": event.starts_at + timedelta(weeks=week),
            "starts_at": event.starts_at + timedelta(weeks=week),
            "ends_at": event.ends_at + timedelta(weeks=week),
            "cancelled": True,
        }
        for event in series
        for week in range(0, 500, 10)
    ]
    db.session.execute(insert(EventOccurrence), called_off)
    db.session.commit()
    mine = {"user_id": karen.id, "circle_id": None, "status": "scheduled"}
    query = events._upcoming(False).params(**mine, **window(now, now + timedelta(days=60)))
    read, plan = rows_read_for(query, "event_occurrences")
    assert 0 <= read <= 10, "\n".join(plan)


def test_karens_list_counts_the_places_on_coming_walks_not_a_decade_of_booked_mornings(ctx):
    """Karen's Thursday walk has met every week for ten years, twenty walkers each time; two
    thousand small events elsewhere have a booking or two. Her list counts the places on the
    coming walks by the index on each walk's start: it reads those bookings, not the 10,400 of
    the mornings gone."""
    now = utcnow().replace(microsecond=0)
    circle = make_circle()
    birgit = make_member(circle, role="organizer", name="Birgit Holm")
    karen = make_member(circle, name="Karen")
    walkers = [make_member(circle, name=f"Gæst {n}") for n in range(20)]
    walk = make_event(
        circle, birgit, starts_at=now - timedelta(weeks=520), rrule="FREQ=WEEKLY", capacity=25
    )
    elsewhere = make_circle("Landsbyen")
    host = make_member(elsewhere, role="organizer", name="Vært")
    one_off_walks(elsewhere, host, 2000, now - timedelta(days=900), step=timedelta(hours=6))
    small = db.session.scalars(select(Event.id).where(Event.circle_id == elsewhere.id)).all()
    week = timedelta(weeks=1)
    mornings = [walk.starts_at + week * n for n in range(530)]  # ten years and ten weeks on
    rows = [
        {"event_id": walk.id, "occurrence_start": start, "user_id": walker.id, "status": "going"}
        for start in mornings
        for walker in walkers
    ]
    rows += [
        {"event_id": event_id, "occurrence_start": now, "user_id": host.id, "status": "going"}
        for event_id in small
    ]
    db.session.execute(insert(Booking), rows)
    db.session.commit()
    mine = {"user_id": karen.id, "circle_id": None, "status": "scheduled"}
    query = events._upcoming(False).params(**mine, **window(now, now + timedelta(days=60)))
    read, plan = rows_read_for(query, "bookings")
    coming = sum(1 for start in mornings if start >= now - timedelta(days=1))
    assert 0 <= read <= 20 * (coming + 8), "\n".join(plan)
