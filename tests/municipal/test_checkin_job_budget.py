"""The check-in invitation job leaves out who was invited this quarter, in its one query."""

from datetime import UTC, datetime

import time_machine
from sqlalchemy import update

from circles.accounts.models import User
from circles.db import transaction
from circles.extensions import db
from circles.jobs import all_jobs
from tests.factories import make_circle, make_members_joined

START = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)


def test_200_invited_members_cost_one_statement_six_hours_later(ctx, statements):
    run = all_jobs()["checkin_invitations"].run
    with time_machine.travel(START, tick=False):
        people = make_members_joined(make_circle(), START, 200, name="Deltager")
        ids = [p.id for p in people]
        db.session.execute(update(User).where(User.id.in_(ids)).values(checkin_consent_at=START))
        db.session.commit()
        with transaction():
            assert run(START) == 200
    later = datetime(2026, 1, 10, 15, 0, tzinfo=UTC)
    with time_machine.travel(later, tick=False), statements() as sent, transaction():
        assert run(later) == 0
    assert len(sent) <= 2, "\n".join(sent)
