"""Matching at national scale: p50/p95 latency of suggestions and of the nearby-requests list.

    python bench/matching.py                                  # SQLite, 10k, 100k and 1M members
    python bench/matching.py --database-url postgresql://postgres@127.0.0.1:5432/bench
    python bench/matching.py --sizes 10000,100000 --queries 100

The database given is emptied and filled anew for each size (a SQLite file under
bench/results/ when no URL is given). The synthetic country: circles of --circle-size members
(500, a real neighbourhood circle) within 1.5 km of a centre near one of Denmark's postcode
centres, so a larger size means more circles, as when the service spreads across the
country, and big towns get several overlapping circles. 30% of members keep an offer, 5% have
asked for help (40% of those requests still open, the rest done with a helper).

Each query runs against the real services (circles.help.matching) after a warm-up, each
on a fresh session, and beside a naive version that reads every member (or every open request)
and computes each distance in Python; the ratio is naive p50 over indexed p50. The naive version
uses the cheaper haversine distance and does no scoring, so the ratio errs on the low side.
"""

import argparse
import json
import math
import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import create_engine, func, insert, select, text
from tqdm import tqdm

from circles import create_app
from circles.accounts.models import User
from circles.config import database_url as driver_url
from circles.core import geo, vocabulary
from circles.extensions import db
from circles.help import matching
from circles.help.models import HelpRequest
from circles.membership.models import Membership

HERE = Path(__file__).resolve().parent
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
CIRCLE_RADIUS_KM = 1.5
BATCH = 20_000


def column_defaults(table) -> dict:
    """Each column's Python-side default, evaluated once (bulk inserts skip the ORM)."""
    values = {}
    for column in table.columns:
        default = column.default
        if default is None:
            values[column.name] = None
        elif default.is_callable:
            values[column.name] = default.arg(None)
        else:
            values[column.name] = default.arg
    return values


class Loader:
    """Bulk inserts: COPY on PostgreSQL, executemany on SQLite, in batches."""

    def __init__(self, connection):
        self.connection = connection
        self.postgres = connection.dialect.name == "postgresql"

    def load(self, table, rows, total: int) -> None:
        """Insert the rows (dicts, other columns take their defaults) with a progress bar."""
        defaults = column_defaults(table)
        names = list(defaults)
        json_columns = {c.name for c in table.columns if c.type.__class__.__name__ == "JSON"}
        bar = tqdm(total=total, desc=f"  {table.name}", unit=" rows", leave=False)
        batch = []
        for row in rows:
            batch.append({**defaults, **row})
            if len(batch) == BATCH:
                self._write(table, names, json_columns, batch)
                bar.update(len(batch))
                batch = []
        if batch:
            self._write(table, names, json_columns, batch)
            bar.update(len(batch))
        bar.close()

    def _write(self, table, names, json_columns, batch) -> None:
        if not self.postgres:
            self.connection.execute(insert(table), batch)
            return
        cursor = self.connection.connection.driver_connection.cursor()
        with cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
            for row in batch:
                copy.write_row([json.dumps(row[n]) if n in json_columns else row[n] for n in names])


def centres(count: int, rng: random.Random) -> list[tuple[float, float]]:
    """Circle centres: postcode centres in turn, each moved up to 3 km, so towns get several."""
    places = sorted(geo._postcodes().values(), key=lambda p: (p.latitude, p.longitude))
    rng.shuffle(places)
    found = []
    for n in range(count):
        place = places[n % len(places)]
        found.append(offset(place.latitude, place.longitude, rng.uniform(0, 3), rng))
    return found


