"""Circles: finding one nearby, who may join, memberships, and the roles that run them."""

import math
from dataclasses import dataclass
from datetime import date
from functools import cache
from types import SimpleNamespace
from typing import NamedTuple

from sqlalchemy import Integer, Select, String, and_, bindparam, case, cast, func, select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from circles.accounts.models import User
from circles.accounts.services import age_on, find_by_email
from circles.core import audit, geo
from circles.core.errors import Conflict, Forbidden, Invalid, NotFound
from circles.core.types import utcnow
from circles.db import read_columns
from circles.extensions import db
from circles.membership import areas
from circles.membership.models import Circle, Membership, Municipality, MunicipalStaff
from circles.notify import notifications

HELPER_MIN_AGE = 18


@dataclass
class Eligibility:
    """Whether a person may join a circle, and if not, a reason key saying why."""

    may_join: bool
    reason: str | None = None


def membership_of(circle_id: int, user_id: int) -> Membership | None:
    """Someone's membership of the circle, in whatever status."""
    return db.session.scalar(
        select(Membership).where(Membership.circle_id == circle_id, Membership.user_id == user_id)
    )


def membership(user: User, circle_id: int) -> Membership | None:
    """The person's membership of the circle, in whatever status."""
    # A person not yet saved (an import's row) belongs nowhere: no need to ask the database.
    return membership_of(circle_id, user.id) if user.is_authenticated and user.id else None


def is_member(user: User, circle_id: int) -> bool:
    """Whether the person is an active member, helper or organizer of the circle."""
    found = membership(user, circle_id)
    return found is not None and found.is_active


def is_organizer(user: User, circle_id: int) -> bool:
    """Whether the person runs the circle (admins run them all)."""
    if user.is_authenticated and user.is_admin:
        return True
    found = membership(user, circle_id)
    return found is not None and found.is_active and found.role == "organizer"


def active_circles(user_id) -> Select:
    """A query for the ids of the circles the person (an id, or a bound parameter for one)
    belongs to now, to use inside another."""
    return select(Membership.circle_id).where(
        Membership.user_id == user_id, Membership.status == "active"
    )


def active_circle_ids(user: User) -> list[int]:
    """The circles the person belongs to now."""
    return list(db.session.scalars(active_circles(user.id)))


def organizers_of(circle_id: int) -> list[User]:
    """The circle's active organizers."""
    circle = db.session.get(Circle, circle_id)
    return [m.user for m in circle.memberships if m.is_active and m.role == "organizer"]


def organized_circle(user: User, circle_id: int) -> Circle:
    """The circle, if the person runs it (404 if there is none, 403 if not theirs)."""
    circle = get_circle(circle_id)
    if not is_organizer(user, circle.id):
        raise Forbidden("error.organizers_only")
    return circle


def organized_circles(user: User) -> list[Circle]:
    """The circles the person runs, by name (every circle for an admin)."""
    query = select(Circle).order_by(Circle.name)
    if not user.is_admin:
        query = query.join(Membership).where(
            Membership.user_id == user.id,
            Membership.status == "active",
            Membership.role == "organizer",
        )
    return list(db.session.scalars(query))


def get_circle(circle_id: int) -> Circle:
    """A circle by id; circles are public, so only missing ones are refused."""
    circle = db.session.get(Circle, circle_id)
    if circle is None:
        raise NotFound("error.not_found")
    return circle


def lives_inside(user: User, circle: Circle) -> bool:
    """Whether the person's home lies within the circle's area (see areas.covers)."""
    return areas.covers(circle, user)


def eligibility(user: User, circle: Circle, role: str = "member", today: date | None = None):
    """May this person join this circle in this role? Checked in the order a person can act on."""
    return eligibility_with(user, circle, membership(user, circle.id), role, today)


