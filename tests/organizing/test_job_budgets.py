"""Member jobs check before they work: a second run in the same period costs one statement."""

from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy import update

from circles.accounts.models import User
from circles.core.types import utcnow
from circles.db import transaction
from circles.extensions import db
from circles.organizing.jobs import list_quiet_members, send_weekly_digests
from tests.factories import make_circle, make_member, make_members_joined

MONDAY = datetime(2027, 6, 7, 6, 0, tzinfo=UTC)


def test_a_second_digest_run_in_the_same_week_sends_nothing_in_one_statement(ctx, statements):
    circle = make_circle()
    make_member(circle, role="organizer", name="Mette Organizer")
    people = make_members_joined(circle, MONDAY - timedelta(days=90), 200, name="Læser")
    db.session.execute(
        update(User).where(User.id.in_([p.id for p in people])).values(weekly_digest=True)
    )
    db.session.commit()
    with transaction():
        assert send_weekly_digests(MONDAY) == 200
    with statements() as sent, transaction():
        assert send_weekly_digests(MONDAY + timedelta(days=3)) == 0
    assert len(sent) <= 2, "\n".join(sent)  # the query, and the commit on PostgreSQL
    with transaction():
        assert send_weekly_digests(MONDAY + timedelta(days=7)) == 200  # a new week: all again


def test_quiet_members_already_listed_cost_one_statement_on_the_next_run(ctx, statements):
    circle = make_circle()
    with time_machine.travel(MONDAY, tick=False) as traveller:
        make_members_joined(circle, MONDAY, 200, name="Stille")
        traveller.move_to(MONDAY + timedelta(days=31))
        with transaction():
            assert list_quiet_members(utcnow()) == 200
        traveller.move_to(MONDAY + timedelta(days=31, hours=1))
        with statements() as sent, transaction():
            assert list_quiet_members(utcnow()) == 0
    assert len(sent) <= 2, "\n".join(sent)
