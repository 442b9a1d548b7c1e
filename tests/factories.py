"""Factories that build people, municipalities and circles straight into the database."""

from datetime import date
from itertools import count
from uuid import uuid4

from circles.accounts import services as accounts
from circles.accounts.models import User
from circles.core.types import utcnow
from circles.extensions import db
from circles.help.models import HelpRequest, Match, Offer
from circles.membership.models import Circle, Membership, Municipality, MunicipalStaff

PASSWORD = "a good long password"
_serial = count(1)

# Trøjborg, Aarhus: a place that lies inside the default test circle.
HOME = (56.1722, 10.2080)


def make_user(
    name: str = "Karen Jensen",
    birth_date: date = date(1950, 6, 1),
    home: tuple[float, float] | None = HOME,
    **fields,
) -> User:
    """A person with a password, living at home (Trøjborg unless told)."""
    email = fields.pop("email", f"person{next(_serial)}@example.dk")
    user = User(
        email=email,
        # People made here have confirmed their email unless a test says otherwise.
        email_confirmed_at=fields.pop("email_confirmed_at", utcnow() if email else None),
        name=name,
        birth_date=birth_date,
        **fields,
    )
    accounts.set_password(user, PASSWORD)
    if home:
        user.latitude, user.longitude = home
    db.session.add(user)
    db.session.commit()
    return user


def make_admin(**fields) -> User:
    """An administrator."""
    return make_user(name="Ada Admin", is_admin=True, **fields)


def make_municipality(name: str | None = None) -> Municipality:
    """A municipality."""
    municipality = Municipality(name=name or f"Kommune {next(_serial)}")
    db.session.add(municipality)
    db.session.commit()
    return municipality


def make_circle(
    name: str = "Trøjborg",
    centre: tuple[float, float] = (56.1722, 10.2080),
    radius_km: float = 1.5,
    municipality: Municipality | None = None,
    **fields,
) -> Circle:
    """A circle, by default open, for 50+, around Trøjborg."""
    circle = Circle(
        name=name,
        latitude=centre[0],
        longitude=centre[1],
        radius_km=radius_km,
        municipality=municipality or make_municipality(),
        **fields,
    )
    db.session.add(circle)
    db.session.commit()
    return circle


def add_member(user: User, circle: Circle, role: str = "member", status: str = "active"):
    """Put a person in a circle."""
    membership = Membership(user=user, circle=circle, role=role, status=status)
    db.session.add(membership)
    db.session.commit()
    return membership


def make_member(circle: Circle, role: str = "member", **fields) -> User:
    """A new person who is already an active member of the circle in the role."""
    user = make_user(**fields)
    add_member(user, circle, role)
    return user


def make_staff(municipality: Municipality, **fields) -> User:
    """Municipal staff."""
    user = make_user(name="Anne Kommune", **fields)
    db.session.add(MunicipalStaff(user=user, municipality=municipality))
    db.session.commit()
    return user


def make_offer(user: User, category: str = "shopping", **fields) -> Offer:
    """A standing offer of help."""
    offer = Offer(user_id=user.id, created_by_id=user.id, category=category, **fields)
    db.session.add(offer)
    db.session.commit()
    return offer


def make_request(requester: User, circle: Circle, category: str = "shopping", **fields):
    """An open help request from the requester's home."""
    request = HelpRequest(
        circle_id=circle.id,
        requester_id=requester.id,
        created_by_id=requester.id,
        category=category,
        description=fields.pop("description", "Mælk og brød"),
        latitude=requester.latitude,
        longitude=requester.longitude,
        location_source=requester.location_source,
        **fields,
    )
    db.session.add(request)
    db.session.commit()
    return request


def make_match(request: HelpRequest, helper: User, status: str = "proposed", **fields) -> Match:
    """A match between a request and a helper, in the given status."""
    match = Match(
        request=request,
        helper_id=helper.id,
        origin=fields.pop("origin", "invite"),
        status=status,
        created_by_id=request.requester_id,
        **fields,
    )
    db.session.add(match)
    db.session.commit()
    return match


def near(point: tuple[float, float], metres_north: float) -> tuple[float, float]:
    """A point the given number of metres north of another."""
    return point[0] + metres_north / 111_320, point[1]


def make_event(circle: Circle, host: User, starts_in=None, **fields):
    """An event in the circle, by default a two-hour walk starting in starts_in (3 days)."""
    from datetime import timedelta

    from circles.core.types import utcnow
    from circles.events.models import Event, EventHost

    starts = fields.pop("starts_at", None) or utcnow().replace(microsecond=0) + (
        starts_in or timedelta(days=3)
    )
    event = Event(
        circle_id=circle.id,
        kind=fields.pop("kind", "walk"),
        title=fields.pop("title", "Gåtur i Riis Skov"),
        host_id=host.id,
        created_by_id=host.id,
        starts_at=starts,
        ends_at=fields.pop("ends_at", None) or starts + timedelta(hours=2),
        **fields,
    )
    event.hosts = [EventHost(user_id=host.id)]
    db.session.add(event)
    db.session.commit()
    return event


def book(event, user, status: str = "going", occurrence_start=None):
    """A place for the person on the event (its first occurrence unless told)."""
    from circles.events.models import Booking

    booking = Booking(
        event_id=event.id,
        occurrence_start=occurrence_start or event.starts_at,
        user_id=user.id,
        status=status,
        created_by_id=user.id,
    )
    db.session.add(booking)
    db.session.commit()
    return booking


def make_members_joined(circle: Circle, when, count: int, name: str = "Member") -> list[User]:
    """count people (without passwords, in bulk) who joined the circle at when."""
    people = [User(name=name, email=f"{uuid4().hex}@example.dk") for _ in range(count)]
    db.session.add_all(people)
    db.session.add_all(
        Membership(user=p, circle=circle, status="active", created_at=when) for p in people
    )
    db.session.commit()
    return people