def eligibility_with(
    user: User, circle: Circle, existing: Membership | None, role: str = "member", today=None
) -> Eligibility:
    """eligibility, given the person's membership of the circle (None if none), for lists that
    load the caller's memberships of a whole page at once."""
    if not user.is_authenticated:
        return Eligibility(False, "join.sign_in")
    if existing is not None and existing.status in ("active", "pending"):
        return Eligibility(False, f"join.already_{existing.status}")
    if existing is not None and existing.status in ("suspended", "removed"):
        return Eligibility(False, f"join.{existing.status}")  # only an organizer can undo it
    if user.birth_date is None:
        return Eligibility(False, "join.birth_date_missing")
    age = age_on(user.birth_date, today or date.today())
    if role == "helper":
        return Eligibility(age >= HELPER_MIN_AGE, None if age >= HELPER_MIN_AGE else "join.adult")
    if age < circle.min_age:
        return Eligibility(False, "join.too_young")
    if not user.has_location and not user.postcode:
        return Eligibility(False, "join.location_missing")
    if not lives_inside(user, circle):
        return Eligibility(False, "join.outside_area")
    return Eligibility(True)


class ListedCircle(NamedTuple):
    """A circle as the list of circles near a place shows it, with its area as eligibility
    reads it, and its municipality's name."""

    id: int
    municipality_id: int
    name: str
    description: str
    latitude: float
    longitude: float
    radius_km: float
    min_age: int
    open: bool
    members_may_create_events: bool
    area_postcodes: list | None
    area_polygon: dict | None
    municipality: SimpleNamespace  # .name: read by attribute, as the schema reads an object

    area_places = Circle.area_places


class Standing(NamedTuple):
    """The person's membership of a listed circle, as far as the list reads it."""

    status: str
    role: str


def nearby(
    latitude: float, longitude: float, postcode: str | None, person: User, size: int, start: int
) -> tuple[list[tuple[ListedCircle, Standing | None]], int]:
    """A page of every circle, nearest first by the flat-earth distance computed in SQL, each
    with the person's membership of it; and how many circles there are. With a postcode, the
    circles that cover it come first (its centre may lie far from all of them).

    One statement: ordered and cut by the database, each circle with its municipality's name
    and the person's membership joined and the number of circles beside it, read as plain
    rows, so a country of thousands of circles is never loaded, and the exact distance is
    measured only for the page shown (distance_to). Ties go by id.
    """
    covering = bool(postcode and postcode.isdigit())
    values = {
        "latitude": latitude,
        "longitude": longitude,
        "squeeze": math.cos(math.radians(latitude)),  # a degree of longitude is this much shorter
        # area_postcodes is a JSON list of four-digit strings, stored as its text on SQLite and
        # PostgreSQL alike: its text holds "8000", quotes included, exactly when it covers 8000.
        "covers": f'%"{postcode}"%' if covering else None,
        # A visitor has no memberships: no membership's user_id is NULL.
        "person_id": person.id if person.is_authenticated else None,
        "size": size,
        "start": start,
    }
    rows = read_columns(_nearby(covering), values).all()
    total = rows[0][-1] if rows else db.session.scalar(EVERY_CIRCLE)  # a page past the last
    return [_listed(row) for row in rows], total


def _listed(row) -> tuple[ListedCircle, Standing | None]:
    *columns, municipality, status, role, _total = row
    circle = ListedCircle(*columns, SimpleNamespace(name=municipality))
    return circle, None if status is None else Standing(status, role)


EVERY_CIRCLE = select(func.count()).select_from(Circle)


@cache
def _nearby(covering: bool) -> Select:
    """The statement of nearby(), built once: building it anew cost as much as running it."""
    north = Circle.latitude - bindparam("latitude")
    east = (Circle.longitude - bindparam("longitude")) * bindparam("squeeze")
    order = [north * north + east * east, Circle.id]
    if covering:
        covers = cast(Circle.area_postcodes, String).like(bindparam("covers"))
        order.insert(0, case((covers, 0), else_=1))
    mine = and_(Membership.circle_id == Circle.id, Membership.user_id == bindparam("person_id"))
    return (
        select(
            *(getattr(Circle, name) for name in ListedCircle._fields[:-1]),
            Municipality.name,
            Membership.status,
            Membership.role,
            EVERY_CIRCLE.scalar_subquery(),
        )
        .join(Municipality, Municipality.id == Circle.municipality_id)
        .outerjoin(Membership, mine)
        .order_by(*order)
        .limit(bindparam("size", type_=Integer))
        .offset(bindparam("start", type_=Integer))
    )


