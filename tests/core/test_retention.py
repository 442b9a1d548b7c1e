"""Retention: what Circles forgets, and when, by the operator's CIRCLES_RETAIN_* rules."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from circles.core import retention
from circles.core.jobs import forget_idempotency_records
from circles.core.models import IdempotencyRecord
from circles.core.types import utcnow
from circles.extensions import db
from circles.membership.jobs import forget_former_memberships
from circles.membership.models import Membership
from circles.municipal.jobs import forget_old_checkin_answers
from circles.municipal.models import CheckIn
from circles.notify import notifications
from circles.notify.jobs import forget_finished_deliveries, forget_old_notifications
from circles.notify.models import Delivery, Notification
from circles.organizing.jobs import empty_old_call_notes, forget_handled_reports
from circles.organizing.models import Call, Report
from tests.factories import make_circle, make_member

START = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def people(ctx):
    circle = make_circle()
    return {
        "circle": circle,
        "karen": make_member(circle, name="Karen Jensen"),
        "mette": make_member(circle, role="organizer", name="Mette Hansen"),
    }


def test_saved_answers_to_retried_requests_are_forgotten_after_seven_days(people, make_client):
    with time_machine.travel(START, tick=False) as clock:
        karen = make_client(people["karen"])
        asked = karen.post(
            "/api/v1/requests",
            json={"category": "shopping", "description": "Mælk og brød"},
            headers={"Idempotency-Key": "karen-1"},
        )
        assert asked.status_code == 201
        assert db.session.query(IdempotencyRecord).count() == 1
        clock.move_to(START + timedelta(days=6))
        assert forget_idempotency_records(utcnow()) == 0
        clock.move_to(START + timedelta(days=8))
        assert forget_idempotency_records(utcnow()) == 1
    assert db.session.query(IdempotencyRecord).count() == 0


def test_karens_notifications_go_after_a_year_with_their_deliveries(people):
    with time_machine.travel(START, tick=False) as clock:
        old = notifications.notify(people["karen"], "help.thanked", name="Lars")
        db.session.add(Delivery(notification_id=old.id, channel="email", status="sent"))
        db.session.commit()
        clock.move_to(START + timedelta(days=200))
        notifications.notify(people["karen"], "help.done", name="Lars")
        clock.move_to(START + timedelta(days=366))
        assert forget_old_notifications(utcnow()) == 1
        db.session.commit()
    assert [n.kind for n in db.session.query(Notification)] == ["help.done"]
    assert db.session.query(Delivery).count() == 0


def test_finished_deliveries_go_after_ninety_days_but_waiting_ones_stay(people):
    with time_machine.travel(START, tick=False) as clock:
        note = notifications.notify(people["karen"], "help.done", name="Lars")
        db.session.add_all(
            [
                Delivery(notification_id=note.id, channel="email", status="failed"),
                Delivery(notification_id=note.id, channel="sms", status="pending"),
            ]
        )
        db.session.commit()
        clock.move_to(START + timedelta(days=89))
        assert forget_finished_deliveries(utcnow()) == 0
        clock.move_to(START + timedelta(days=91))
        assert forget_finished_deliveries(utcnow()) == 1
    assert [d.channel for d in db.session.query(Delivery)] == ["sms"]


def test_call_notes_are_emptied_after_two_years_and_the_call_itself_stays(people):
    circle, karen, mette = people["circle"], people["karen"], people["mette"]
    with time_machine.travel(START, tick=False) as clock:
        note = "Karen er faldet i haven og har ondt i hoften"
        db.session.add(
            Call(circle_id=circle.id, member_id=karen.id, organizer_id=mette.id, note=note)
        )
        db.session.commit()
        clock.move_to(START + timedelta(days=729))
        assert empty_old_call_notes(utcnow()) == 0
        clock.move_to(START + timedelta(days=731))
        assert empty_old_call_notes(utcnow()) == 1
        assert empty_old_call_notes(utcnow()) == 0
    assert [c.note for c in db.session.query(Call)] == [""]


def test_handled_reports_go_after_two_years_open_ones_never(people):
    circle, karen, mette = people["circle"], people["karen"], people["mette"]

    def report(**fields):
        return Report(
            circle_id=circle.id,
            reporter_id=karen.id,
            reason="unkind",
            text="Han var grov",
            **fields,
        )

    with time_machine.travel(START, tick=False) as clock:
        handled = report(status="handled", handled_by_id=mette.id, handled_at=utcnow())
        db.session.add_all([handled, report()])
        db.session.commit()
        clock.move_to(START + timedelta(days=1000))
        assert forget_handled_reports(utcnow()) == 1
    assert [r.status for r in db.session.query(Report)] == ["open"]


def test_a_membership_left_two_years_ago_goes_a_suspended_one_stays(people, make_client):
    circle, karen = people["circle"], people["karen"]
    barred = make_member(circle, name="Poul Berg")
    db.session.query(Membership).filter_by(user_id=barred.id).update({"status": "suspended"})
    db.session.commit()
    with time_machine.travel(START, tick=False) as clock:
        left = make_client(karen).post(f"/api/v1/circles/{circle.id}/leave")
        assert left.status_code in (200, 204)
        clock.move_to(START + timedelta(days=700))
        assert forget_former_memberships(utcnow()) == 0
        clock.move_to(START + timedelta(days=731))
        assert forget_former_memberships(utcnow()) == 1
    remaining = {m.user_id: m.status for m in db.session.query(Membership)}
    assert karen.id not in remaining and remaining[barred.id] == "suspended"


def test_an_operator_who_keeps_things_for_ever_sets_zero(people, app, monkeypatch):
    monkeypatch.setitem(app.config, "CIRCLES_RETAIN_NOTIFICATIONS_DAYS", 0)
    with time_machine.travel(START, tick=False) as clock:
        notifications.notify(people["karen"], "help.done", name="Lars")
        clock.move_to(START + timedelta(days=3000))
        assert forget_old_notifications(utcnow()) == 0
    assert db.session.query(Notification).count() == 1


def test_a_run_deletes_in_bounded_batches_and_the_next_run_goes_on(people, monkeypatch):
    monkeypatch.setattr(retention, "BATCH", 2)
    monkeypatch.setattr(retention, "MAX_BATCHES", 2)
    with time_machine.travel(START, tick=False) as clock:
        for day in range(5):
            notifications.notify(people["karen"], "help.done", name="Lars", dedupe_key=f"d{day}")
        clock.move_to(START + timedelta(days=400))
        assert forget_old_notifications(utcnow()) == 4
        assert forget_old_notifications(utcnow()) == 1
        assert forget_old_notifications(utcnow()) == 0


def test_karens_ended_sign_ins_and_old_reset_links_go_after_thirty_days(people, make_client):
    from circles.accounts.jobs import forget_expired_sign_ins
    from circles.accounts.models import OneTimeSecret, UserSession

    karen = people["karen"]
    with time_machine.travel(START, tick=False) as clock:
        phone = make_client(karen)  # a session that Karen ends at once
        assert phone.post("/api/v1/auth/logout").status_code in (200, 204)
        make_client(karen)  # a session still in use
        db.session.add(
            OneTimeSecret(
                user_id=karen.id,
                purpose="password_reset",
                secret_hash="x" * 64,
                expires_at=START + timedelta(hours=1),
            )
        )
        db.session.commit()
        clock.move_to(START + timedelta(days=29))
        assert forget_expired_sign_ins(utcnow()) == 0
        clock.move_to(START + timedelta(days=31))
        assert forget_expired_sign_ins(utcnow()) == 2  # the ended session and the old link
    assert db.session.query(OneTimeSecret).count() == 0
    assert db.session.query(UserSession).count() == 1


def test_check_in_answers_go_by_whole_years_once_the_dashboard_no_longer_shows_them(people):
    """Karen answered in 2024, 2025 and 2026. On 31 December 2026 all stay; on 1 January 2027
    the answers of 2024 go at once (with the default of two years kept), never one by one."""
    karen, circle = people["karen"], people["circle"]
    scores = {"companionship": 2, "left_out": 1, "isolated": 1, "lonely_direct": 2}
    for year in (2024, 2025, 2026):
        for month in (1, 12):
            taken = datetime(year, month, 15, 10, tzinfo=UTC)
            db.session.add(CheckIn(user_id=karen.id, circle_id=circle.id, taken_at=taken, **scores))
    db.session.flush()
    years = lambda: sorted({c.taken_at.year for c in db.session.query(CheckIn)})  # noqa: E731

    assert forget_old_checkin_answers(datetime(2026, 12, 31, 23, tzinfo=UTC)) == 0
    assert years() == [2024, 2025, 2026]

    assert forget_old_checkin_answers(datetime(2027, 1, 1, 1, tzinfo=UTC)) == 2
    assert years() == [2025, 2026]
