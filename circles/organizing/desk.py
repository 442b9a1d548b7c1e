"""The organizers' phone desk: find a member, and register someone who phoned in."""

from datetime import date

from sqlalchemy import func, or_, select

from circles.accounts import recovery
from circles.accounts import services as accounts
from circles.accounts.models import User
from circles.core import audit
from circles.core.errors import Conflict, Invalid, NotFound
from circles.extensions import db
from circles.membership import circles
from circles.membership.models import Circle, Membership


def digits(phone: str) -> str:
    """A phone number as its national digits: '+45 86 12 34 56' and '86-12-34-56' agree."""
    number = "".join(c for c in phone if c.isdigit())
    if number.startswith("0045"):
        return number[4:]
    return number[2:] if len(number) == 10 and number.startswith("45") else number


def find_members(organizer: User, circle_id: int, text: str = "") -> list[Membership]:
    """The circle's members whose name or phone holds the text, by name."""
    circles.organized_circle(organizer, circle_id)
    query = (
        select(Membership)
        .join(User, User.id == Membership.user_id)
        .where(Membership.circle_id == circle_id)
        .order_by(func.lower(User.name), User.id)
    )
    text = text.strip()
    if text:
        wanted = [func.lower(User.name).contains(text.lower(), autoescape=True)]
        if digits(text):
            spaced = func.replace(func.replace(User.phone, " ", ""), "-", "")
            wanted.append(spaced.contains(digits(text), autoescape=True))
        query = query.where(or_(*wanted))
    return list(db.session.scalars(query))


def member(organizer: User, circle_id: int, user_id: int) -> Membership:
    """One member of the circle, for its organizers."""
    circles.organized_circle(organizer, circle_id)
    found = circles.membership_of(circle_id, user_id)
    if found is None:
        raise NotFound("error.not_found")
    return found


def _check_free(circle: Circle, fields: dict) -> None:
    """The phone is not anyone else's in the circle; the email is nobody's."""
    if fields.get("email") and accounts.find_by_email(fields["email"]):
        raise Conflict("error.email_taken", field="email")
    phone = digits(fields.get("phone") or "")
    for other in db.session.scalars(
        select(User.phone)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.circle_id == circle.id)
    ):
        if phone and other and digits(other) == phone:
            raise Conflict("desk.phone_taken", field="phone")


def add_member(organizer: User, circle: Circle, fields: dict, today: date, find_address=None):
    """A new active member (or helper) without a password, written but not committed; audited."""
    _check_free(circle, fields)
    role = fields.pop("role", "member")
    email = fields.pop("email", None)
    person = User(
        name=fields.pop("name").strip(),
        email=accounts.normalise_email(email) if email else None,
        contact_channels=fields.pop("contact_channels", None) or ["phone"],
        active=True,  # set now, not at insert: the eligibility check below asks for it
    )
    accounts.update_profile(person, fields, find_address)
    verdict = circles.eligibility(person, circle, role, today)
    # The area is the organizer's call: a postcode's centre can lie outside a small circle
    # whose streets the person lives in, when no geocoder places the street address.
    if not verdict.may_join and verdict.reason != "join.outside_area":
        raise Invalid(verdict.reason, field="birth_date", min_age=circle.min_age)
    db.session.add(person)
    joined = Membership(user=person, circle=circle, role=role, status="active")
    joined.decided_by_id = organizer.id
    db.session.add(joined)
    db.session.flush()
    audit.record(organizer, "member.registered", circle_id=circle.id, subject=person)
    # An address written down on the phone may be misheard: emails wait until its owner confirms.
    recovery.send_confirmation(person)
    return joined


def set_notify_by(organizer: User, circle_id: int, user_id: int, chosen: list[str]) -> Membership:
    """Change how a member hears from Circles (SMS to their mobile, say); audited."""
    membership = member(organizer, circle_id, user_id)
    person = membership.user
    before = list(person.notify_by)
    accounts.update_profile(person, {"notify_by": chosen})
    if person.notify_by != before:
        audit.record(
            organizer, "member.notify_by_changed", circle_id=circle_id, subject=person,
            before=before, after=person.notify_by,
        )  # fmt: skip
    return membership


def register(organizer: User, circle_id: int, fields: dict, today: date, find_address=None):
    """A person who phoned in becomes an active member, without a password; audited."""
    circle = circles.organized_circle(organizer, circle_id)
    joined = add_member(organizer, circle, fields, today, find_address)
    db.session.commit()
    return joined