def offset(lat: float, lon: float, km: float, rng: random.Random) -> tuple[float, float]:
    """A point km away from (lat, lon) in a random direction."""
    angle = rng.uniform(0, 2 * math.pi)
    dlat = km * math.cos(angle) / geo.EARTH_KM_PER_DEGREE
    dlon = km * math.sin(angle) / (geo.EARTH_KM_PER_DEGREE * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


def build(url: str, members: int, circle_size: int, seed: int = 50) -> None:
    """Empty the database, migrate it, and fill it with the synthetic country."""
    reset(url)
    with create_app({"SQLALCHEMY_DATABASE_URI": driver_url(url)}).app_context():
        upgrade()
    rng = random.Random(seed)
    circles = centres(max(1, members // circle_size), rng)
    homes = {}  # member id -> (circle id, latitude, longitude)
    for member in range(1, members + 1):
        circle = (member - 1) % len(circles)
        km = CIRCLE_RADIUS_KM * rng.random() ** 0.5  # evenly spread over the disc
        homes[member] = (circle + 1, *offset(*circles[circle], km, rng))
    requests = list(help_requests(homes, rng))
    done = [r for r in requests if r["status"] == "done"]
    helpers = [m for m in homes if rng.random() < 0.3]
    slots = vocabulary.AVAILABILITY
    tables = db.metadata.tables
    engine = create_engine(driver_url(url))
    with engine.begin() as connection:
        load = Loader(connection).load
        load(tables["municipalities"], [{"id": 1, "name": "Danmark"}], 1)
        circle_rows = (
            {"id": n, "municipality_id": 1, "name": f"Cirkel {n}", "radius_km": CIRCLE_RADIUS_KM}
            | dict(zip(("latitude", "longitude"), centre, strict=True))
            for n, centre in enumerate(circles, 1)
        )
        load(tables["circles"], circle_rows, len(circles))
        user_rows = (
            {"id": m, "email": f"m{m}@bench.example", "name": f"Medlem {m}", "latitude": lat,
             "longitude": lon, "travel_km": rng.choice((1.0, 2.0, 3.0)),
             "availability": rng.sample(slots, 3)}
            for m, (_, lat, lon) in homes.items()
        )  # fmt: skip
        load(tables["users"], user_rows, members)
        member_rows = (
            {"id": m, "user_id": m, "circle_id": c, "status": "active"}
            for m, (c, _, _) in homes.items()
        )
        load(tables["memberships"], member_rows, members)
        offer_rows = (
            {"id": n, "user_id": m, "category": rng.choice(vocabulary.CATEGORIES),
             "max_km": rng.choice((1.0, 2.0, 5.0)), "availability": rng.sample(slots, 3),
             "created_by_id": m}
            for n, m in enumerate(helpers, 1)
        )  # fmt: skip
        load(tables["offers"], offer_rows, len(helpers))
        load(tables["help_requests"], iter(requests), len(requests))
        match_rows = (
            {"id": n, "request_id": r["id"], "origin": "invite",
             "helper_id": neighbour(r["requester_id"], len(circles), members),
             "status": "done", "created_by_id": r["requester_id"],
             "created_at": r["created_at"], "thanks_note": "Tak!" if n % 2 else None}
            for n, r in enumerate(done, 1)
        )  # fmt: skip
        load(tables["matches"], match_rows, len(done))
    # Fresh statistics and visibility maps, as autovacuum would give a live database; and on
    # PostgreSQL the load written out now, not by a checkpoint in the middle of the measuring.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        if loader_is_postgres(url):
            connection.execute(text("VACUUM ANALYZE"))
            connection.execute(text("CHECKPOINT"))
        else:
            connection.execute(text("ANALYZE"))
    engine.dispose()


def loader_is_postgres(url: str) -> bool:
    """Whether the database is PostgreSQL (COPY, VACUUM) rather than SQLite."""
    return url.startswith(("postgres://", "postgresql"))


def help_requests(homes: dict, rng: random.Random):
    """Requests from 5% of members, at home; 60% of them done (with a helper), 40% open."""
    number = 0
    for member, (circle, lat, lon) in homes.items():
        if rng.random() >= 0.05:
            continue
        number += 1
        yield {
            "id": number, "circle_id": circle, "requester_id": member, "created_by_id": member,
            "category": rng.choice(vocabulary.CATEGORIES), "latitude": lat, "longitude": lon,
            "status": "done" if rng.random() < 0.6 else "open",
            "needed_at": NOW + timedelta(hours=rng.randrange(1, 200)),
            "created_at": NOW - timedelta(days=rng.randrange(0, 300)),
        }  # fmt: skip


def neighbour(member: int, circles: int, members: int) -> int:
    """Another member of the same circle (members are dealt to the circles in turn)."""
    return member + circles if member + circles <= members else max(1, member - circles)


def reset(url: str) -> None:
    """An empty database at url."""
    if url.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
        return
    engine = create_engine(driver_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def spherical_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The haversine distance: the naive versions use it, as it is cheaper than geodesic."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    half = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(half))


def naive_suggestions(request: HelpRequest) -> list:
    """Every member's distance computed in Python, then the circle's members within reach."""
    members = set(
        db.session.scalars(
            select(Membership.user_id).where(
                Membership.circle_id == request.circle_id, Membership.status == "active"
            )
        )
    )
    found = []
    for user_id, lat, lon in db.session.execute(
        select(User.id, User.latitude, User.longitude).where(User.latitude.is_not(None))
    ):
        km = spherical_km(request.latitude, request.longitude, lat, lon)
        if km <= request.radius_km and user_id in members and user_id != request.requester_id:
            found.append((km, user_id))
    return sorted(found)


def naive_nearby(user: User) -> list:
    """Every open request's distance computed in Python, nearest first."""
    mine = set(matching.circles.active_circle_ids(user))
    km = matching.reach_km(user)
    found = []
    for request in db.session.scalars(select(HelpRequest).where(HelpRequest.status == "open")):
        d = spherical_km(user.latitude, user.longitude, request.latitude, request.longitude)
        if d <= km and request.circle_id in mine and request.requester_id != user.id:
            found.append((d, request.id))
    return sorted(found)[:50]


def timed(function, model, ids: list[int], runs: int) -> list[float]:
    """Milliseconds per call, each on a fresh session so nothing is served from memory."""
    times = []
    for n in range(runs):
        db.session.remove()
        subject = db.session.get(model, ids[n % len(ids)])
        start = time.perf_counter()
        function(subject)
        times.append((time.perf_counter() - start) * 1000)
    return times


def p(times: list[float], q: int) -> float:
    """The q-th percentile."""
    return (
        statistics.quantiles(times, n=100, method="inclusive")[q - 1]
        if len(times) > 1
        else times[0]
    )


def measure(url: str, queries: int, naive_runs: int) -> tuple[int, dict]:
    """The number of members, and p50/p95 of suggestions and nearby requests and naive p50."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": driver_url(url)})
    rng = random.Random(7)
    results = {}
    with app.app_context():
        open_ids = list(
            db.session.scalars(select(HelpRequest.id).where(HelpRequest.status == "open"))
        )
        helper_ids = list(db.session.scalars(text("SELECT DISTINCT user_id FROM offers")))
        cases = {
            "suggestions": (
                lambda r: matching.suggestions(r, "da", NOW),
                naive_suggestions,
                HelpRequest,
                rng.sample(open_ids, min(queries, len(open_ids))),
            ),
            "nearby": (
                matching.nearby_requests,
                naive_nearby,
                User,
                rng.sample(helper_ids, min(queries, len(helper_ids))),
            ),
        }
        for name, (fast, naive, model, ids) in cases.items():
            timed(fast, model, ids, min(20, queries))  # warm-up: caches and plans
            times = timed(fast, model, ids, queries)
            slow = timed(naive, model, ids, naive_runs)
            results[name] = (p(times, 50), p(times, 95), statistics.median(slow))
        members = db.session.scalar(select(func.count(User.id)))
        db.session.remove()
    return members, results


COLUMNS = ("db", "members", "query", "p50 ms", "p95 ms", "naive ms", "ratio")
HEADER = "{:<10} {:>9} {:<12} {:>8} {:>8} {:>9} {:>7}".format(*COLUMNS)


def main() -> None:
    """Build each size, measure, and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=f"sqlite:///{HERE / 'results' / 'bench.sqlite'}")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--circle-size", type=int, default=500)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--naive-runs", type=int, default=3)
    parser.add_argument("--no-build", action="store_true", help="measure what is there (one size)")
    args = parser.parse_args()
    (HERE / "results").mkdir(exist_ok=True)
    kind = args.database_url.split(":", 1)[0]
    print(HEADER, flush=True)
    sizes = [None] if args.no_build else [int(s) for s in args.sizes.split(",")]
    for size in sizes:
        started = time.perf_counter()
        if size:
            build(args.database_url, size, args.circle_size)
        built = time.perf_counter() - started
        size, measured = measure(args.database_url, args.queries, args.naive_runs)
        for name, (p50, p95, naive) in measured.items():
            row = f"{kind:<10} {size:>9} {name:<12} {p50:>8.2f} {p95:>8.2f} {naive:>9.0f}"
            print(f"{row} {naive / p50:>6.0f}x", flush=True)
        print(f"{kind:<10} {size:>9} built in {built:.0f} s", flush=True)


if __name__ == "__main__":
    main()
