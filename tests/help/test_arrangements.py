"""Regular arrangements can be paused until a day, or stopped, by either side or an organizer."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from circles.core.models import AuditEntry
from circles.extensions import db
from circles.help import jobs
from circles.help.models import Arrangement, HelpRequest
from circles.notify import notifications
from circles.notify.models import Notification
from tests.factories import make_circle, make_member

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday


@pytest.fixture
def weekly(ctx):
    """Karen and Inge talk on the phone every Tuesday at 10 (Danish time)."""
    circle = make_circle()
    karen = make_member(circle, name="Karen Jensen")
    inge = make_member(circle, name="Inge Madsen")
    organizer = make_member(circle, role="organizer", name="Mette Madsen")
    arrangement = Arrangement(
        circle_id=circle.id,
        requester_id=karen.id,
        helper_id=inge.id,
        category="phone_chat",
        every_weeks=1,
        first_at=T0 + timedelta(days=1),
        created_by_id=karen.id,
    )
    db.session.add(arrangement)
    db.session.commit()
    return {
        "circle": circle,
        "karen": karen,
        "inge": inge,
        "organizer": organizer,
        "arrangement": arrangement,
    }


def arrangements(now) -> int:
    """The weekly job, in a transaction of its own as the scheduler runs it."""
    db.session.expire_all()
    return jobs.arrangements(now)


def kinds(user) -> list[str]:
    db.session.expire_all()
    return [n.kind for n in Notification.query.filter_by(user_id=user.id).order_by(Notification.id)]


def times() -> list[tuple[str, str]]:
    db.session.expire_all()
    made = HelpRequest.query.order_by(HelpRequest.needed_at).all()
    return [(r.needed_at.date().isoformat(), r.status) for r in made]


def test_karen_pauses_the_weekly_chat_and_inge_stops_it(weekly, make_client):
    path = f"/api/v1/arrangements/{weekly['arrangement'].id}"
    with time_machine.travel(T0, tick=False):
        assert arrangements(T0) == 1
        paused = make_client(weekly["karen"]).patch(path, json={"paused_until": "2026-12-03"})
        assert paused.status_code == 200, paused.get_json()
        assert paused.get_json()["paused_until"] == "2026-12-03"
    assert times() == [("2026-11-24", "cancelled")]  # already made, but in the pause
    assert kinds(weekly["inge"])[-1] == "help.arrangement_paused"
    paused_notice = Notification.query.filter_by(kind="help.arrangement_paused").one()
    assert "holder pause til 3. december 2026" in notifications.text(paused_notice, "da")
    assert "paused until 3 December 2026" in notifications.text(paused_notice, "en")
    with time_machine.travel(T0 + timedelta(days=8), tick=False):
        assert arrangements(T0 + timedelta(days=8)) == 1  # 1 December paused; 8 December made
        stopped = make_client(weekly["inge"]).delete(path)
        assert stopped.status_code == 204
        assert make_client(weekly["inge"]).delete(path).status_code == 204  # already stopped
    assert times() == [("2026-11-24", "cancelled"), ("2026-12-08", "cancelled")]
    assert kinds(weekly["karen"])[-1] == "help.arrangement_stopped"
    assert arrangements(T0 + timedelta(days=15)) == 0
    mine = make_client(weekly["karen"]).get("/api/v1/arrangements").get_json()
    shown = [(a["active"], a["stopped_at"] is not None, a["other_first_name"]) for a in mine]
    assert shown == [(False, True, "Inge")]
    again = make_client(weekly["karen"]).patch(path, json={"paused_until": None})
    assert again.status_code == 409
    assert again.get_json()["key"] == "error.arrangement_stopped"


def test_resuming_makes_the_next_times_again(weekly, make_client):
    path = f"/api/v1/arrangements/{weekly['arrangement'].id}"
    with time_machine.travel(T0, tick=False):
        make_client(weekly["inge"]).patch(path, json={"paused_until": "2027-01-10"})
        assert arrangements(T0) == 0
        resumed = make_client(weekly["inge"]).patch(path, json={"paused_until": None})
        assert resumed.get_json()["paused_until"] is None
        assert arrangements(T0) == 1
    assert kinds(weekly["karen"]) == [
        "help.arrangement_paused",
        "help.arrangement_resumed",
        "help.arranged",
    ]


def test_only_the_pair_and_the_circles_organizers_may_pause_or_stop(weekly, make_client, client):
    path = f"/api/v1/arrangements/{weekly['arrangement'].id}"
    body = {"paused_until": "2030-01-01"}
    assert client.patch(path, json=body).status_code == 401
    assert client.delete(path).status_code == 401
    neighbour = make_member(weekly["circle"], name="Poul Nielsen")
    elsewhere = make_member(make_circle("Risskov"), role="organizer", name="Lars Holm")
    for stranger in (neighbour, elsewhere):
        assert make_client(stranger).patch(path, json=body).status_code == 404
        assert make_client(stranger).delete(path).status_code == 404
    assert (
        make_client(weekly["karen"]).patch("/api/v1/arrangements/9999", json=body).status_code
        == 404
    )
    organizer = make_client(weekly["organizer"])
    assert organizer.patch(path, json=body).status_code == 200
    assert organizer.delete(path).status_code == 204
    actions = [e.action for e in AuditEntry.query.order_by(AuditEntry.id)]
    assert actions == ["arrangement.paused", "arrangement.stopped"]
    assert kinds(weekly["karen"]) == ["help.arrangement_paused", "help.arrangement_stopped"]


@pytest.mark.parametrize("body", [{}, {"paused_until": "next week"}, {"paused_until": 5}])
def test_a_pause_needs_a_day(weekly, make_client, body):
    path = f"/api/v1/arrangements/{weekly['arrangement'].id}"
    answer = make_client(weekly["karen"]).patch(path, json=body)
    assert answer.status_code == 422
    assert "paused_until" in answer.get_json()["errors"]["json"]
