"""Circles: finding one nearby, who may join, memberships, and the roles that run them."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from circles.accounts.models import User
from circles.accounts.services import age_on, find_by_email
from circles.core import audit, geo
from circles.core.errors import Conflict, Forbidden, Invalid, NotFound
from circles.core.types import utcnow
from circles.extensions import db
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
    return membership_of(circle_id, user.id) if user.is_authenticated else None


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


def active_circle_ids(user: User) -> list[int]:
    """The circles the person belongs to now."""
    return list(
        db.session.scalars(
            select(Membership.circle_id).where(
                Membership.user_id == user.id, Membership.status == "active"
            )
        )
    )


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
    """Whether the person's home lies within the circle's area."""
    km = geo.distance_km(user.latitude, user.longitude, circle.latitude, circle.longitude)
    return km <= circle.radius_km


def eligibility(user: User, circle: Circle, role: str = "member", today: date | None = None):
    """May this person join this circle in this role? Checked in the order a person can act on."""
    if not user.is_authenticated:
        return Eligibility(False, "join.sign_in")
    existing = membership(user, circle.id)
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
    if not user.has_location:
        return Eligibility(False, "join.location_missing")
    if not lives_inside(user, circle):
        return Eligibility(False, "join.outside_area")
    return Eligibility(True)


def nearby(latitude: float, longitude: float) -> list[tuple[Circle, float]]:
    """Every circle with its distance from the point, nearest first.

    There are at most a few hundred circles in a country, so all are measured.
    """
    circles = db.session.scalars(select(Circle)).all()
    measured = [(c, geo.distance_km(latitude, longitude, c.latitude, c.longitude)) for c in circles]
    return sorted(measured, key=lambda pair: pair[1])


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
    db.session.add(found)
    db.session.commit()
    return found


def leave(user: User, circle: Circle) -> None:
    """Leave a circle; the history stays."""
    found = membership(user, circle.id)
    if found is None or found.status not in ("active", "pending"):
        raise NotFound("error.not_found")
    found.status, found.left_at = "left", utcnow()
    db.session.commit()


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
    db.session.commit()
    notifications.notify(found.user, action, link="#/circles", circle=circle.name)
    return found


def memberships_of(circle: Circle, status: str | None = None) -> list[Membership]:
    """The circle's memberships, oldest first, optionally in one status."""
    query = select(Membership).where(Membership.circle_id == circle.id)
    if status:
        query = query.where(Membership.status == status)
    return list(db.session.scalars(query.order_by(Membership.created_at, Membership.id)))


def create_municipality(name: str, code: str | None = None) -> Municipality:
    """A new municipality (admin only, checked by the route)."""
    if db.session.scalar(select(Municipality).where(Municipality.name == name)):
        raise Conflict("error.name_taken", field="name")
    municipality = Municipality(name=name, code=code)
    db.session.add(municipality)
    db.session.commit()
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
    db.session.commit()
    return circle


def update_settings(organizer: User, circle: Circle, changes: dict) -> Circle:
    """An organizer changes how the circle runs (logged)."""
    if not is_organizer(organizer, circle.id):
        raise Forbidden("error.organizers_only")
    for field, value in changes.items():
        setattr(circle, field, value)
    audit.record(organizer, "circle.settings", circle_id=circle.id, target=circle, **changes)
    db.session.commit()
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
    db.session.commit()
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
    db.session.commit()
    return staff


def staff_municipality_ids(user: User) -> list[int]:
    """The municipalities the person works for."""
    return list(
        db.session.scalars(
            select(MunicipalStaff.municipality_id).where(MunicipalStaff.user_id == user.id)
        )
    )
