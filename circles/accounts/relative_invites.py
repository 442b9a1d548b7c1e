"""Inviting a relative or friend to help, accepting, and ending it; each step logged."""

from sqlalchemy import or_, select

from circles.accounts import services as accounts
from circles.accounts.models import RelativeLink, User
from circles.core import audit, phones
from circles.core.errors import Conflict, Invalid, NotFound
from circles.core.types import utcnow
from circles.extensions import db
from circles.membership import circles


def invite(member: User, fields: dict, organizer: User | None = None, circle_id=None):
    """The member (or an organizer the member said yes to on the phone) invites a named person
    by email or phone; the member's yes is recorded with it."""
    email = accounts.normalise_email(fields["email"]) if fields.get("email") else None
    phone = phones.e164(fields.get("phone")) if fields.get("phone") else None
    if fields.get("phone") and phone is None:
        raise Invalid("relative.phone_not_a_number", field="phone")
    if email is None and phone is None:
        raise Invalid("relative.email_or_phone_needed", field="email")
    if email and email == member.email or phone and phone == member.phone_e164:
        raise Invalid("relative.not_yourself", field="email" if email else "phone")
    link = RelativeLink(
        member_id=member.id,
        name=fields["name"].strip(),
        email=email,
        phone_e164=phone,
        member_said_yes_at=utcnow(),
        recorded_by_id=organizer.id if organizer is not None else None,
    )
    db.session.add(link)
    db.session.flush()
    if organizer is not None:
        audit.record(
            organizer, "relative.invited", circle_id=circle_id, subject=member, target=link,
            name=link.name,
        )  # fmt: skip
    return link


def invite_for(organizer: User, circle_id: int, member_id: int, fields: dict) -> RelativeLink:
    """An organizer of the member's circle invites for a member who said yes on the phone."""
    circles.organized_circle(organizer, circle_id)
    found = circles.membership_of(circle_id, member_id)
    if found is None:
        raise NotFound("error.not_found")
    return invite(found.user, fields, organizer=organizer, circle_id=circle_id)


def invitations_for(person: User) -> list[RelativeLink]:
    """Invitations waiting for the person, found by their account's email or phone."""
    matches = []
    if person.email:
        matches.append(RelativeLink.email == person.email)
    if person.phone_e164:
        matches.append(RelativeLink.phone_e164 == person.phone_e164)
    if not matches:
        return []
    query = select(RelativeLink).where(
        or_(*matches),
        RelativeLink.accepted_at.is_(None),
        RelativeLink.ended_at.is_(None),
        RelativeLink.member_id != person.id,
    )
    return list(db.session.scalars(query.order_by(RelativeLink.id)))


def accept(person: User, link_id: int) -> RelativeLink:
    """The invited person accepts, with their own account; 404 for anyone else."""
    link = next((x for x in invitations_for(person) if x.id == link_id), None)
    if link is None:
        raise NotFound("error.not_found")
    link.relative_id, link.accepted_at = person.id, utcnow()
    audit.record(person, "relative.accepted", subject=link.member, target=link)
    return link


def end(actor: User, link_id: int) -> RelativeLink:
    """The member, the relative, or an organizer of one of the member's circles ends it."""
    link = db.session.get(RelativeLink, link_id)
    if link is None or not _may_end(actor, link):
        raise NotFound("error.not_found")
    if link.ended_at is not None:
        raise Conflict("relative.already_ended")
    link.ended_at, link.ended_by_id = utcnow(), actor.id
    audit.record(actor, "relative.ended", subject=link.member, target=link)
    return link


def _may_end(actor: User, link: RelativeLink) -> bool:
    if actor.id in (link.member_id, link.relative_id):
        return True
    return any(circles.is_organizer(actor, c) for c in circles.active_circle_ids(link.member))
