"""A Denmark-sized country of members, circles, help history and events, for the benchmarks.

    python bench/national.py --database-url postgresql://postgres@127.0.0.1:5432/bench_national
    python bench/national.py --members 50000        # SQLite, bench/results/national.sqlite

The database given is emptied, migrated and filled (COPY on PostgreSQL, executemany on
SQLite), printing how long each table took. The default is the full size: 2.3 million members
aged 50+ (Denmark's people of that age). Circles hold 150 to 3,000 members (about 1,500 circles
at full size) and sit at real Danish postcodes (circles/data/dk-postcodes.csv), towns getting
several. 5% of members belong to a second, neighbouring circle; 20% help, and a tenth of
those help in two more circles. History: --history done matches per member (2), spread
over three years; 1% of members have an open request (40% of them with an invitation out,
some already accepted); 0.5% block someone. Each circle has a weekly walk that began two years
ago (with moved and cancelled occurrences), one-off events in the past with bookings, and a
few to come.

Signed-in members for the HTTP and load benchmarks: --tokens members spread over the circles
(every circle first) hold the bearer token "bench-<user id>" and 10 notifications; the first
of them (sample_members()[0]) is the one with a 5,000-message inbox (INBOX_BIG). Never point
this at real data.
"""

import argparse
import bisect
import json
import math
import random
import time
from array import array
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import create_engine, insert, text
from tqdm import tqdm

from circles import create_app
from circles.accounts.services import secret_hash
from circles.config import database_url as driver_url
from circles.core import geo, vocabulary
from circles.extensions import db
from circles.help.models import kind_bit

HERE = Path(__file__).resolve().parent
POSTCODES = HERE.parent / "circles" / "data" / "dk-postcodes.csv"
FULL_SIZE = 2_300_000
AVERAGE_CIRCLE = 1_533  # 2.3M members in about 1,500 circles
SMALLEST, LARGEST = 150, 3_000
INBOX_BIG = 5_000
BATCH = 20_000
DAY = timedelta(days=1)


def column_defaults(table) -> dict:
    """Each column's Python-side default, evaluated once (bulk inserts skip the ORM)."""
    values = {}
    for column in table.columns:
        default = column.default
        if default is not None:
            values[column.name] = default.arg(None) if default.is_callable else default.arg
    return values


class Loader:
    """Bulk inserts of tuples: COPY on PostgreSQL, executemany on SQLite, with a progress bar.

    Columns not given take their Python default; those without one are left to the database.
    """

    def __init__(self, connection, quiet: bool = False):
        self.connection = connection
        self.postgres = connection.dialect.name == "postgresql"
        self.quiet = quiet
        self.timings: dict[str, tuple[int, float]] = {}

    def load(self, name: str, columns: tuple[str, ...], rows, total: int) -> None:
        """Insert rows (tuples in the order of columns) into the table called name."""
        table = db.metadata.tables[name]
        rest = {k: v for k, v in column_defaults(table).items() if k not in columns}
        names = [*columns, *rest]
        json_at = [i for i, n in enumerate(names) if type(table.c[n].type).__name__ == "JSON"]
        tail = tuple(rest.values())
        started = time.perf_counter()
        bar = tqdm(total=total, desc=f"{name:<20}", unit=" rows", disable=self.quiet, leave=False)
        count = 0
        batch = []
        for row in rows:
            batch.append(row + tail)
            if len(batch) == BATCH:
                self._write(table, names, json_at, batch)
                bar.update(len(batch))
                count += len(batch)
                batch = []
        if batch:
            self._write(table, names, json_at, batch)
            bar.update(len(batch))
            count += len(batch)
        bar.close()
        seconds = time.perf_counter() - started
        self.timings[name] = (count, seconds)
        if not self.quiet:
            print(f"{name:<20} {count:>10,} rows {seconds:>7.1f} s", flush=True)

    def _write(self, table, names, json_at, batch) -> None:
        if not self.postgres:
            rows = [dict(zip(names, r, strict=True)) for r in batch]
            self.connection.execute(insert(table), rows)
            return
        cursor = self.connection.connection.driver_connection.cursor()
        with cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
            for row in batch:
                if json_at:
                    row = list(row)
                    for i in json_at:
                        row[i] = json.dumps(row[i])
                copy.write_row(row)


def postcodes() -> list[tuple[str, str, float, float]]:
    """Denmark's postcodes: (code, name, latitude, longitude)."""
    found = []
    for line in POSTCODES.read_text(encoding="utf-8").splitlines()[1:]:
        code, name, _, lat, lon = line.split(",")
        found.append((code, name, float(lat), float(lon)))
    return found