def distance_to(latitude: float, longitude: float, circle: Circle) -> float:
    """The exact distance in km from a point to the circle's centre (a public place)."""
    return geo.distance_km(latitude, longitude, circle.latitude, circle.longitude)


def join(user: User, circle: Circle, role: str = "member") -> Membership:
    """Join, or ask to join: approval circles and every helper wait for an organizer."""
    verdict = eligibility(user, circle, role)
    if not verdict.may_join:
        error = Conflict if verdict.reason.startswith("join.already") else Forbidden
        raise error(verdict.reason, min_age=circle.min_age)
    found = membership(user, circle.id) or Membership(user=user, circle=circle)
    found.role = role
    found.status = "active" if circle.open and role == "member" else "pending"
    found.created_at, found.decided_at, found.decided_by_id = utcnow(), None, None
    found.ended_at = None
    db.session.add(found)
    if role == "helper":
        _tell_organizers_of_helper(user, circle, found)
    db.session.flush()
    return found


def _tell_organizers_of_helper(user: User, circle: Circle, found: Membership) -> None:
    """The organizers hear that someone offers to help: the app promised them a call."""
    for organizer in organizers_of(circle.id):
        notifications.notify(
            organizer,
            "membership.helper_offered",
            link=f"/organize/circles/{circle.id}/helpers",
            dedupe_key=f"helper-offer:{circle.id}:{user.id}:{found.created_at.isoformat()}",
            name=user.name,
            circle=circle.name,
        )


def leave(user: User, circle: Circle) -> None:
    """Leave a circle; the history stays."""
    found = membership(user, circle.id)
    if found is None or found.status not in ("active", "pending"):
        raise NotFound("error.not_found")
    found.status, found.ended_at = "left", utcnow()
    db.session.flush()


def decide(organizer: User, circle: Circle, user_id: int, approve: bool) -> Membership:
    """An organizer approves or refuses a pending membership."""
    if not is_organizer(organizer, circle.id):
        raise Forbidden("error.organizers_only")
    found = membership_of(circle.id, user_id)
    if found is None:
        raise NotFound("error.not_found")
    if found.status != "pending":
        raise Conflict("error.not_pending")
    found.status = "active" if approve else "refused"
    found.decided_at, found.decided_by_id = utcnow(), organizer.id
    action = "membership.approved" if approve else "membership.refused"
    audit.record(organizer, action, circle_id=circle.id, subject=found.user, target=found)
    db.session.flush()
    notifications.notify(found.user, action, link="#/circles", circle=circle.name)
    return found


def memberships_query(circle: Circle, status: str | None = None) -> Select:
    """The circle's memberships, oldest first, optionally in one status (a query)."""
    query = select(Membership).where(Membership.circle_id == circle.id)
    if status:
        query = query.where(Membership.status == status)
    query = query.options(selectinload(Membership.user))
    return query.order_by(Membership.created_at, Membership.id)


def memberships_of(circle: Circle, status: str | None = None) -> list[Membership]:
    """The circle's memberships, oldest first, optionally in one status, all of them."""
    return list(db.session.scalars(memberships_query(circle, status)))


def create_municipality(name: str, code: str | None = None) -> Municipality:
    """A new municipality (admin only, checked by the route)."""
    if db.session.scalar(select(Municipality).where(Municipality.name == name)):
        raise Conflict("error.name_taken", field="name")
    municipality = Municipality(name=name, code=code)
    db.session.add(municipality)
    db.session.flush()
    return municipality


def get_municipality(municipality_id: int) -> Municipality:
    """A municipality by id."""
    found = db.session.get(Municipality, municipality_id)
    if found is None:
        raise NotFound("error.not_found")
    return found


