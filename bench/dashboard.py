"""How fast is the municipal dashboard for 50 circles and 20,000 members?

    .venv/bin/python bench/dashboard.py sqlite:////tmp/bench.sqlite
    .venv/bin/python bench/dashboard.py postgresql://postgres@127.0.0.1:5432/bench_dashboard

Empties the database it is given (never point it at one you need), builds a municipality with
bulk inserts, then times GET /api/v1/municipalities/{id}/stats for the last twelve months.
"""

import os
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta

from flask_migrate import upgrade
from sqlalchemy import create_engine, insert, text

from circles import create_app
from circles.accounts import services as accounts
from circles.accounts.models import User
from circles.config import database_url
from circles.events.models import Booking, Event, Proposal
from circles.extensions import db
from circles.help.models import HelpRequest, Match
from circles.membership.models import Circle, Membership, Municipality, MunicipalStaff
from circles.municipal.models import CheckIn

CIRCLES, MEMBERS, CALLS = 50, 20_000, 7
TODAY = date(2026, 11, 15)
NOW = datetime(2026, 11, 15, 12, tzinfo=UTC)
chance = random.Random(2026)


def empty(url: str) -> None:
    """Drop every table, so migrations build the schema afresh."""
    engine = create_engine(database_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    if url.startswith("sqlite:///") and os.path.exists(url.removeprefix("sqlite:///")):
        os.remove(url.removeprefix("sqlite:///"))


def moment(days_ago_max: int) -> datetime:
    """A random moment within the last days_ago_max days."""
    return NOW - timedelta(days=chance.uniform(0, days_ago_max))


def bulk(model, rows: list[dict]) -> None:
    """One executemany per few thousand rows."""
    for start in range(0, len(rows), 5000):
        db.session.execute(insert(model), rows[start : start + 5000])


def populate() -> tuple[int, User]:
    """The municipality, its circles, members and their check-ins; returns its id and a staff."""
    municipality = Municipality(name="Benchkommune", code="999")
    db.session.add(municipality)
    db.session.flush()
    bulk(
        Circle,
        [
            {
                "municipality_id": municipality.id,
                "name": f"Cirkel {i:02d}",
                "latitude": 56.1 + i / 1000,
                "longitude": 10.2,
                "radius_km": 1.5,
            }
            for i in range(CIRCLES)
        ],
    )
    circle_ids = [c.id for c in db.session.query(Circle.id)]
    bulk(User, [{"name": "x", "email": f"m{i}@bench.dk"} for i in range(MEMBERS)])
    user_ids = [u.id for u in db.session.query(User.id).order_by(User.id)]
    joined = {u: moment(3 * 365) for u in user_ids}
    home = {u: circle_ids[i % CIRCLES] for i, u in enumerate(user_ids)}
    bulk(
        Membership,
        [
            {"user_id": u, "circle_id": home[u], "status": "active", "created_at": joined[u]}
            for u in user_ids
        ],
    )
    checkins = []
    for u in user_ids[: MEMBERS * 2 // 5]:  # two in five consent, and answer each quarter
        taken = joined[u] + timedelta(days=3)
        while taken < NOW:
            checkins.append(
                {
                    "user_id": u,
                    "circle_id": home[u],
                    "taken_at": taken,
                    "companionship": chance.randint(1, 3),
                    "left_out": chance.randint(1, 3),
                    "isolated": chance.randint(1, 3),
                    "lonely_direct": chance.randint(1, 3),
                    "membership_days": (taken - joined[u]).days,
                }
            )
            taken += timedelta(days=91)
    bulk(CheckIn, checkins)
    requests, matches = help_given(user_ids, home, joined)
    events, bookings, proposals = events_held(circle_ids, user_ids, home)
    staff = User(name="Staff", email="staff@bench.dk")
    accounts.set_password(staff, "bench password")
    db.session.add(staff)
    db.session.flush()
    db.session.add(MunicipalStaff(user_id=staff.id, municipality_id=municipality.id))
    db.session.commit()
    print(
        f"built: {CIRCLES} circles, {MEMBERS} members, {len(checkins)} check-ins, "
        f"{requests} requests, {matches} matches, {events} events, {bookings} bookings, "
        f"{proposals} proposals"
    )
    return municipality.id


def help_given(user_ids, home, joined) -> tuple[int, int]:
    """About one request per member a year; most find a helper from the same circle."""
    by_circle = {}
    for u in user_ids:
        by_circle.setdefault(home[u], []).append(u)
    categories = ["shopping", "transport", "it_help", "visit", "repairs", "phone_chat", "garden"]
    rows, asked = [], []
    for u in user_ids:
        for _ in range(chance.randint(0, 3)):
            created = max(joined[u], moment(3 * 365))
            matched = created + timedelta(hours=chance.expovariate(1 / 20))
            status = chance.choices(["done", "matched", "open", "cancelled"], [70, 10, 12, 8])[0]
            rows.append(
                {
                    "circle_id": home[u],
                    "requester_id": u,
                    "created_by_id": u,
                    "category": chance.choice(categories),
                    "latitude": 56.1,
                    "longitude": 10.2,
                    "status": status,
                    "created_at": created,
                    "matched_at": matched if status in ("done", "matched") else None,
                    "done_at": matched + timedelta(days=2) if status == "done" else None,
                }
            )
    bulk(HelpRequest, rows)
    for request_id, circle_id, requester, status, matched, done in db.session.query(
        HelpRequest.id,
        HelpRequest.circle_id,
        HelpRequest.requester_id,
        HelpRequest.status,
        HelpRequest.matched_at,
        HelpRequest.done_at,
    ):
        if status in ("done", "matched"):
            # a few helpers per member: so pairs help each other again, and relationships form
            helper = by_circle[circle_id][(requester * 7 + chance.randint(0, 2)) % 400]
            asked.append(
                {
                    "request_id": request_id,
                    "helper_id": helper,
                    "origin": "invite",
                    "status": "done" if status == "done" else "accepted",
                    "created_by_id": requester,
                    "created_at": matched,
                    "accepted_at": matched,
                    "done_at": done,
                }
            )
    bulk(Match, asked)
    return len(rows), len(asked)


def events_held(circle_ids, user_ids, home) -> tuple[int, int, int]:
    """Each circle meets about twice a week, eight or so people booked, most of them come."""
    by_circle = {}
    for u in user_ids:
        by_circle.setdefault(home[u], []).append(u)
    rows = []
    for c in circle_ids:
        for _ in range(300):
            starts = moment(3 * 365)
            rows.append(
                {
                    "circle_id": c,
                    "kind": chance.choice(["meal", "walk", "talk", "conversation"]),
                    "title": "x",
                    "host_id": by_circle[c][0],
                    "created_by_id": by_circle[c][0],
                    "starts_at": starts,
                    "ends_at": starts + timedelta(hours=2),
                    "status": "scheduled",
                }
            )
    bulk(Event, rows)
    bookings, proposals = [], []
    for event_id, c, kind, starts in db.session.query(
        Event.id, Event.circle_id, Event.kind, Event.starts_at
    ):
        for u in chance.sample(by_circle[c], chance.randint(3, 12)):
            bookings.append(
                {
                    "event_id": event_id,
                    "occurrence_start": starts,
                    "user_id": u,
                    "status": "going",
                    "attended": chance.random() < 0.85,
                    "created_by_id": u,
                    "created_at": starts - timedelta(days=3),
                }
            )
        if kind == "conversation":
            proposals.append(
                {
                    "event_id": event_id,
                    "author_id": by_circle[c][1],
                    "text": "x",
                    "status": chance.choice(["received", "under_consideration", "answered"]),
                    "created_at": starts,
                }
            )
    bulk(Booking, bookings)
    bulk(Proposal, proposals)
    return len(rows), len(bookings), len(proposals)


def main(url: str) -> None:
    """Build, then time the endpoint."""
    empty(url)
    os.environ.setdefault("SECRET_KEY", "bench")
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url(url), "TESTING": True})
    with app.app_context():
        upgrade()
        municipality_id = populate()
    client = app.test_client()
    token = client.post(
        "/api/v1/auth/tokens", json={"email": "staff@bench.dk", "password": "bench password"}
    ).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    path = f"/api/v1/municipalities/{municipality_id}/stats?from=2026-01&to=2026-12"
    timings, cpu = [], []
    for _ in range(CALLS):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path, headers=headers)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        assert response.status_code == 200, response.get_json()
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    # The machine is shared: the load says how much the wall-clock times are stretched.
    print(
        f"{url.split(':')[0]}: stats for 12 months, {CALLS} calls: "
        f"p50 {statistics.median(timings) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms "
        f"(this process's CPU p50 {statistics.median(cpu) * 1000:.0f} ms; "
        f"load average {os.getloadavg()[0]:.1f})"
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "sqlite:////tmp/circles-bench.sqlite")
