"""Escalation checks before it works: requests escalated already cost nothing on the next run."""

from datetime import UTC, datetime, timedelta

import time_machine

from circles.db import transaction
from circles.help.jobs import escalate
from tests.factories import make_circle, make_member, make_members_joined, make_request

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_fifty_unanswered_requests_escalated_once_cost_one_statement_an_hour_later(ctx, statements):
    circle = make_circle()
    make_member(circle, role="organizer", name="Olga Organizer")
    with time_machine.travel(T0, tick=False):
        for asker in make_members_joined(circle, T0, 50, name="Spørger"):
            asker.latitude, asker.longitude = 56.1722, 10.2080
            make_request(asker, circle)
    with transaction():
        assert escalate(T0 + timedelta(hours=25)) == 50
    with statements() as sent, transaction():
        assert escalate(T0 + timedelta(hours=26)) == 0
    assert len(sent) <= 2, "\n".join(sent)
