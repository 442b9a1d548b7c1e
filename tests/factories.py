"""Factories that build people, municipalities and circles straight into the database."""

from datetime import date
from itertools import count
from uuid import uuid4

from circles.extensions import db
from circles.models import Circle, Membership, Municipality, MunicipalStaff, User
from circles.services import accounts

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
    user = User(
        email=fields.pop("email", f"person{next(_serial)}@example.dk"),
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


def make_members_joined(circle: Circle, when, count: int, name: str = "Member") -> list[User]:
    """count people (without passwords, in bulk) who joined the circle at when."""
    people = [User(name=name, email=f"{uuid4().hex}@example.dk") for _ in range(count)]
    db.session.add_all(people)
    db.session.add_all(
        Membership(user=p, circle=circle, status="active", created_at=when) for p in people
    )
    db.session.commit()
    return people
