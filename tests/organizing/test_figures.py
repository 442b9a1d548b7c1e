"""Mette sees her own circle's figures exactly: members, requests, time to match, events."""

from datetime import UTC, datetime, timedelta

import time_machine

from circles.extensions import db
from tests.factories import (
    book,
    make_circle,
    make_event,
    make_member,
    make_members_joined,
    make_request,
)

FEBRUARY = datetime(2026, 2, 10, 12, tzinfo=UTC)
MARCH = datetime(2026, 3, 10, 12, tzinfo=UTC)


@time_machine.travel("2026-03-20 10:00Z", tick=False)
def test_organizer_sees_small_exact_numbers_of_her_own_circle(make_client, ctx):
    circle = make_circle()
    elsewhere = make_circle("Risskov", centre=(56.193, 10.229))
    organizer = make_member(circle, role="organizer")
    organizer.memberships[0].created_at = datetime(2025, 1, 1, tzinfo=UTC)
    make_members_joined(circle, FEBRUARY, 2)
    make_members_joined(circle, MARCH, 3)
    make_members_joined(elsewhere, MARCH, 7)
    asker = make_members_joined(circle, FEBRUARY, 1, name="Asker")[0]
    asker.latitude, asker.longitude = 56.1722, 10.2080
    matched = make_request(asker, circle, created_at=FEBRUARY)
    matched.matched_at, matched.status = FEBRUARY + timedelta(hours=5), "done"
    make_request(asker, circle, created_at=MARCH)  # still open, asked ten days ago
    make_request(asker, circle, created_at=datetime(2026, 3, 19, 20, tzinfo=UTC))  # open, new
    db.session.commit()
    walk = make_event(circle, organizer, starts_at=datetime(2026, 3, 5, 10, tzinfo=UTC))
    book(walk, asker)

    url = f"/api/v1/circles/{circle.id}/figures?from=2026-02&to=2026-03"
    body = make_client(organizer).get(url).get_json()
    february, march = body["months"]
    assert (february["new_members"], february["members"]) == (3, 4)
    assert (march["new_members"], march["members"]) == (3, 7)
    assert (february["requests"], february["matched"], february["done"]) == (1, 1, 1)
    assert february["median_hours_to_match"] == 5.0 and march["median_hours_to_match"] is None
    assert march["requests"] == 2 and march["event_times"] == 1
    assert body["period"]["requests"] == 3 and body["period"]["new_members"] == 6
    assert body["now"] == {"members": 7, "open_requests": 2, "unanswered_requests": 1}


def test_bad_months_are_named(make_client, ctx):
    circle = make_circle()
    mette = make_client(make_member(circle, role="organizer"))
    bad = mette.get(f"/api/v1/circles/{circle.id}/figures?from=March")
    assert bad.status_code == 422 and "from" in bad.get_json()["errors"]["query"]
    backwards = mette.get(f"/api/v1/circles/{circle.id}/figures?from=2026-03&to=2026-01")
    assert backwards.status_code == 422
