"""How fast is the municipal dashboard for 50 circles and 20,000 members?

    .venv/bin/python bench/dashboard.py sqlite:////tmp/bench.sqlite
    .venv/bin/python bench/dashboard.py postgresql://postgres@127.0.0.1:5432/bench_dashboard

Empties the database it is given (never point it at one you need), builds a municipality with
bulk inserts, starts the app under gunicorn on loopback, and times over HTTP what a staff member
waits for: GET /api/v1/municipalities/{id}/stats for last year and this year (24 months, one
frame per calendar year, so two calls), printing p50 and p95 and the machine's load average.
"""

import json
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.request
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

CIRCLES, MEMBERS = 50, 20_000
CALLS = int(os.environ.get("BENCH_CALLS", "20"))  # timed calls per year
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


def serve(url: str, port: int) -> subprocess.Popen:
    """The real app under gunicorn (2 workers x 4 threads, as in production), on loopback."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "bench",
        "CIRCLES_REQUIRE_2FA": "0",  # a script signs in with a password; 2FA is not timed here
        # shared state (rate limits, protected tables) in Redis, as in production
        "CIRCLES_RATELIMIT_STORAGE_URI": os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/0"),
    }
    command = [
        os.path.join(os.path.dirname(sys.executable), "gunicorn"),
        "--workers=2",
        "--threads=4",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
        "wsgi:app",
    ]
    server = subprocess.Popen(command, env=env, cwd=os.path.dirname(os.path.dirname(__file__)))
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/categories", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def call(port: int, path: str, token: str | None = None, body: dict | None = None):
    """One HTTP request; returns (status, parsed JSON)."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json"}
        | ({"Authorization": f"Bearer {token}"} if token else {}),
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, json.loads(response.read())


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the sorted values lie (nearest rank)."""
    values = sorted(values)
    return values[min(len(values) - 1, round(share * (len(values) - 1)))]


def main(url: str) -> None:
    """Build, then time the endpoint over HTTP against gunicorn."""
    empty(url)
    os.environ.setdefault("SECRET_KEY", "bench")
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url(url), "TESTING": True})
    with app.app_context():
        upgrade()
        municipality_id = populate()
    port = 18000 + os.getpid() % 1000
    server = serve(url, port)
    try:
        credentials = {"email": "staff@bench.dk", "password": "bench password", "name": "bench"}
        token = call(port, "/api/v1/auth/tokens", body=credentials)[1]["token"]
        # 24 months: a year is one frame, so two calls, last year's (whole) and this year's.
        paths = [
            f"/api/v1/municipalities/{municipality_id}/stats?from={year}-01&to={year}-12"
            for year in (TODAY.year - 1, TODAY.year)
        ]
        for path in paths:  # warm up each worker
            call(port, path, token)
            call(port, path, token)
        timings = {path: [] for path in paths}
        for _ in range(CALLS):
            for path in paths:
                started = time.perf_counter()
                status, _ = call(port, path, token)
                timings[path].append(time.perf_counter() - started)
                assert status == 200
    finally:
        server.terminate()
        server.wait()
    # The machine is shared: the load says how much the wall-clock times are stretched.
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    for path, values in timings.items():
        print(
            f"{url.split(':')[0]}: GET {path.split('/stats')[1]} over HTTP (gunicorn 2x4), "
            f"{CALLS} calls: p50 {statistics.median(values) * 1000:.0f} ms, "
            f"p95 {percentile(values, 0.95) * 1000:.0f} ms"
        )
    both = [a + b for a, b in zip(*timings.values(), strict=True)]
    print(
        f"24 months (both calls): p50 {statistics.median(both) * 1000:.0f} ms, "
        f"p95 {percentile(both, 0.95) * 1000:.0f} ms; load average {load}"
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "sqlite:////tmp/circles-bench.sqlite")
