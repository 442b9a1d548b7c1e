"""Demo data: Aarhus with three circles and people in every role. Safe to load twice."""

import random
from datetime import date, timedelta

from sqlalchemy import select

from circles.extensions import db
from circles.models import CheckIn, Circle, Membership, Municipality, MunicipalStaff, User
from circles.models.types import utcnow
from circles.services import accounts

DEMO_PASSWORD = "circles-demo"

CIRCLES = [
    # name, latitude, longitude, radius km, open
    ("Trøjborg", 56.1722, 10.2080, 1.6, True),
    ("Frederiksbjerg", 56.1468, 10.2015, 1.4, True),
    ("Risskov", 56.1930, 10.2290, 2.5, False),
]

# email, name, birth date, postcode, (lat, lon), circle, role, skills, experiences
PEOPLE = [
    ("admin@circles.example", "Ada Admin", date(1975, 3, 1), "8000", None, None, None, [], []),
    (
        "mette@circles.example",
        "Mette Organizer",
        date(1961, 5, 12),
        "8000",
        (56.1701, 10.2049),
        "Trøjborg",
        "organizer",
        ["paperwork"],
        [],
    ),
    (
        "lars@circles.example",
        "Lars Organizer",
        date(1958, 9, 2),
        "8000",
        (56.1480, 10.2030),
        "Frederiksbjerg",
        "organizer",
        ["repairs"],
        [],
    ),
    (
        "karen@circles.example",
        "Karen Jensen",
        date(1946, 2, 20),
        "8000",
        (56.1735, 10.2102),
        "Trøjborg",
        "member",
        ["meals", "phone_chat"],
        ["losing_partner"],
    ),
    (
        "soren@circles.example",
        "Søren Ærø Østergård",
        date(1957, 11, 4),
        "8000",
        (56.1711, 10.2065),
        "Trøjborg",
        "member",
        ["it_help", "transport", "garden"],
        ["copd"],
    ),
    (
        "inge@circles.example",
        "Inge Madsen",
        date(1940, 7, 30),
        "8000",
        (56.1455, 10.1998),
        "Frederiksbjerg",
        "member",
        ["visit"],
        ["dementia_carer"],
    ),
    (
        "jonas@circles.example",
        "Jonas Helper",
        date(1992, 4, 15),
        "8000",
        (56.1690, 10.2000),
        "Trøjborg",
        "helper",
        ["repairs", "it_help", "shopping"],
        [],
    ),
    ("anne@circles.example", "Anne Kommune", date(1980, 1, 9), "8000", None, None, None, [], []),
]


def _get_or_create(model, defaults: dict | None = None, **keys):
    found = db.session.scalar(select(model).filter_by(**keys))
    if found is None:
        found = model(**keys, **(defaults or {}))
        db.session.add(found)
        db.session.flush()
    return found


def _person(email, name, birth, postcode, point, skills, experiences) -> User:
    user = accounts.find_by_email(email)
    if user is None:
        user = User(email=email, name=name, birth_date=birth, language="da")
        accounts.set_password(user, DEMO_PASSWORD)
        lat, lon = point or (None, None)
        accounts.place_home(user, postcode=postcode, latitude=lat, longitude=lon)
        user.skills, user.experiences = skills, experiences
        user.availability = ["tue_morning", "thu_afternoon"]
        if experiences:
            user.experiences_consent_at = utcnow()
        db.session.add(user)
        db.session.flush()
    return user


def load_demo() -> list[str]:
    """Create what is missing of the demo, and say what is there."""
    aarhus = _get_or_create(Municipality, name="Aarhus", defaults={"code": "751"})
    by_name = {}
    for name, lat, lon, radius, is_open in CIRCLES:
        by_name[name] = _get_or_create(
            Circle,
            name=name,
            municipality_id=aarhus.id,
            defaults={
                "latitude": lat,
                "longitude": lon,
                "radius_km": radius,
                "open": is_open,
                "description": f"Naboer over 50 i {name}, der hjælper hinanden.",
            },
        )
    people = {}
    for email, name, birth, postcode, point, circle, role, skills, experiences in PEOPLE:
        people[email] = user = _person(email, name, birth, postcode, point, skills, experiences)
        if circle:
            _get_or_create(
                Membership,
                user_id=user.id,
                circle_id=by_name[circle].id,
                defaults={"role": role, "status": "active"},
            )
    people["admin@circles.example"].is_admin = True
    _get_or_create(
        MunicipalStaff, user_id=people["anne@circles.example"].id, municipality_id=aarhus.id
    )
    _neighbours_with_checkins(list(by_name.values()))
    db.session.commit()
    return [
        f"Demo: {aarhus.name} with {len(by_name)} circles and {len(people)} people; "
        f"every demo password is {DEMO_PASSWORD!r}."
    ]


NEIGHBOURS_PER_CIRCLE = 25


def _neighbours_with_checkins(circles: list[Circle]) -> None:
    """Members who joined over the last 18 months and answer the check-in each quarter, feeling
    less lonely the longer they belong, so the municipal dashboard has something to show.

    They have no password: they are there to be counted, not to sign in.
    """
    chance = random.Random(6)
    now = utcnow()
    for circle in circles:
        for number in range(NEIGHBOURS_PER_CIRCLE):
            email = f"nabo-{circle.id}-{number:02d}@circles.example"
            if accounts.find_by_email(email):
                continue
            joined = now - timedelta(days=chance.randint(5, 540))
            user = User(email=email, name=f"Nabo {number + 1}", birth_date=date(1950, 1, 1))
            user.checkin_consent_at = joined if chance.random() < 0.8 else None
            db.session.add(user)
            db.session.flush()
            db.session.add(
                Membership(user_id=user.id, circle_id=circle.id, status="active", created_at=joined)
            )
            taken = joined + timedelta(days=2)
            while user.checkin_consent_at and taken < now:
                months = (taken - joined).days / 30
                lonely = max(1.0, 2.6 - months / 8)  # lonelier at first, better with time
                scores = [min(3, max(1, round(chance.gauss(lonely, 0.6)))) for _ in range(4)]
                db.session.add(
                    CheckIn(
                        user_id=user.id,
                        circle_id=circle.id,
                        taken_at=taken,
                        membership_days=(taken - joined).days,
                        **dict(
                            zip(
                                ("companionship", "left_out", "isolated", "lonely_direct"),
                                scores,
                                strict=True,
                            )
                        ),
                    )
                )
                taken += timedelta(days=91)
