"""Event jobs check before they work: every five minutes, nobody new costs a few statements."""

from datetime import timedelta

from sqlalchemy import insert

from circles.core.types import utcnow
from circles.db import transaction
from circles.events.jobs import flag_empty_events, send_reminders
from circles.events.models import Booking
from circles.extensions import db
from tests.factories import make_circle, make_event, make_member, make_members_joined


def test_a_second_reminder_run_for_200_booked_on_the_summer_party_costs_a_few_statements(
    ctx, statements
):
    circle = make_circle()
    mette = make_member(circle, role="organizer", name="Mette Organizer")
    party = make_event(circle, mette, title="Sommerfest", starts_in=timedelta(hours=20))
    guests = make_members_joined(circle, utcnow() - timedelta(days=60), 200, name="Gæst")
    rows = [
        {"event_id": party.id, "occurrence_start": party.starts_at, "user_id": g.id} for g in guests
    ]
    db.session.execute(insert(Booking), rows)
    db.session.commit()
    now = utcnow()
    with transaction():
        assert send_reminders(now) == 200
    with statements() as sent, transaction():
        assert send_reminders(now + timedelta(minutes=5)) == 0
    assert len(sent) <= 5, "\n".join(sent)


def test_empty_walks_flagged_once_cost_a_few_statements_on_the_next_run(ctx, statements):
    circle = make_circle()
    mette = make_member(circle, role="organizer", name="Mette Organizer")
    for hour in range(30):
        make_event(circle, mette, title=f"Gåtur {hour}", starts_in=timedelta(hours=hour % 20 + 1))
    now = utcnow()
    with transaction():
        assert flag_empty_events(now) == 30
    with statements() as sent, transaction():
        assert flag_empty_events(now + timedelta(minutes=15)) == 0
    assert len(sent) <= 5, "\n".join(sent)