def create_circle(municipality_id: int, **fields) -> Circle:
    """A new circle in an existing municipality."""
    if db.session.get(Municipality, municipality_id) is None:
        raise Invalid("error.no_such_municipality", field="municipality_id")
    circle = Circle(municipality_id=municipality_id, **fields)
    db.session.add(circle)
    db.session.flush()
    return circle


def update_settings(organizer: User, circle: Circle, changes: dict) -> Circle:
    """An organizer changes how the circle runs (logged)."""
    if not is_organizer(organizer, circle.id):
        raise Forbidden("error.organizers_only")
    for field, value in changes.items():
        setattr(circle, field, value)
    audit.record(organizer, "circle.settings", circle_id=circle.id, target=circle, **changes)
    db.session.flush()
    return circle


def set_area(organizer: User, circle: Circle, postcodes: list[str], polygon: dict | None):
    """An organizer says which postcodes and which drawn polygon the circle covers (logged)."""
    if not is_organizer(organizer, circle.id):
        raise Forbidden("error.organizers_only")
    if polygon is not None and geo.area_problem(polygon):
        raise Invalid("error.area_polygon", field="polygon")
    circle.area_postcodes = areas.clean_postcodes(postcodes)
    circle.area_polygon = polygon
    audit.record(
        organizer,
        "circle.area",
        circle_id=circle.id,
        target=circle,
        postcodes=circle.area_postcodes,
        polygon=polygon is not None,
    )
    return circle


def user_by_email(email: str) -> User:
    """An existing account, for appointments."""
    user = find_by_email(email)
    if user is None:
        raise Invalid("error.no_such_user", field="email")
    return user


def appoint_organizer(admin: User, circle: Circle, email: str) -> Membership:
    """Make a person an organizer of the circle, whatever their age or address."""
    user = user_by_email(email)
    found = membership(user, circle.id) or Membership(user=user, circle=circle)
    found.role, found.status, found.decided_at = "organizer", "active", utcnow()
    db.session.add(found)
    audit.record(admin, "organizer.appointed", circle_id=circle.id, subject=user)
    db.session.flush()
    return found


def appoint_staff(admin: User, municipality: Municipality, email: str) -> MunicipalStaff:
    """Make a person staff of the municipality."""
    user = user_by_email(email)
    existing = db.session.scalar(
        select(MunicipalStaff).where(
            MunicipalStaff.user_id == user.id, MunicipalStaff.municipality_id == municipality.id
        )
    )
    if existing:
        raise Conflict("error.already_staff", field="email")
    staff = MunicipalStaff(user=user, municipality=municipality)
    db.session.add(staff)
    audit.record(admin, "staff.appointed", subject=user, municipality_id=municipality.id)
    db.session.flush()
    return staff


def load_roles(user: User) -> list[int]:
    """Load the person's memberships with their circles' names, and return the municipalities
    they work for: one statement for anyone in a circle (the profile, read on every visit),
    where reading user.memberships would load each circle by itself; a second for staff who
    are in none."""
    rows = db.session.execute(_roles(), {"user_id": user.id}).all()
    memberships = list(dict.fromkeys(membership for membership, _ in rows))
    set_committed_value(user, "memberships", memberships)
    if not rows:
        return staff_municipality_ids(user)
    return list(dict.fromkeys(municipality for _, municipality in rows if municipality))


@cache
def _roles() -> Select:
    """load_roles' statement for :user_id, built once: the profile is read on every visit, and
    building the statement and its cache key cost a seventh of the answer."""
    return (
        select(Membership, MunicipalStaff.municipality_id)
        .options(joinedload(Membership.circle).load_only(Circle.name))
        .outerjoin(MunicipalStaff, MunicipalStaff.user_id == Membership.user_id)
        .where(Membership.user_id == bindparam("user_id"))
        .order_by(Membership.id, MunicipalStaff.municipality_id)
    )


def staff_municipality_ids(user: User) -> list[int]:
    """The municipalities the person works for."""
    return list(
        db.session.scalars(
            select(MunicipalStaff.municipality_id).where(MunicipalStaff.user_id == user.id)
        )
    )
