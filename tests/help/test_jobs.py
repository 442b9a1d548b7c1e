"""The help-request jobs, run as the scheduler would while time moves on; twice sends once."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from circles.extensions import db
from circles.help import posting
from circles.help.jobs import arrangements, escalate, expire, widen
from circles.help.models import HelpRequest, Match
from circles.jobs import all_jobs
from circles.notify.models import Notification
from circles.organizing.models import OutreachItem
from tests.factories import (
    HOME,
    make_circle,
    make_match,
    make_member,
    make_offer,
    make_request,
    near,
)

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def kinds(user) -> list[str]:
    db.session.expire_all()
    return [n.kind for n in Notification.query.filter_by(user_id=user.id).order_by(Notification.id)]


@pytest.fixture
def circle(ctx, app, monkeypatch):
    """A circle with its organizer, and the default steps: 2, 5, 10 km, widening after 6 hours."""
    monkeypatch.setitem(app.config, "CIRCLES_MATCH_RADIUS_STEPS_KM", "2,5,10")
    monkeypatch.setitem(app.config, "CIRCLES_MATCH_WIDEN_AFTER_HOURS", 6)
    monkeypatch.setitem(app.config, "CIRCLES_ESCALATE_AFTER_HOURS", 24)
    found = make_circle(radius_km=12)
    found.organizer = make_member(found, role="organizer", name="Olga", home=near(HOME, 20000))
    return found


def test_the_jobs_are_registered_for_the_scheduler():
    assert {"help_widen", "help_escalate", "help_expire", "help_arrangements"} <= set(all_jobs())


def test_an_unanswered_request_widens_step_by_step_and_tells_each_helper_in_reach_once(circle):
    karen = make_member(circle, name="Karen")
    close = make_member(circle, name="Tæt", home=near(HOME, 1000))
    middle = make_member(circle, name="Midt", home=near(HOME, 3500))
    far = make_member(circle, name="Fjern", home=near(HOME, 7000))
    no_offer = make_member(circle, name="Uden", home=near(HOME, 3000))
    for helper in (close, middle, far):
        make_offer(helper, "shopping", max_km=10)
    make_offer(no_offer, "garden", max_km=10)
    with time_machine.travel(T0, tick=False):
        request = posting.post_request(karen, {"category": "shopping"})
        db.session.commit()
    assert kinds(close) == ["help.nearby"]
    assert widen(T0 + timedelta(hours=5)) == 0
    assert widen(T0 + timedelta(hours=7)) == 1
    assert widen(T0 + timedelta(hours=7)) == 0
    db.session.refresh(request)
    assert request.radius_km == 5.0
    assert kinds(middle) == ["help.nearby"] and kinds(close) == ["help.nearby"]
    assert kinds(far) == kinds(no_offer) == []
    assert widen(T0 + timedelta(hours=12)) == 0  # six hours after the last widening, not before
    assert widen(T0 + timedelta(hours=13, minutes=1)) == 1
    assert kinds(far) == ["help.nearby"] and kinds(middle) == ["help.nearby"]
    assert widen(T0 + timedelta(hours=30)) == 0  # no step left
    assert Notification.query.filter_by(kind="help.nearby").count() == 3


def test_widening_tells_a_neighbour_who_began_offering_after_the_request_was_posted(circle):
    karen = make_member(circle, name="Karen")
    with time_machine.travel(T0, tick=False):
        request = posting.post_request(karen, {"category": "shopping"})
        db.session.commit()
    # Lone moves in 400 m away and offers shopping after Karen asked: inside the first radius,
    # so not between the old and the new one, yet nobody has told her.
    lone = make_member(circle, name="Lone", home=near(HOME, 400))
    make_offer(lone, "shopping", max_km=3)
    assert kinds(lone) == []
    assert widen(T0 + timedelta(hours=7)) == 1
    db.session.refresh(request)
    assert request.radius_km == 5.0
    assert kinds(lone) == ["help.nearby"]


def test_a_matched_request_does_not_widen(circle):
    karen, helper = make_member(circle, name="Karen"), make_member(circle, name="Hans")
    with time_machine.travel(T0, tick=False):
        request = make_request(karen, circle, radius_km=2.0, status="matched")
        make_match(request, helper, status="accepted")
    assert widen(T0 + timedelta(hours=7)) == 0


def test_a_request_unanswered_for_a_day_goes_to_the_organizers_once(circle):
    karen = make_member(circle, name="Karen")
    with time_machine.travel(T0, tick=False):
        request = make_request(karen, circle)
        make_request(karen, circle, status="matched")
    assert escalate(T0 + timedelta(hours=23)) == 0
    assert escalate(T0 + timedelta(hours=25)) == 1
    assert escalate(T0 + timedelta(hours=26)) == 0
    assert kinds(circle.organizer) == ["help.unanswered"]
    item = OutreachItem.query.one()
    assert (item.reason, item.member_id, item.target_id) == (
        "unanswered_request",
        karen.id,
        request.id,
    )


def test_a_request_whose_time_passed_expires_and_offers_to_post_again(circle):
    karen, helper = make_member(circle, name="Karen"), make_member(circle, name="Hans")
    with time_machine.travel(T0, tick=False):
        request = make_request(karen, circle, needed_at=T0 + timedelta(hours=2))
        match = make_match(request, helper)
        flexible = make_request(karen, circle)
    assert expire(T0 + timedelta(hours=1)) == 0
    assert expire(T0 + timedelta(hours=3)) == 1
    assert expire(T0 + timedelta(hours=4)) == 0
    db.session.expire_all()
    assert db.session.get(HelpRequest, request.id).status == "expired"
    assert db.session.get(HelpRequest, flexible.id).status == "open"
    assert db.session.get(Match, match.id).status == "cancelled"
    assert kinds(karen) == ["help.expired"]


def test_a_weekly_chat_creates_each_time_as_a_matched_request_once(circle, make_client):
    karen, inge = make_member(circle, name="Karen"), make_member(circle, name="Inge Madsen")
    for _ in range(2):
        make_match(make_request(karen, circle, status="done"), inge, status="done", done_at=T0)
    client = make_client(karen)
    body = {
        "helper_id": inge.id,
        "category": "phone_chat",
        "every_weeks": 1,
        "first_at": (T0 + timedelta(days=1)).isoformat(),
    }
    created = client.post("/api/v1/arrangements", json=body, headers={"Idempotency-Key": "a"})
    assert created.status_code == 201, created.get_json()
    again = client.post("/api/v1/arrangements", json=body, headers={"Idempotency-Key": "a"})
    assert again.get_json()["id"] == created.get_json()["id"]
    assert arrangements(T0) == 1
    assert arrangements(T0) == 0
    occurrence = HelpRequest.query.filter(HelpRequest.arrangement_id.is_not(None)).one()
    assert occurrence.status == "matched" and occurrence.needed_at == T0 + timedelta(days=1)
    assert occurrence.matches[0].helper_id == inge.id
    assert occurrence.matches[0].status == "accepted"
    assert kinds(inge) == ["help.arranged"] and kinds(karen) == ["help.arranged"]
    assert arrangements(T0 + timedelta(days=8)) == 2  # the 8th and the 15th day
    assert arrangements(T0 + timedelta(days=8)) == 0


def test_arrangements_need_a_relationship(circle, make_client):
    karen, stranger = make_member(circle, name="Karen"), make_member(circle, name="Fremmed")
    response = make_client(karen).post(
        "/api/v1/arrangements",
        json={
            "helper_id": stranger.id,
            "category": "visit",
            "every_weeks": 2,
            "first_at": (T0 + timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 422
    assert "helper_id" in response.get_json()["errors"]["json"]
