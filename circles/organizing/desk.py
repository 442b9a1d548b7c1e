"""The organizers' phone desk: find a member, and register someone who phoned in."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, insert, inspect, or_, select
from sqlalchemy.orm import selectinload

from circles.accounts import recovery
from circles.accounts import services as accounts
from circles.accounts.models import User
from circles.core import audit
from circles.core.errors import Conflict, Invalid, NotFound
from circles.core.types import utcnow
from circles.extensions import db
from circles.membership import circles
from circles.membership.models import Circle, Membership, home_square
from circles.organizing import former


def digits(phone: str) -> str:
    """A phone number as its national digits: '+45 86 12 34 56' and '86-12-34-56' agree."""
    number = "".join(c for c in phone if c.isdigit())
    if number.startswith("0045"):
        return number[4:]
    return number[2:] if len(number) == 10 and number.startswith("45") else number


def find_members(organizer: User, circle_id: int, text: str = "") -> list[dict]:
    """The circle's members whose name or phone holds the text, by name, as member cards.

    A former member whose contacts are no longer shown is found by name only: finding her by
    her old number would confirm it."""
    circles.organized_circle(organizer, circle_id)
    query = (
        select(Membership)
        .join(User, User.id == Membership.user_id)
        .where(Membership.circle_id == circle_id)
        .order_by(func.lower(User.name), User.id)
        .options(selectinload(Membership.user))
    )
    text = text.strip()
    if text:
        wanted = [func.lower(User.name).contains(text.lower(), autoescape=True)]
        if digits(text):
            spaced = func.replace(func.replace(User.phone, " ", ""), "-", "")
            wanted.append(spaced.contains(digits(text), autoescape=True))
        query = query.where(or_(*wanted))
    now = utcnow()
    cards = [former.member_card(m, now) for m in db.session.scalars(query)]
    return [c for c in cards if not c["contacts_hidden"] or text.lower() in c["name"].lower()]


def member(organizer: User, circle_id: int, user_id: int) -> Membership:
    """One member of the circle, for its organizers (show it through former.member_card)."""
    circles.organized_circle(organizer, circle_id)
    found = circles.membership_of(circle_id, user_id)
    if found is None:
        raise NotFound("error.not_found")
    return found


@dataclass
class Taken:
    """Phone numbers (as national digits) and emails already in use, each normalized once.

    A list import checks every row against one of these instead of asking the database for
    every row, and adds each accepted row's, so that the file's own duplicates are caught too.
    """

    phones: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)


def taken_in(circle: Circle, emails=()) -> Taken:
    """The circle's phone numbers, and those of the given emails that have an account."""
    query = (
        select(User.phone)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.circle_id == circle.id, User.phone.is_not(None))
    )
    phones = {digits(phone) for phone in db.session.scalars(query)} - {""}
    wanted = sorted({accounts.normalise_email(e) for e in emails if e})
    found = db.session.scalars(select(User.email).where(User.email.in_(wanted))) if wanted else []
    return Taken(phones, set(found))


def _check_free(circle: Circle, fields: dict, taken: Taken | None = None) -> None:
    """The phone is not anyone else's in the circle; the email is nobody's."""
    email = accounts.normalise_email(fields.get("email") or "")
    phone = digits(fields.get("phone") or "")
    taken = taken or taken_in(circle, [email])
    if email and email in taken.emails:
        raise Conflict("error.email_taken", field="email")
    if phone and phone in taken.phones:
        raise Conflict("desk.phone_taken", field="phone")
    taken.emails.add(email)
    taken.phones.add(phone)


@dataclass
class NewMember:
    """A checked registration, not yet written: the person and their role in the circle."""

    person: User
    role: str


def new_member(circle: Circle, fields: dict, today: date, **options) -> NewMember:
    """A checked new member (or helper) without a password, not yet added to the session.

    options: find_address (a geocoder, when configured), taken (see Taken).
    """
    _check_free(circle, fields, options.get("taken"))
    role = fields.pop("role", "member")
    email = fields.pop("email", None)
    person = User(
        name=fields.pop("name").strip(),
        email=accounts.normalise_email(email) if email else None,
        contact_channels=fields.pop("contact_channels", None) or ["phone"],
        active=True,  # set now, not at insert: the eligibility check below asks for it
    )
    accounts.update_profile(person, fields, options.get("find_address"))
    verdict = circles.eligibility(person, circle, role, today)
    # The area is the organizer's call: a postcode's centre can lie outside a small circle
    # whose streets the person lives in, when no geocoder places the street address.
    if not verdict.may_join and verdict.reason != "join.outside_area":
        raise Invalid(verdict.reason, field="birth_date", min_age=circle.min_age)
    return NewMember(person, role)


def save_members(organizer: User, circle: Circle, checked: list[NewMember]) -> None:
    """Write checked registrations of a list: the people in one flush, their memberships and
    audit entries in one statement each; not committed. The statement bypasses the flush, so
    each membership is given its member's home square here (new people offer nothing yet)."""
    # The flush batches consecutive people who set the same columns into one INSERT where the
    # driver can return many new ids at once (PostgreSQL): runs of alike rows keep those long.
    people = sorted((new.person for new in checked), key=lambda p: sorted(inspect(p).dict))
    db.session.add_all(people)
    db.session.flush()
    now = utcnow()
    rows = []
    for new in checked:
        square_row, square_col = home_square(new.person)
        rows.append(
            {
                "user_id": new.person.id,
                "circle_id": circle.id,
                "role": new.role,
                "status": "active",
                "decided_by_id": organizer.id,
                "created_at": now,
                "square_row": square_row,
                "square_col": square_col,
            }
        )
    db.session.execute(insert(Membership), rows)
    audit.record_many(organizer, "member.registered", circle.id, [p.id for p in people])


def add_member(organizer: User, circle_id: int, fields: dict, today: date, find_address=None):
    """A person who phoned in becomes an active member (or helper), without a password; audited."""
    circle = circles.organized_circle(organizer, circle_id)
    new = new_member(circle, fields, today, find_address=find_address)
    db.session.add(new.person)
    joined = Membership(user=new.person, circle=circle, role=new.role, status="active")
    joined.decided_by_id = organizer.id
    db.session.add(joined)
    db.session.flush()
    audit.record(organizer, "member.registered", circle_id=circle.id, subject=new.person)
    # An address written down on the phone may be misheard: emails wait until its owner confirms.
    recovery.send_confirmation(new.person)
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


def place_member(organizer: User, circle_id: int, user_id: int, fields: dict, find_address=None):
    """An organizer sets where a member lives: a point on the map, or a street address found by
    the geocoder (find_address, None when none is configured); audited.

    The postcode stays: it is what areas and lists say when no distance can be known.
    """
    found = member(organizer, circle_id, user_id)
    person = found.user
    if "latitude" in fields:
        accounts.place_home(
            person,
            postcode=person.postcode,
            latitude=fields["latitude"],
            longitude=fields["longitude"],
            source="map",
        )
    else:
        if find_address is None:
            raise Invalid("desk.no_geocoder", field="address")
        if not accounts.locate_address(person, fields["address"], find_address):
            raise Invalid("desk.geocoder_unavailable", field="address")
        person.address = fields["address"]
    audit.record(organizer, "member.located", circle_id=circle_id, subject=person)
    return found
