"""Member jobs, with time moving forward: quiet members and the weekly digest."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from circles.accounts.services import place_home
from circles.core.types import utcnow
from circles.extensions import db
from circles.help.models import Block
from circles.notify import notifications
from circles.notify.models import Notification
from circles.organizing.jobs import list_quiet_members, send_weekly_digests
from circles.organizing.models import OutreachItem
from tests.factories import add_member, make_circle, make_event, make_member, make_request

MONDAY = datetime(2027, 6, 7, 6, 0, tzinfo=UTC)


@pytest.fixture
def circle(ctx):
    return make_circle()


def test_a_member_quiet_for_thirty_days_goes_on_each_of_their_circles_outreach_lists(circle):
    other = make_circle("Risskov", centre=(56.19, 10.23))
    with time_machine.travel(MONDAY, tick=False) as traveller:
        karen = make_member(circle, name="Karen")
        make_member(circle, role="organizer")
        add_member(karen, other)
        traveller.move_to(MONDAY + timedelta(days=29))
        assert list_quiet_members(utcnow()) == 0
        traveller.move_to(MONDAY + timedelta(days=31))
        assert list_quiet_members(utcnow()) == 2
        assert list_quiet_members(utcnow()) == 0
    items = OutreachItem.query.order_by(OutreachItem.circle_id).all()
    assert [(i.circle_id, i.member_id, i.reason) for i in items] == [
        (circle.id, karen.id, "quiet_member"),
        (other.id, karen.id, "quiet_member"),
    ]


def test_the_quiet_period_is_a_setting(app, circle):
    with time_machine.travel(MONDAY, tick=False) as traveller:
        make_member(circle)
        traveller.move_to(MONDAY + timedelta(days=8))
        app.config["CIRCLES_QUIET_AFTER_DAYS"] = 7
        try:
            assert list_quiet_members(utcnow()) == 1
        finally:
            app.config["CIRCLES_QUIET_AFTER_DAYS"] = 30


def test_the_weekly_digest_comes_once_a_week_in_each_members_language(circle, make_client):
    host = make_member(circle, role="organizer")
    make_event(circle, host, title="Fællesspisning", starts_at=MONDAY + timedelta(days=2))
    danish = make_member(circle, name="Karen")
    english = make_member(circle, name="John", language="en")
    make_member(circle, name="Not wanting one")
    for person in (danish, english):
        answer = make_client(person).patch("/api/v1/me", json={"weekly_digest": True})
        assert answer.status_code == 200 and answer.get_json()["weekly_digest"] is True
    with time_machine.travel(MONDAY, tick=False) as traveller:
        assert send_weekly_digests(utcnow()) == 2
        traveller.move_to(MONDAY + timedelta(days=3))
        assert send_weekly_digests(utcnow()) == 0
        traveller.move_to(MONDAY + timedelta(days=7))
        assert send_weekly_digests(utcnow()) == 2
    first = Notification.query.filter_by(user_id=danish.id).order_by(Notification.id).first()
    assert "hjælp nær dig: ingen." in notifications.text(first, "da")
    assert notifications.text(first, "da").startswith("Din uge")
    assert "Fællesspisning" in notifications.text(first, "da")
    in_english = Notification.query.filter_by(user_id=english.id).order_by(Notification.id).first()
    assert notifications.text(in_english, "en").startswith("Your week")
    assert "Coming events: Fællesspisning (Wednesday 9 June 08:00)" in (
        notifications.text(in_english, "en")
    )
    assert Notification.query.filter_by(kind="weekly_digest_nearby").count() == 4


def test_the_digest_lists_new_requests_near_the_member_as_the_request_list_would(circle):
    """Within their travel distance, in their circles, this week, open; never a place."""
    karen = make_member(circle, name="Karen", travel_km=2.0, weekly_digest=True)
    near = (56.1780, 10.2080)  # about 650 m north of Karen, in the next grid square
    ole = make_member(circle, name="Ole", home=near)
    blocked = make_member(circle, name="Blocked", home=near)
    db.session.add(Block(blocker_id=karen.id, blocked_id=blocked.id))
    far = make_member(circle, name="Far", home=(56.2100, 10.2080))  # about 4 km
    elsewhere = make_circle("Risskov", centre=(56.19, 10.23))
    stranger = make_member(elsewhere, name="Stranger", home=near)
    with time_machine.travel(MONDAY - timedelta(days=10), tick=False) as traveller:
        make_request(ole, circle, "garden")  # too old for this week's digest
        traveller.move_to(MONDAY - timedelta(days=2))
        make_request(ole, circle, "shopping", description="Nørregade 12, 2. sal")
        make_request(ole, circle, "visit", status="matched")
        make_request(karen, circle, "it_help")
        make_request(blocked, circle, "it_help")
        make_request(far, circle, "it_help")
        make_request(stranger, elsewhere, "it_help")
        traveller.move_to(MONDAY)
        assert send_weekly_digests(utcnow()) == 1
    digest = Notification.query.filter_by(user_id=karen.id).one()
    text = notifications.text(digest, "da")  # 0,6 km: square to square
    assert "Nye ønsker om hjælp nær dig: Indkøb (ca. 0,6 km væk)." in text
    assert "Nørregade" not in text and "Ole" not in text


def test_the_digest_gives_no_distance_to_a_request_from_a_postcode_alone(circle):
    karen = make_member(circle, name="Karen", travel_km=6.0, weekly_digest=True)
    birthe = make_member(circle, name="Birthe", home=None)
    place_home(birthe, postcode="8000")  # the centre lies in the bay, about 5 km from Karen
    with time_machine.travel(MONDAY - timedelta(days=2), tick=False) as traveller:
        make_request(birthe, circle, "shopping")
        traveller.move_to(MONDAY)
        assert send_weekly_digests(utcnow()) == 1
    digest = Notification.query.filter_by(user_id=karen.id).one()
    assert "nær dig: Indkøb." in notifications.text(digest, "da")
