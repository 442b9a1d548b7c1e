"""Event jobs, with time moving forward: reminders, and events nobody has joined."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from circles.core.types import utcnow
from circles.events import events
from circles.events.jobs import flag_empty_events, send_reminders
from circles.notify import notifications
from circles.notify.models import Notification
from circles.organizing.models import OutreachItem
from tests.factories import book, make_circle, make_event, make_member

START = datetime(2027, 6, 10, 8, 0, tzinfo=UTC)  # a Thursday, 10:00 in Copenhagen


@pytest.fixture
def circle(ctx):
    return make_circle()


def kinds(user):
    return [n.kind for n in Notification.query.filter_by(user_id=user.id).order_by(Notification.id)]


def test_those_with_a_place_are_reminded_a_day_and_two_hours_before_once_each(circle):
    host = make_member(circle, role="organizer")
    walk = make_event(circle, host, starts_at=START)
    karen, waiting = make_member(circle), make_member(circle)
    book(walk, karen)
    book(walk, waiting, status="waiting")
    with time_machine.travel(START - timedelta(days=2), tick=False) as traveller:
        assert send_reminders(utcnow()) == 0
        traveller.move_to(START - timedelta(hours=23, minutes=55))
        assert send_reminders(utcnow()) == 1
        assert send_reminders(utcnow()) == 0  # the second run sends nothing new
        traveller.move_to(START - timedelta(hours=1, minutes=58))
        assert send_reminders(utcnow()) == 1
        traveller.move_to(START + timedelta(minutes=5))
        assert send_reminders(utcnow()) == 0
    assert kinds(karen) == ["event_reminder_24h", "event_reminder_2h"]
    assert kinds(waiting) == []
    first = Notification.query.filter_by(user_id=karen.id).order_by(Notification.id).first()
    assert "torsdag 10 juni 10:00" in notifications.text(first, "da")
    assert "Thursday 10 June 10:00" in notifications.text(first, "en")  # written when read


def test_a_weekly_series_reminds_for_each_occurrence_and_not_for_a_cancelled_one(circle):
    host = make_member(circle, role="organizer")
    walk = make_event(circle, host, starts_at=START, rrule="FREQ=WEEKLY;COUNT=3")
    karen = make_member(circle)
    second = START + timedelta(days=7)
    book(walk, karen, occurrence_start=second)
    events.change_occurrence(host, walk, START + timedelta(days=14))  # cancelled, no bookings
    with time_machine.travel(second - timedelta(hours=20), tick=False):
        assert send_reminders(utcnow()) == 1
    with time_machine.travel(START + timedelta(days=14) - timedelta(hours=1), tick=False):
        assert flag_empty_events(utcnow()) == 0  # the cancelled one is not "empty"
    assert kinds(karen) == ["event_reminder_24h"]


def test_an_event_nobody_joined_is_flagged_to_host_and_organizer_and_the_outreach_list(circle):
    organizer = make_member(circle, role="organizer")
    host = make_member(circle)
    make_event(circle, host, starts_at=START, title="Foredrag om haver")
    with time_machine.travel(START - timedelta(days=3), tick=False) as traveller:
        assert flag_empty_events(utcnow()) == 0
        traveller.move_to(START - timedelta(hours=20))
        assert flag_empty_events(utcnow()) == 2
        assert flag_empty_events(utcnow()) == 0
    assert kinds(host) == kinds(organizer) == ["event_empty"]
    [item] = OutreachItem.query.all()
    assert item.reason == "empty_event" and item.circle_id == circle.id


def test_an_event_with_someone_signed_up_is_not_flagged(circle):
    host = make_member(circle, role="organizer")
    walk = make_event(circle, host, starts_at=START)
    book(walk, make_member(circle))
    with time_machine.travel(START - timedelta(hours=5), tick=False):
        assert flag_empty_events(utcnow()) == 0
    assert OutreachItem.query.count() == 0
