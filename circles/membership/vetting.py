"""Vetting helpers: an organizer met them in person and checked references, until a date."""

from datetime import date, timedelta

from sqlalchemy import select

from circles.accounts.models import User
from circles.core import audit
from circles.core.errors import Conflict, Invalid, NotFound
from circles.extensions import db
from circles.membership import circles
from circles.membership.models import Membership
from circles.notify import notifications

# How long a vetting holds when the organizer gives no date, and how early the reminder goes.
DEFAULT_TERM = timedelta(days=2 * 365)
REMIND_BEFORE = timedelta(days=30)
VETTED_ROLES = ("helper", "organizer")
STATUSES = ("vetted", "expiring", "expired", "not_vetted")


def status(membership: Membership, today: date) -> str:
    """vetted, expiring (within the reminder window), expired or not_vetted."""
    expires = membership.vetting_expires_on
    if membership.vetted_on is None or expires is None:
        return "not_vetted"
    if expires <= today:
        return "expired"
    return "expiring" if expires - today <= REMIND_BEFORE else "vetted"


def _helper_membership(organizer: User, circle_id: int, user_id: int) -> Membership:
    """The active helper or organizer membership an organizer of the circle may vet."""
    circles.organized_circle(organizer, circle_id)
    found = circles.membership_of(circle_id, user_id)
    if found is None:
        raise NotFound("error.not_found")
    if found.status != "active" or found.role not in VETTED_ROLES:
        raise Conflict("vetting.helpers_only")
    return found


def vet(organizer: User, circle_id: int, user_id: int, fields: dict, today: date):
    """Record that the organizer met the helper and checked references; audited."""
    found = _helper_membership(organizer, circle_id, user_id)
    met_on = fields["met_on"]
    if met_on > today:
        raise Invalid("vetting.met_in_future", field="met_on")
    expires_on = fields.get("expires_on") or met_on + DEFAULT_TERM
    if expires_on <= today:
        raise Invalid("vetting.expires_in_past", field="expires_on")
    found.vetted_on, found.vetting_expires_on = met_on, expires_on
    found.references_checked = fields["references_checked"]
    found.vetted_by_id, found.vetting_reminded_on = organizer.id, None
    audit.record(
        organizer,
        "membership.vetted",
        circle_id=circle_id,
        subject=found.user,
        target=found,
        met_on=met_on.isoformat(),
        expires_on=expires_on.isoformat(),
        references_checked=found.references_checked,
    )
    db.session.flush()
    return found


def withdraw(organizer: User, circle_id: int, user_id: int) -> Membership:
    """Take a vetting back, for instance when a reference turns out wrong; audited."""
    found = _helper_membership(organizer, circle_id, user_id)
    found.vetted_on = found.vetting_expires_on = found.vetted_by_id = None
    found.references_checked, found.vetting_reminded_on = False, None
    audit.record(organizer, "membership.vetting_withdrawn", circle_id=circle_id, subject=found.user)
    db.session.flush()
    return found


def due_reminders(today: date) -> list[Membership]:
    """Active vetted memberships whose vetting lapses within the window and were not reminded."""
    query = select(Membership).where(
        Membership.status == "active",
        Membership.vetting_expires_on.is_not(None),
        Membership.vetting_expires_on <= today + REMIND_BEFORE,
        Membership.vetting_expires_on > today,
        Membership.vetting_reminded_on.is_(None),
    )
    return list(db.session.scalars(query.order_by(Membership.id)))


def remind(membership: Membership, today: date) -> None:
    """Tell the helper and the circle's organizers that the vetting lapses soon, once."""
    params = {
        "name": membership.user.name,
        "circle": membership.circle.name,
        "expires_on": membership.vetting_expires_on.isoformat(),
    }
    key = f"vetting:{membership.id}:{membership.vetting_expires_on.isoformat()}"
    notifications.notify(membership.user, "vetting.expiring_self", dedupe_key=key, **params)
    for organizer in circles.organizers_of(membership.circle_id):
        if organizer.id != membership.user_id:
            notifications.notify(
                organizer,
                "vetting.expiring",
                link=f"/organize/circles/{membership.circle_id}/helpers",
                dedupe_key=key,
                **params,
            )
    membership.vetting_reminded_on = today
    db.session.flush()


def counts_by_circle(circle_ids, day: date) -> dict[tuple[int, str], int]:
    """How many of each circle's active helpers are in each vetting status on the day."""
    return counts_on_days(circle_ids, {day: day})[day]


def counts_on_days(circle_ids, days: dict) -> dict:
    """{name: {(circle, status): active helpers}} for each of days ({name: date}), read once."""
    query = select(Membership).where(
        Membership.circle_id.in_(circle_ids),
        Membership.status == "active",
        Membership.role == "helper",
    )
    counts: dict = {name: {} for name in days}
    for membership in db.session.scalars(query):
        for name, day in days.items():
            key = (membership.circle_id, status(membership, day))
            counts[name][key] = counts[name].get(key, 0) + 1
    return counts
