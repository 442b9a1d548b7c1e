"""Query budgets for events: a page of occurrences costs the same however long the past is."""

from datetime import timedelta

from sqlalchemy import insert

from circles.core.types import utcnow
from circles.events.models import Event
from circles.extensions import db
from tests.factories import book, make_circle, make_event, make_member


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


def test_karen_sees_50_coming_walks_in_6_statements_despite_300_past_ones(
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
    assert len(sent) <= 6, "\n".join(sent)


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
