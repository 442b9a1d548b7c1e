"""Demo data: Aarhus with three circles and people in every role. Safe to load twice."""

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from circles.accounts import services as accounts
from circles.accounts.models import User
from circles.core.types import utcnow
from circles.demo import organizing as demo_organizing
from circles.events.models import Booking, Event, EventHost, Proposal
from circles.extensions import db
from circles.help.models import HelpRequest, Match, Offer
from circles.membership.models import Circle, Membership, Municipality, MunicipalStaff
from circles.municipal.models import CheckIn

DEMO_PASSWORD = "circles-demo"
COPENHAGEN = ZoneInfo("Europe/Copenhagen")

CIRCLES = [
    # name, latitude, longitude, radius km, open, postcodes it covers
    ("Trøjborg", 56.1722, 10.2080, 1.6, True, ["8000", "8200"]),
    ("Frederiksbjerg", 56.1468, 10.2015, 1.4, True, ["8000"]),
    ("Risskov", 56.1930, 10.2290, 2.5, False, ["8240"]),
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
        user.email_confirmed_at = utcnow()  # the demo's people have confirmed their addresses
        lat, lon = point or (None, None)
        accounts.place_home(user, postcode=postcode, latitude=lat, longitude=lon)
        user.skills, user.experiences = skills, experiences
        user.availability = ["tue_morning", "thu_afternoon"]
        if experiences:
            user.experiences_consent_at = utcnow()
        db.session.add(user)
        db.session.flush()
    return user


# How some demo people hear of news beyond the inbox (push once a browser of theirs allows it).
NOTIFY_BY = {
    "karen@circles.example": ["inapp", "email"],
    "soren@circles.example": ["inapp", "email", "push"],
}


def _notification_channels(people: dict[str, User]) -> None:
    """Give the demo people their notification channels."""
    for email, channels in NOTIFY_BY.items():
        people[email].notify_by = channels


def load_demo() -> list[str]:
    """Create what is missing of the demo, and say what is there."""
    aarhus = _get_or_create(Municipality, name="Aarhus", defaults={"code": "751"})
    by_name = {}
    for name, lat, lon, radius, is_open, postcodes in CIRCLES:
        by_name[name] = circle = _get_or_create(
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
        # Demos loaded before circles had postcodes get them too.
        circle.area_postcodes = circle.area_postcodes or postcodes
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
    _notification_channels(people)
    _get_or_create(
        MunicipalStaff, user_id=people["anne@circles.example"].id, municipality_id=aarhus.id
    )
    _neighbours_with_checkins(list(by_name.values()))
    db.session.flush()
    lines = _mutual_help(people, by_name["Trøjborg"])
    lines.append(_demo_events(by_name["Trøjborg"], people))
    lines.append(demo_organizing.load(people, by_name["Trøjborg"]))
    return [
        f"Demo: {aarhus.name} with {len(by_name)} circles and {len(people)} people; "
        f"every demo password is {DEMO_PASSWORD!r}.",
        *lines,
    ]


# email, kind of help, how far (km), usual free times
OFFERS = [
    ("jonas@circles.example", "shopping", 3.0, ["mon_afternoon", "thu_afternoon"]),
    ("jonas@circles.example", "repairs", 3.0, ["sat_morning"]),
    ("soren@circles.example", "it_help", 2.0, ["tue_morning"]),
    ("soren@circles.example", "garden", 2.0, ["tue_morning", "thu_afternoon"]),
    ("karen@circles.example", "phone_chat", 5.0, ["wed_evening"]),
]

# dedupe key, requester, kind, description, status, helper
REQUESTS = [
    (
        "demo:mette-shopping",
        "mette",
        "shopping",
        "Indkøb til weekenden: mælk, brød og kartofler.",
        "open",
        None,
    ),
    (
        "demo:karen-it",
        "karen",
        "it_help",
        "Hjælp til at sætte MitID op på min nye telefon.",
        "open",
        None,
    ),
    ("demo:karen-garden", "karen", "garden", "Klippe hækken ud mod vejen.", "done", "soren"),
    (
        "demo:karen-lift",
        "karen",
        "transport",
        "Et lift til øjenlægen på Nørrebrogade.",
        "done",
        "soren",
    ),
]


def _mutual_help(people: dict, circle: Circle) -> list[str]:
    """Offers and requests in Trøjborg: Mette asks and Jonas can help; Karen and Søren are
    regulars (two done matches), so a relationship shows."""
    by_name = {email.split("@")[0]: user for email, user in people.items()}
    for email, category, max_km, free in OFFERS:
        _get_or_create(
            Offer,
            user_id=people[email].id,
            category=category,
            defaults={"max_km": max_km, "availability": free, "created_by_id": people[email].id},
        )
    for key, who, category, description, status, helper in REQUESTS:
        if db.session.scalar(select(HelpRequest).filter_by(dedupe_key=key)):
            continue
        requester = by_name[who]
        request = HelpRequest(
            circle_id=circle.id,
            requester_id=requester.id,
            created_by_id=requester.id,
            category=category,
            description=description,
            latitude=requester.latitude,
            longitude=requester.longitude,
            location_source=requester.location_source,
            status=status,
            dedupe_key=key,
        )
        db.session.add(request)
        if helper:
            now = utcnow()
            request.matched_at = request.done_at = now
            db.session.add(
                Match(
                    request=request,
                    helper_id=by_name[helper].id,
                    origin="invite",
                    status="done",
                    created_by_id=requester.id,
                    accepted_at=now,
                    done_at=now,
                    thanks_note="Tusind tak for hjælpen!",
                    thanked_at=now,
                )
            )
    db.session.flush()
    return ["Mutual help: Mette asks for shopping (Jonas can help); Karen and Søren are regulars."]


def _local(days_ahead: int, weekday: int, hour: int) -> datetime:
    """The next given weekday (0 = Monday) at least days_ahead away, at hour in Copenhagen."""
    today = datetime.now(COPENHAGEN).date() + timedelta(days=days_ahead)
    day = today + timedelta(days=(weekday - today.weekday()) % 7)
    return datetime.combine(day, time(hour), COPENHAGEN).astimezone(UTC)


def _demo_events(troejborg: Circle, people: dict) -> str:
    """A weekly walk, a shared meal and a dinner conversation in Trøjborg, with some bookings."""
    person = {email.split("@")[0]: user for email, user in people.items()}
    plans = [
        # title, kind, host, starts, hours, capacity, rrule, extra, booked
        (
            "Søndagsgåtur i Riis Skov",
            "walk",
            "mette",
            _local(1, 6, 10),
            1.5,
            15,
            "FREQ=WEEKLY;BYDAY=SU",
            {"place_name": "Trøjborg Kirke, hovedindgangen"},
            ["karen", "soren"],
        ),
        (
            "Fællesspisning hos Karen",
            "meal",
            "karen",
            _local(2, 3, 18),
            2,
            3,
            None,
            {
                "place_name": "Hos Karen",
                "address": "Tordenskjoldsgade 12, 1. tv",
                "address_private": True,
                "step_free": True,
            },
            ["soren", "jonas", "mette"],
        ),
        (
            "Middagssamtale: et godt ældreliv i Trøjborg",
            "conversation",
            "mette",
            _local(-8, 2, 18),
            2.5,
            10,
            None,
            {"place_name": "Trøjborg Beboerhus", "hearing_loop": True},
            ["karen", "soren"],
        ),
    ]
    for title, kind, host, starts, hours, capacity, rule, extra, booked in plans:
        if db.session.scalar(
            select(Event).where(Event.circle_id == troejborg.id, Event.title == title)
        ):
            continue
        event = Event(
            circle_id=troejborg.id,
            kind=kind,
            title=title,
            host_id=person[host].id,
            created_by_id=person[host].id,
            starts_at=starts,
            ends_at=starts + timedelta(hours=hours),
            capacity=capacity,
            rrule=rule,
            **extra,
        )
        event.hosts = [EventHost(user_id=person[host].id)]
        db.session.add(event)
        db.session.flush()
        for name in booked:
            db.session.add(
                Booking(
                    event_id=event.id,
                    occurrence_start=starts,
                    user_id=person[name].id,
                    created_by_id=person[name].id,
                )
            )
        if kind == "conversation":
            db.session.add(
                Proposal(
                    event_id=event.id,
                    author_id=person["karen"].id,
                    text="Flere bænke langs Nordre Ringgade, så flere kan gå til "
                    "Riis Skov med pauser undervejs.",
                    status="under_consideration",
                )
            )
    db.session.flush()
    return "Demo events in Trøjborg: a weekly walk, a shared meal, a dinner conversation."


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
