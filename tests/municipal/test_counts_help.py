"""The help and event figures are counted in the database, per circle and month."""

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from circles.events.models import Proposal
from circles.extensions import db
from circles.help.models import HelpRequest, Match
from circles.municipal import counts as stats
from circles.municipal import counts_help as activity
from tests.factories import book, make_circle, make_event, make_members_joined

MARCH = datetime(2026, 3, 5, 10, tzinfo=UTC)
SPAN = stats.period(date(2026, 2, 1), date(2026, 3, 1), "Europe/Copenhagen")


def ask(circle, person, category="shopping", **fields):
    """A request straight into the database, asked in March."""
    request = HelpRequest(
        circle_id=circle.id,
        requester_id=person.id,
        created_by_id=person.id,
        category=category,
        latitude=56.17,
        longitude=10.2,
        created_at=MARCH,
        **fields,
    )
    db.session.add(request)
    return request


def helped(request, helper, days_later):
    """A done match for the request."""
    done = MARCH + timedelta(days=days_later)
    request.status, request.done_at = "done", done
    db.session.add(
        Match(
            request=request,
            helper_id=helper.id,
            origin="invite",
            status="done",
            created_by_id=helper.id,
            done_at=done,
        )
    )


@pytest.fixture
def trojborg(ctx):
    """12 requests in March: 10 found a helper (after 1..10 hours), 8 were done, by 4 pairs."""
    circle = make_circle()
    askers, helpers = make_members_joined(circle, MARCH, 8), make_members_joined(circle, MARCH, 4)
    for index in range(12):
        request = ask(circle, askers[index // 2 if index < 8 else index - 4])
        request.category = "shopping" if index < 7 else "it_help"
        if index < 10:
            request.status, request.matched_at = "matched", MARCH + timedelta(hours=index + 1)
        if index < 8:
            helped(request, helpers[index // 2], days_later=index)
    db.session.commit()
    return circle


def test_requests_asked_matched_and_done(trojborg):
    ids = [trojborg.id]
    counted = activity.requests(ids, SPAN)
    assert counted["asked"] == {(trojborg.id, "2026-03"): 12}
    assert counted["matched"] == {(trojborg.id, "2026-03"): 10}
    assert counted["done"] == {(trojborg.id, "2026-03"): 8}
    by_kind = activity.requests_by_kind(ids, SPAN)
    assert by_kind == {("shopping", "2026-03"): 7, ("it_help", "2026-03"): 5}


def test_median_time_to_a_helper(trojborg):
    medians = activity.median_hours_to_match([trojborg.id], SPAN)
    assert medians[(trojborg.id, "2026-03")] == (10, pytest.approx(5.5, abs=0.01))
    assert medians[("all", "all")] == (10, pytest.approx(5.5, abs=0.01))
    assert medians[(trojborg.id, "all")][0] == 10


def test_relationships_are_formed_at_the_second_done_match(trojborg):
    # four pairs each helped twice; the second time is 1, 3, 5 and 7 days after March 5th
    assert activity.relationships([trojborg.id], SPAN) == {(trojborg.id, "2026-03"): 4}


def test_event_times_attendance_and_proposals(ctx):
    circle = make_circle()
    host, *guests = make_members_joined(circle, MARCH, 4)
    event = make_event(circle, host, starts_at=MARCH)
    other_time = make_event(circle, host, starts_at=MARCH + timedelta(days=7))
    for guest in guests:
        book(event, guest).attended = True
    book(other_time, guests[0], status="cancelled")
    db.session.add(
        Proposal(event_id=event.id, author_id=guests[0].id, text="En bænk", created_at=MARCH)
    )
    db.session.commit()
    ids = [circle.id]
    assert activity.meetings(ids, SPAN) == {(circle.id, "2026-03"): 1}
    assert activity.attendance(ids, SPAN) == {(circle.id, "2026-03"): 3}
    assert activity.proposals(ids, SPAN) == {("received", "2026-03"): 1}


def test_matched_against_asked_gives_no_small_difference_away(trojborg):
    from circles.municipal import dashboard
    from tests.factories import make_admin

    board = dashboard.build(
        make_admin(),
        trojborg.municipality_id,
        date(2026, 2, 1),
        date(2026, 3, 1),
        today=date(2026, 4, 2),
    )
    # 12 asked, 10 matched, 8 done: 2 unmatched and 2 not done must not be worked out
    for cell in ((trojborg.id, "2026-Q1"), ("all", "2026-03"), ("all", "2026-Q1")):
        asked, matched, done = (
            board.cell((key, *cell))[0] for key in ("requests", "requests_matched", "requests_done")
        )
        assert asked is None or matched is None
        assert matched is None or done is None
    assert board.cell(("relationships", trojborg.id, "2026-Q1")) == (None, "fewer_than_5")
    assert board.cell(("median_hours", trojborg.id, "2026-03")) == (5.5, None)
    for table in board.tables:
        assert table.disclosed() == set()


def test_medians_are_read_off_counts():
    assert activity.median_of(Counter({1.0: 1, 2.0: 1, 9.0: 1})) == (3, 2.0)
    assert activity.median_of(Counter({1.0: 2, 3.0: 2})) == (4, 2.0)
    assert activity.median_of(Counter({4.0: 5})) == (5, 4.0)
