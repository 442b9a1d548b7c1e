"""Consenting members are invited to a check-in when they join and every three months, once."""

from datetime import UTC, datetime, timedelta

import time_machine

from circles.extensions import db
from circles.jobs import all_jobs
from circles.municipal import checkins
from circles.notify.models import Notification
from tests.factories import make_circle, make_member

START = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)
ANSWERS = dict.fromkeys(checkins.QUESTIONS, "some_of_the_time")


def invitations(user) -> int:
    return db.session.query(Notification).filter_by(user_id=user.id, kind="checkin.due").count()


def run(now):
    return all_jobs()["checkin_invitations"].run(now)


def test_members_are_invited_quarterly_and_only_when_consenting(ctx):
    with time_machine.travel(START, tick=False):
        circle = make_circle()
        member = make_member(circle)
        silent = make_member(circle)
        checkins.set_consent(member, True)
        db.session.commit()
        assert run(START) == 1  # when they join, and only those who said yes
        assert run(START) == 0  # twice at once sends once
        assert invitations(silent) == 0
        checkins.take(member, ANSWERS, now=START)

    later = START + timedelta(days=40)
    with time_machine.travel(later, tick=False):
        assert run(later) == 0  # not yet three months
    due = START + timedelta(days=92)
    with time_machine.travel(due, tick=False):
        assert run(due) == 1
        assert run(due + timedelta(hours=6)) == 0
    assert invitations(member) == 2


def test_withdrawn_consent_stops_invitations(ctx):
    member = make_member(make_circle())
    checkins.set_consent(member, True)
    checkins.set_consent(member, False)
    db.session.commit()
    assert run(START) == 0
