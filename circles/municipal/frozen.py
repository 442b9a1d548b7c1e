"""Finished months, frozen: a month's raw grouped counts are computed once, kept, and read back.

The dashboard reads a year from at most 13 stored rows (its finished months and the December
before, whose members at the month's end are the year's "members before"). Months not stored
yet are computed in one pass of the grouped counts, which already group by month, and stored in
the same transaction. Two staff asking for the same new month at once both get an answer: the
insert skips a month that is there already (waiting for the other's transaction), and both
then read the one stored row.
"""

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from circles.core.types import utcnow
from circles.extensions import db
from circles.membership import vetting
from circles.municipal import counts as stats
from circles.municipal import counts_help as activity
from circles.municipal.models import DashboardMonth

# Counts of (circle or kind, month): stored per month as rows of [group, count].
PAIRS = {
    "new_members": stats.new_members,
    "checkins": stats.checkins,
    "requests_by_kind": activity.requests_by_kind,
    "relationships": activity.relationships,
    "meetings": activity.meetings,
    "attendance": activity.attendance,
    "proposals": activity.proposals,
}


def month_start(month: str) -> date:
    """2026-03 -> 1 March 2026."""
    return date(int(month[:4]), int(month[5:]), 1)


def month_before(month: str) -> str:
    """2026-01 -> 2025-12."""
    return (month_start(month) - timedelta(days=1)).strftime("%Y-%m")


def month_after(month: str) -> str:
    """2025-12 -> 2026-01."""
    return (month_start(month) + timedelta(days=31)).strftime("%Y-%m")


def load(municipality_id: int, first: str, last: str) -> dict[str, dict]:
    """{month: its stored counts}, for the months from first to last that are stored."""
    query = select(DashboardMonth.month, DashboardMonth.counts).where(
        DashboardMonth.municipality_id == municipality_id,
        DashboardMonth.month.between(first, last),  # 2025-12 < 2026-01: they sort as months
    )
    return dict(db.session.execute(query).all())


def store(municipality_id: int, computed: dict[str, dict]) -> None:
    """Keep the months, each once: a month stored meanwhile by someone else is left as it is."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    now = utcnow()
    rows = [
        {"municipality_id": municipality_id, "month": m, "counts": counts, "computed_at": now}
        for m, counts in sorted(computed.items())  # one order, so two inserts never deadlock
    ]
    db.session.execute(
        insert(DashboardMonth)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["municipality_id", "month"])
    )


def frozen(municipality_id: int, circle_ids, months, zone: str) -> "Counts":
    """The counts of the finished months and of the one before them (missing ones first
    counted and kept)."""
    found, _ = keep(municipality_id, circle_ids, months, zone)
    return Counts({m: found[m] for m in months}, found[month_before(months[0])])


def keep(municipality_id: int, circle_ids, months, zone: str) -> tuple[dict[str, dict], int]:
    """({month: counts} of the months and the one before them, how many of those were missing
    and are counted and kept now)."""
    wanted = [month_before(months[0]), *months]
    found = load(municipality_id, wanted[0], wanted[-1])
    missing = [m for m in wanted if m not in found]
    if missing:
        store(municipality_id, compute(circle_ids, missing, zone))
        found = load(municipality_id, wanted[0], wanted[-1])  # as kept, whoever kept it
    return found, len(missing)


def compute(circle_ids, missing: list[str], zone: str) -> dict[str, dict]:
    """The counts of the missing months, in one pass over the months from the first to the last
    (each count groups by month; months in between that are kept already are dropped)."""
    span = stats.period(month_start(missing[0]), month_start(missing[-1]), zone)
    months = {m: {} for m in span.months}

    def spread(name: str, found: dict) -> None:
        for (group, m), value in found.items():
            months[m].setdefault(name, []).append([group, value])

    for name, count in PAIRS.items():
        spread(name, count(circle_ids, span))
    sources = [stats.checkin_activity(), *activity.activity_sources()]
    spread("active_members", stats.active_members(circle_ids, span, sources))
    for (tenure, m), (n, total, often) in stats.checkin_scores(circle_ids, span).items():
        months[m].setdefault("scores", []).append([tenure, n, total, often])
    counted = activity.requests(circle_ids, span)
    for (circle, m), asked in counted["asked"].items():
        matched, done = counted["matched"][(circle, m)], counted["done"][(circle, m)]
        months[m].setdefault("requests", []).append([circle, asked, matched, done])
    for circle, m, hours, n in activity.hours_to_match(circle_ids, span):
        months[m].setdefault("hours_to_match", []).append([circle, hours, n])
    last_days = {m: month_start(month_after(m)) - timedelta(days=1) for m in span.months}
    for m, found in vetting.counts_on_days(circle_ids, last_days).items():
        months[m]["vetting"] = [[c, status, n] for (c, status), n in found.items()]
    members_at_ends(circle_ids, span, months)
    return {m: months[m] for m in missing}


def members_at_ends(circle_ids, span, months: dict) -> None:
    """Members per circle at each month's end, as counted now (soon after the month, as a rule):
    the members before the span plus each month's new members. The last December's is the next
    year's "members before", so departures until then are counted once, at the year's turn."""
    running = stats.members_before(circle_ids, span)
    for m in span.months:
        for circle, n in months[m].get("new_members", []):
            running[circle] = running.get(circle, 0) + n
        months[m]["members"] = [[c, n] for c, n in running.items()]


class Counts:
    """The frozen months of a frame, read as the {(group, month): count} the figures want;
    before: the month before the frame's, whose members at its end start the frame."""

    def __init__(self, months: dict[str, dict], before: dict) -> None:
        self.months, self.before = months, before

    def pairs(self, name: str) -> dict:
        """{(circle or kind, month): count}."""
        return {
            (group, m): n for m, counts in self.months.items() for group, n in counts.get(name, [])
        }

    def requests(self) -> dict[str, dict]:
        """{"asked"|"matched"|"done": {(circle, month asked): requests}}."""
        found = {"asked": {}, "matched": {}, "done": {}}
        for m, counts in self.months.items():
            for circle, asked, matched, done in counts.get("requests", []):
                found["asked"][(circle, m)] = asked
                found["matched"][(circle, m)] = matched
                found["done"][(circle, m)] = done
        return found

    def scores(self) -> dict:
        """{(tenure, month): (check-ins, sum of UCLA totals, how many feel lonely often)}."""
        return {
            (tenure, m): (n, total, often)
            for m, counts in self.months.items()
            for tenure, n, total, often in counts.get("scores", [])
        }

    def hours_to_match(self) -> list[tuple]:
        """[(circle, month asked, whole hours waited, matched requests)]."""
        return [
            (circle, m, hours, n)
            for m, counts in self.months.items()
            for circle, hours, n in counts.get("hours_to_match", [])
        ]

    def vetting(self, month: str) -> dict:
        """{(circle, status): active helpers} at the month's end."""
        return {(c, status): n for c, status, n in self.months[month].get("vetting", [])}

    def members_before(self) -> dict:
        """{circle: members} when the frame began (at the end of the month before it)."""
        return {c: n for c, n in self.before.get("members", [])}