def offset(lat: float, lon: float, km: float, angle: float) -> tuple[float, float]:
    """The point km away from (lat, lon) in the direction angle (radians)."""
    dlat = km * math.cos(angle) / 111.32
    dlon = km * math.sin(angle) / (111.32 * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


def circle_sizes(members: int, rng: random.Random, average: int) -> list[int]:
    """Sizes between SMALLEST and LARGEST (mostly small, some town-sized) summing to members."""
    count = max(1, round(members / average))
    if count == 1:
        return [members]
    sizes = [min(LARGEST, max(SMALLEST, int(rng.lognormvariate(7.1, 0.6)))) for _ in range(count)]
    scale = members / sum(sizes)
    sizes = [min(LARGEST, max(SMALLEST, round(s * scale))) for s in sizes]
    n = 0
    while (left := members - sum(sizes)) != 0:  # hand the rest out within the bounds
        i = n % count
        step = max(-(sizes[i] - SMALLEST), min(LARGEST - sizes[i], left))
        sizes[i] += step
        n += 1
        if n > 10 * count:
            sizes[i] += members - sum(sizes)  # tiny countries: one circle takes the rest
    return sizes


class Country:
    """The synthetic country in memory: circles, where each member lives, who helps where."""

    def __init__(self, members: int, seed: int, now: datetime, average: int = AVERAGE_CIRCLE):
        self.rng = rng = random.Random(seed)
        self.now = now
        self.members = members
        self.sizes = circle_sizes(members, rng, average)
        places = postcodes()
        rng.shuffle(places)
        self.circles = []  # (postcode, name, latitude, longitude, radius_km)
        for n, size in enumerate(self.sizes):
            code, name, lat, lon = places[n % len(places)]
            if n >= len(places):  # a second circle in the same town, a few km away
                lat, lon = offset(lat, lon, rng.uniform(2, 4), rng.uniform(0, 2 * math.pi))
            self.circles.append((code, name, lat, lon, round(1.5 + size / 1000, 1)))
        # Members are numbered circle by circle: member m lives in circle circle_of(m).
        self.first = [1]
        for size in self.sizes:
            self.first.append(self.first[-1] + size)
        self.lat = array("d", [0.0]) * (members + 1)
        self.lon = array("d", [0.0]) * (members + 1)
        for c, (_, _, clat, clon, radius) in enumerate(self.circles):
            for m in range(self.first[c], self.first[c + 1]):
                km = radius * rng.random() ** 0.5  # evenly over the disc
                self.lat[m], self.lon[m] = offset(clat, clon, km, rng.uniform(0, 2 * math.pi))
        self.neighbours = [self._nearest(c, 2) for c in range(len(self.circles))]
        self.helper = bytearray(members + 1)
        self.helpers = [[] for _ in self.circles]  # circle -> its helpers (own and visiting)
        self.second = {}  # member -> second circle
        self.visiting = {}  # helper -> the two other circles they help in
        for m in range(1, members + 1):
            c = self.circle_of(m)
            if rng.random() < 0.2:
                self.helper[m] = 1
                self.helpers[c].append(m)
                if rng.random() < 0.1 and self.neighbours[c]:
                    self.visiting[m] = self.neighbours[c]
                    for other in self.neighbours[c]:
                        self.helpers[other].append(m)
            if m not in self.visiting and self.neighbours[c] and rng.random() < 0.05:
                self.second[m] = self.neighbours[c][0]

    def circle_of(self, member: int) -> int:
        """The index of the member's own circle."""
        return bisect.bisect_right(self.first, member) - 1

    def _nearest(self, c: int, count: int) -> list[int]:
        _, _, lat, lon, _ = self.circles[c]
        others = sorted(
            (((o[2] - lat) ** 2 + ((o[3] - lon) * 0.57) ** 2), i)
            for i, o in enumerate(self.circles)
            if i != c
        )
        return [i for _, i in others[:count]]

    def some_helper(self, c: int, besides: int, rng: random.Random) -> int | None:
        """A helper of circle c other than besides, or None if it has none."""
        helpers = self.helpers[c]
        for _ in range(3):
            if helpers and (h := rng.choice(helpers)) != besides:
                return h
        return None


def sample_members(members: int, circles: int, tokens: int) -> list[int]:
    """The signed-in members: spread evenly over the member numbers (so over the circles)."""
    tokens = min(tokens, members)
    step = members / tokens
    return [1 + int(n * step) for n in range(tokens)]


def build(url: str, members: int = FULL_SIZE, seed: int = 50, history: float = 2.0,
          tokens: int = 1000, quiet: bool = False,
          average_circle: int = AVERAGE_CIRCLE) -> dict[str, tuple[int, float]]:  # fmt: skip
    """Empty the database, migrate it, fill it; each table's (rows, seconds)."""
    started = time.perf_counter()
    reset(url)
    with create_app({"SQLALCHEMY_DATABASE_URI": driver_url(url)}).app_context():
        upgrade()
    now = datetime.now(UTC).replace(microsecond=0)
    country = Country(members, seed, now, average_circle)
    if not quiet:
        print(f"{'migrated, laid out':<20} {len(country.circles):>10,} circles "
              f"{time.perf_counter() - started:>5.1f} s", flush=True)  # fmt: skip
    engine = create_engine(driver_url(url))
    with engine.begin() as connection:
        loader = Loader(connection, quiet)
        indexes = drop_indexes(connection) if loader.postgres else []
        fill(loader, country, history, sample_members(members, len(country.circles), tokens))
        if indexes:
            began = time.perf_counter()
            for definition in tqdm(indexes, desc="indexes", leave=False, disable=quiet):
                connection.execute(text(definition))
            loader.timings["(indexes)"] = (0, time.perf_counter() - began)
            if not quiet:
                print(f"{'indexes':<20} {len(indexes):>10,} built "
                      f"{time.perf_counter() - began:>7.1f} s", flush=True)  # fmt: skip
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        finish(connection, loader)
    engine.dispose()
    return loader.timings


def fill(loader: Loader, country: Country, history: float, signed_in: list[int]) -> None:
    """Every table, in the order their keys need."""
    rng, now, members = country.rng, country.now, country.members
    load = loader.load
    load("municipalities", ("id", "name"), iter([(1, "Danmark")]), 1)
    load(
        "circles",
        ("id", "municipality_id", "name", "latitude", "longitude", "radius_km", "area_postcodes"),
        (
            (c + 1, 1, f"{name} {c + 1}", lat, lon, radius, [code])
            for c, (code, name, lat, lon, radius) in enumerate(country.circles)
        ),
        len(country.circles),
    )
    slots = vocabulary.AVAILABILITY
    load(
        "users",
        ("id", "email", "name", "birth_date", "postcode", "latitude", "longitude",
         "location_source", "travel_km", "availability", "created_at", "last_active_at"),
        (
            (m, f"m{m}@bench.example", f"Medlem {m}",
             date(1926, 1, 1) + timedelta(days=rng.randrange(50 * 365)),
             country.circles[country.circle_of(m)][0], country.lat[m], country.lon[m], "address",
             (1.0, 2.0, 3.0)[m % 3], rng.sample(slots, 3),
             now - timedelta(days=rng.randrange(1, 1100)), now - timedelta(days=rng.randrange(30)))
            for m in range(1, members + 1)
        ),
        members,
    )  # fmt: skip
    helpers = [m for m in range(1, members + 1) if country.helper[m]]
    offers = [
        (m, category, (1.0, 2.0, 5.0)[m % 3], rng.sample(slots, 3), m)
        for m in helpers
        for category in rng.sample(vocabulary.CATEGORIES, 1 + m % 2)
    ]
    kinds = defaultdict(int)
    for m, category, *_ in offers:
        kinds[m] |= kind_bit(category)
    both = members + len(country.second) + 2 * len(country.visiting)
    joined = ("user_id", "circle_id", "role", "status", "created_at", "square_row", "square_col",
              "offered_kinds")  # fmt: skip
    load("memberships", joined, memberships(country, kinds), both)
    offered = ("user_id", "category", "max_km", "availability", "created_by_id")
    load("offers", offered, iter(offers), len(offers))
    seed = rng.randrange(1 << 30)
    expected = round(history * members) + members // 100  # a few without a helper are left out
    load("help_requests", REQUEST_COLUMNS,
         (r for r, _ in help_history(country, history, seed)), expected)  # fmt: skip
    load("matches", MATCH_COLUMNS,
         (m for _, m in help_history(country, history, seed) if m), expected)  # fmt: skip
    blockers = rng.sample(range(1, members + 1), members // 200)
    blocks = {(b, country.some_helper(country.circle_of(b), b, rng)) for b in blockers}
    blocks = [pair for pair in blocks if pair[1]]
    load("blocks", ("blocker_id", "blocked_id"), iter(blocks), len(blocks))
    events, exceptions, bookings = calendar(country)
    load("events", EVENT_COLUMNS, iter(events), len(events))
    load("event_occurrences", ("event_id", "original_start", "starts_at", "ends_at", "cancelled"),
         iter(exceptions), len(exceptions))  # fmt: skip
    booked = ("event_id", "occurrence_start", "user_id", "status", "attended", "created_at")
    load("bookings", booked, iter(bookings), len(bookings))
    load(
        "api_tokens",
        ("user_id", "token_hash", "name", "created_at", "last_used_at", "expires_at"),
        ((m, secret_hash(f"bench-{m}"), "bench", now, now, now + 365 * DAY) for m in signed_in),
        len(signed_in),
    )
    inbox = [(m, n) for m in signed_in for n in range(10)]
    inbox += [(signed_in[0], n) for n in range(10, INBOX_BIG)]
    load(
        "notifications",
        ("user_id", "kind", "params", "link", "created_at", "read_at"),
        (
            (m, "thanks_received", {"name": "Karen"}, "/matches", now - n * timedelta(hours=5),
             None if n < 3 else now - n * timedelta(hours=4))
            for m, n in inbox
        ),
        len(inbox),
    )  # fmt: skip


def memberships(country: Country, kinds: dict[int, int]):
    """Everyone's own circle; a second circle for some; helpers visiting two more. Each
    membership carries its member's home square and the kinds of help they offer, as the app
    keeps them."""
    now = country.now
    for m in range(1, country.members + 1):
        c = country.circle_of(m)
        organizer = m - country.first[c] < 2  # the first two of each circle organize it
        role = "organizer" if organizer else "helper" if country.helper[m] else "member"
        since = now - timedelta(days=1 + m % 1000)
        square = geo.square_of(country.lat[m], country.lon[m])
        yield (m, c + 1, role, "active", since, *square, kinds[m])
        if m in country.second:
            yield (m, country.second[m] + 1, "member", "active", since, *square, kinds[m])
        for other in country.visiting.get(m, ()):
            yield (m, other + 1, "helper", "active", since, *square, kinds[m])


REQUEST_COLUMNS = (
    "id", "circle_id", "requester_id", "created_by_id", "category", "latitude", "longitude",
    "location_source", "status", "radius_km", "needed_at", "created_at", "matched_at", "done_at",
)  # fmt: skip
MATCH_COLUMNS = (
    "request_id", "helper_id", "origin", "status", "created_by_id", "created_at", "accepted_at",
    "done_at", "thanks_note", "thanked_at",
)  # fmt: skip


def help_history(country: Country, history: float, seed: int):
    """(request, match or None): done requests, one done match each, over three years; then
    open ones, some with an invitation out or already taken. The same seed gives the same
    rows, so requests and matches are two passes that never hold millions of rows at once."""
    rng, now, members = random.Random(seed), country.now, country.members
    categories = vocabulary.CATEGORIES
    done = round(history * members)
    number = 0
    for n in range(done + members // 100):
        m = rng.randint(1, members)
        c = country.circle_of(m)
        helper = country.some_helper(c, m, rng)
        lat, lon = country.lat[m], country.lon[m]
        if n < done and helper:
            number += 1
            asked = now - timedelta(days=rng.uniform(3, 1095))
            accepted, finished = asked + timedelta(hours=rng.uniform(1, 30)), asked + 3 * DAY
            thanks = ("Tak!", finished) if rng.random() < 0.5 else (None, None)
            origin = "invite" if rng.random() < 0.7 else "volunteer"
            yield (
                (number, c + 1, m, m, rng.choice(categories), lat, lon, "address", "done", 2.0,
                 finished, asked, accepted, finished),
                (number, helper, origin, "done", m, asked, accepted, finished, *thanks),
            )  # fmt: skip
        elif n >= done:
            number += 1
            asked = now - timedelta(hours=rng.uniform(1, 120))
            taken = helper is not None and rng.random() < 0.25
            invited = helper is not None and not taken and rng.random() < 0.4
            request = (number, c + 1, m, m, rng.choice(categories), lat, lon, "address",
                       "matched" if taken else "open", 2.0,
                       now + timedelta(hours=rng.uniform(2, 200)), asked,
                       asked + DAY if taken else None, None)  # fmt: skip
            match = None
            if taken or invited:
                match = (number, helper, "invite", "accepted" if taken else "proposed", m, asked,
                         asked + DAY if taken else None, None, None, None)  # fmt: skip
            yield request, match


EVENT_COLUMNS = (
    "id", "circle_id", "kind", "title", "host_id", "place_name", "starts_at", "ends_at",
    "capacity", "rrule", "status", "created_by_id", "created_at",
)  # fmt: skip


def calendar(country: Country) -> tuple[list, list, list]:
    """Per circle: a weekly walk since two years ago, with some occurrences moved or cancelled;
    a one-off event in the past for every 8 members, 5 booked on each; 3 events to come."""
    rng, now = country.rng, country.now
    events, exceptions, bookings = [], [], []
    for c in range(len(country.circles)):
        first, size = country.first[c], country.sizes[c]
        host = first  # the circle's first organizer
        started = (now - 730 * DAY).replace(hour=9, minute=0, second=0)
        events.append((len(events) + 1, c + 1, "walk", "Gåtur", host, "Kirken", started,
                       started + timedelta(hours=1.5), 20, "FREQ=WEEKLY", "scheduled", host,
                       started - 7 * DAY))  # fmt: skip
        walk = len(events)
        for week in rng.sample(range(1, 110), 4):
            original = started + week * 7 * DAY
            moved = original + timedelta(hours=2)
            cancelled = week % 2 == 0
            exceptions.append((walk, original, moved, moved + timedelta(hours=1.5), cancelled))
        for n in range(size // 8 + 3):
            past = n < size // 8
            at = now + (-rng.uniform(1, 1095) if past else rng.uniform(1, 30)) * DAY
            at = at.replace(hour=17, minute=0, second=0)
            events.append((len(events) + 1, c + 1, "meal", "Fællesspisning", host, "Hallen", at,
                           at + timedelta(hours=2), 30, None, "scheduled", host,
                           at - 14 * DAY))  # fmt: skip
            guests = {first + rng.randrange(size) for _ in range(5 if past else 2)}
            bookings.extend(
                (len(events), at, g, "going", True if past else None, at - 7 * DAY) for g in guests
            )
    return events, exceptions, bookings


def drop_indexes(connection) -> list[str]:
    """Drop the indexes that back no constraint (COPY then builds each once, at the end,
    rather than updating it row by row); the statements that make them again."""
    found = connection.execute(
        text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint)"
        )
    ).all()
    for name, _ in found:
        connection.execute(text(f'DROP INDEX "{name}"'))
    return [definition for _, definition in found]


def finish(connection, loader: Loader) -> None:
    """Sequences past the ids given (so the app can insert), fresh statistics, a checkpoint."""
    started = time.perf_counter()
    if loader.postgres:
        for name in [t for t in loader.timings if not t.startswith("(")]:
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"(SELECT coalesce(max(id), 0) + 1 FROM {name}), false)"
                )  # fmt: skip
            )
        connection.execute(text("VACUUM ANALYZE"))
        if sum(rows for rows, _ in loader.timings.values()) > 1_000_000:
            # Written out now, not by a checkpoint in the middle of the measuring; a small
            # load leaves too little to matter (and a checkpoint waits for the whole server).
            connection.execute(text("CHECKPOINT"))
    else:
        connection.execute(text("ANALYZE"))
    loader.timings["(vacuum, analyze)"] = (0, time.perf_counter() - started)
    if not loader.quiet:
        print(f"{'vacuum, analyze':<20} {'':>15} {time.perf_counter() - started:>7.1f} s")


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


def main() -> None:
    """Build the country and print each table's time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = f"sqlite:///{HERE / 'results' / 'national.sqlite'}"
    parser.add_argument("--database-url", default=default)
    parser.add_argument("--members", type=int, default=FULL_SIZE)
    parser.add_argument("--history", type=float, default=2.0, help="done matches per member")
    parser.add_argument("--tokens", type=int, default=1000, help="signed-in members")
    parser.add_argument("--seed", type=int, default=50)
    parser.add_argument("--circle-size", type=int, default=AVERAGE_CIRCLE, help="on average")
    args = parser.parse_args()
    (HERE / "results").mkdir(exist_ok=True)
    started = time.perf_counter()
    timings = build(args.database_url, args.members, args.seed, args.history, args.tokens,
                    average_circle=args.circle_size)  # fmt: skip
    rows = sum(count for count, _ in timings.values())
    print(f"{'total':<20} {rows:>10,} rows {time.perf_counter() - started:>7.1f} s")


if __name__ == "__main__":
    main()
