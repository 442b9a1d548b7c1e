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
from circles.config import database_url
from circles.extensions import db
from circles.models import CheckIn, Circle, Membership, Municipality, MunicipalStaff, User
from circles.services import accounts

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
    staff = User(name="Staff", email="staff@bench.dk")
    accounts.set_password(staff, "bench password")
    db.session.add(staff)
    db.session.flush()
    db.session.add(MunicipalStaff(user_id=staff.id, municipality_id=municipality.id))
    db.session.commit()
    print(f"built: {CIRCLES} circles, {MEMBERS} members, {len(checkins)} check-ins")
    return municipality.id


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
    path = f"/api/v1/municipalities/{municipality_id}/stats?from=2025-12&to=2026-11"
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
