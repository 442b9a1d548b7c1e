"""Statuses are constrained in the database: a mistyped status never gets stored."""

import pytest
from sqlalchemy import inspect, update
from sqlalchemy.exc import IntegrityError

from circles.events.models import Booking, Event
from circles.extensions import db
from circles.help.models import HelpRequest
from circles.membership.models import Membership
from tests.factories import book, make_circle, make_event, make_member, make_request

NAMED = {
    "memberships": {"ck_memberships_role_valid", "ck_memberships_status_valid"},
    "help_requests": {"ck_help_requests_status_valid"},
    "matches": {"ck_matches_status_valid"},
    "reports": {"ck_reports_status_valid", "ck_reports_outcome_valid"},
    "deliveries": {"ck_deliveries_status_valid"},
    "events": {"ck_events_status_valid"},
    "bookings": {"ck_bookings_status_valid"},
    "proposals": {"ck_proposals_status_valid"},
}


def test_each_status_column_has_its_named_check_from_the_migrations(ctx):
    inspector = inspect(db.engine)
    for table, names in NAMED.items():
        found = {check["name"] for check in inspector.get_check_constraints(table)}
        assert names <= found, table


@pytest.mark.parametrize(
    ("model", "column", "typo"),
    [
        (Event, "status", "canceled"),
        (Booking, "status", "attending"),
        (HelpRequest, "status", "closed"),
        (Membership, "role", "boss"),
    ],
)
def test_a_mistyped_status_is_refused_by_the_database(ctx, model, column, typo):
    circle = make_circle()
    mette = make_member(circle, role="organizer", name="Mette")
    karen = make_member(circle, name="Karen")
    walk = make_event(circle, mette)
    rows = {Event: walk, Booking: book(walk, karen), HelpRequest: make_request(karen, circle)}
    row = rows.get(model) or db.session.scalar(db.select(Membership).filter_by(user_id=karen.id))
    with pytest.raises(IntegrityError):
        db.session.execute(update(model).where(model.id == row.id).values({column: typo}))
        db.session.flush()
    db.session.rollback()
