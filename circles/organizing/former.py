"""What organizers see of a member who left or was removed: the contact details for
CIRCLES_FORMER_MEMBER_CONTACT_DAYS (90) after the membership ended, to wrap things up, then the
name only. Memberships that ended before the end was recorded count as long over."""

from datetime import datetime, timedelta

from flask import current_app

from circles.accounts.models import User
from circles.core.types import utcnow
from circles.membership.models import Membership

ENDED = ("left", "removed")
CONTACTS = ("phone", "email", "address", "postcode", "place_name", "birth_date")


def contacts_visible(membership: Membership, now: datetime | None = None) -> bool:
    """Whether the circle's organizers may still see the person's contact details."""
    if membership.status not in ENDED:
        return True
    if membership.ended_at is None:
        return False
    days = current_app.config["CIRCLES_FORMER_MEMBER_CONTACT_DAYS"]
    return (now or utcnow()) - membership.ended_at <= timedelta(days=days)


def member_card(membership: Membership, now: datetime | None = None) -> dict:
    """A member as the circle's organizers see them: enough to phone and visit, or, for a
    former member past the period, the name alone."""
    person = membership.user
    shown = contacts_visible(membership, now)
    return {
        "user_id": person.id,
        "id": person.id,
        "name": person.name,
        **{key: getattr(person, key) if shown else None for key in CONTACTS},
        "contact_channels": person.contact_channels if shown else [],
        "notify_by": person.notify_by,
        "location_source": person.location_source if shown else None,
        "language": person.language,
        "role": membership.role,
        "status": membership.status,
        "ended_at": membership.ended_at,
        "contacts_hidden": not shown,
        "last_active_at": person.last_active_at,
        "signs_in": person.password_hash is not None,
    }


def phone_of(circle_id: int, person: User | None) -> str | None:
    """The person's phone for the circle's organizers (call log, outreach list), while they
    may still see a former member's contacts."""
    if person is None:
        return None
    # Through the person's memberships, which the lists load with their page of rows.
    membership = next((m for m in person.memberships if m.circle_id == circle_id), None)
    return person.phone if membership is None or contacts_visible(membership) else None
