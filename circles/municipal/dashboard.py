"""The municipal dashboard: figures per month and circle, protected before anyone sees them.

Small numbers must not come back by subtraction, neither between periods asked for at once
(January to February minus February alone is January) nor between answers given on different
days (this year's total so far in December minus the one in November is November).

We chose a fixed period grid over perturbation. Perturbed counts that differ from query to query
can be averaged back, and rounding that is the same for the same cell still lets differences of
overlapping totals through. So every answer is cut from one frame per calendar year: its
*finished* months, the quarters and the year once they are over, per circle and for all. A
month still under way is never shown (its count changes daily, and today's minus yesterday's
is a day's), and there is no total "so far": a longer period is published only when it is
complete, and is then the sum of the same cells as ever.

The frame grows when a month ends, so it is protected step by step (disclosure.Disclosure with
steps): the frame as it stood after January, then after February, ..., each time with every
cell shown at an earlier step kept shown. The answer on any day is therefore the last step of
one sequence whose union is a single protected table, and no combination of answers, on the
same day or across a year of days, reveals more than that table does. Whatever is asked, a
cell reads the same. The one link between years, the members at the start of the year, is
the count kept with the year before's December, so it counts as known.

Finished months are frozen, so that the frame really is one table: a month's raw counts are
computed once, the first time anyone asks after it ended (or by the hourly job shortly
after), and kept (municipal/frozen.py); every later answer reads them back. A member who
joined in March and leaves in October no longer lowers March; a request asked at the end of
a month and matched after the month was kept stays unmatched in that month's figures; a
circle founded later has zeros before. Departures reach the members count once a year, at
the year's turn, through the December kept then.
"""

import contextlib
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import redis
from flask import current_app

from circles.accounts.models import User
from circles.core import audit
from circles.core.errors import Forbidden, Invalid
from circles.membership import vetting
from circles.membership.circles import get_municipality, staff_municipality_ids
from circles.membership.models import Municipality
from circles.municipal import counts as stats
from circles.municipal import dashboard_help as dashboard_activity
from circles.municipal.disclosure import Disclosure
from circles.municipal.frozen import Counts, frozen
from circles.municipal.grids import ALL, MIN_PEOPLE, Dashboard, Figure, grid, periods

__all__ = ["ALL", "Dashboard", "Figure", "build", "log_view"]


def may_view(user: User, municipality_id: int) -> bool:
    """Municipal staff of this municipality, and admins."""
    return user.is_admin or municipality_id in staff_municipality_ids(user)


def authorize(user: User, municipality_id: int) -> Municipality:
    """The municipality, if the person may see its figures (404 when there is none)."""
    municipality = get_municipality(municipality_id)
    if not may_view(user, municipality_id):
        raise Forbidden("stats.staff_only")
    return municipality


def span_for(first: date | None, last: date | None, today: date, zone: str) -> stats.Period:
    """The chosen months; the last twelve by default; at most MAX_MONTHS (the organizers'
    figures of their own circle, where small numbers are theirs to see)."""
    last = last or today
    if first is None:
        eleven_before = last.year * 12 + last.month - 1 - 11
        first = date(eleven_before // 12, eleven_before % 12 + 1, 1)
    if first > last:
        raise Invalid("stats.period_backwards", field="from")
    span = stats.period(first, last, zone)
    if len(span.months) > stats.MAX_MONTHS:
        raise Invalid("stats.period_too_long", field="from", months=stats.MAX_MONTHS)
    return span


def last_finished_month(today: date) -> date:
    """The first day of the month before today's: the last month that is over."""
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def year_frame(first: date | None, last: date | None, today: date, zone: str):
    """(the year's frame, the chosen months): finished months within one calendar year, by
    default the year of last month so far. The frame is the year's finished months."""
    done = last_finished_month(today)
    last = last or (done if first is None else date(first.year, 12, 1))
    first = first or date(last.year, 1, 1)
    if first > last:
        raise Invalid("stats.period_backwards", field="from")
    if first.year != last.year:
        raise Invalid("stats.one_year", field="from", year=last.year)
    if first > done:
        raise Invalid("stats.not_over_yet", field="from")
    last = min(last, done)
    frame_end = date(last.year, 12, 1) if last.year < done.year else done
    frame = stats.period(date(last.year, 1, 1), frame_end, zone)
    return frame, stats.period(first, last, zone).months


def membership_figures(board: Dashboard, counts: Counts) -> None:
    """New and active members per circle and month; members at each month's end for the whole
    municipality; members per circle at the end of the latest finished quarter (or year).

    Members per circle at each *month's* end are left out on purpose: asked for month after
    month, this month's minus last month's is the month's new members, so one small month would
    hide a circle's whole series. At a quarter's end they follow from the quarter's cells.
    """
    ids, months = list(board.circles), board.span.months
    table = Disclosure()
    before = counts.members_before()
    board.figures.append(grid(table, "new_members", ids, months, counts.pairs("new_members")))
    active = counts.pairs("active_members")
    board.figures.append(grid(table, "active_members", ids, months, active, flow=False))
    # Members before the year are the year before's last count (kept with its December):
    # known to readers.
    for c in ids:
        table.add(("members", c, "before"), before.get(c, 0), known=True)
    table.add(("members", ALL, "before"), sum(before.values()), known=True)
    table.relate(("members", ALL, "before"), [("members", c, "before") for c in ids])
    previous = ("members", ALL, "before")
    for m in months:
        key, active_key = ("members", ALL, m), ("active_members", ALL, m)
        table.add(key, table.values[previous] + table.values[("new_members", ALL, m)], step=m)
        table.relate(key, [previous, ("new_members", ALL, m)])
        table.add(("inactive", ALL, m), table.values[key] - table.values[active_key], False, step=m)
        table.relate(key, [active_key, ("inactive", ALL, m)])
        previous = key
    quarters = [q for q, covered in periods(months).items() if len(covered) == 3]
    for row in [*ids, ALL]:
        previous = ("members", row, "before")
        for q in quarters:
            key, step = ("members", row, q), periods(months)[q][-1]
            table.add(
                key, table.values[previous] + table.values[("new_members", row, q)], step=step
            )
            table.relate(key, [previous, ("new_members", row, q)])
            previous = key
    for q in quarters:
        table.relate(("members", ALL, q), [("members", c, q) for c in ids])
        table.relate(("members", ALL, q), [("members", ALL, periods(months)[q][-1])])
    board.figures.append(Figure("members", [ALL], list(months)))
    at = quarters[-1] if quarters else "before"
    board.figures.append(
        Figure(
            "circle_members", [*ids, ALL], [at], chart="bar", cell_figure="members", by_month=False
        )
    )
    board.tables.append(table)


def checkin_figures(board: Dashboard, counts: Counts) -> None:
    """Check-ins per month, and scores by time in membership over the longest, then latest,
    period within the months asked (the year, a quarter or a month); means over 5+ people only.

    The scores of every month, quarter and the year are in the protected table, tied to the
    check-ins and to each other, whichever one is shown today."""
    ids, months = list(board.circles), board.span.months
    table = Disclosure()
    board.figures.append(grid(table, "checkins", ids, months, counts.pairs("checkins")))
    by_month = counts.scores()
    buckets = [label for label, _, _ in stats.TENURE]
    spans = {m: (m,) for m in months} | periods(months)
    for p, covered in spans.items():
        step = covered[-1]
        for b in [*buckets, ALL]:
            inside = [b] if b != ALL else buckets
            n, total, often = (
                sum(by_month.get((x, m), (0, 0, 0))[i] for x in inside for m in covered)
                for i in range(3)
            )
            table.add(("scores", b, "checkins", p), n, step=step)
            table.add(("scores", b, "often", p), often, step=step)
            table.add(("scores", b, "not_often", p), n - often, shown=False, step=step)
            table.relate(
                ("scores", b, "checkins", p),
                [("scores", b, "often", p), ("scores", b, "not_often", p)],
            )
            board.measures[("scores", b, "mean", p)] = (
                round(total / n, 2) if n >= MIN_PEOPLE else None
            )
            if len(covered) > 1:
                parts = [q for q in spans if q != p and len(spans[q]) < len(covered)]
                parts = [q for q in parts if set(spans[q]) <= set(covered)]
                parts = [q for q in parts if len(spans[q]) == (3 if len(covered) == 12 else 1)]
                for column in ("checkins", "often"):
                    table.relate(
                        ("scores", b, column, p), [("scores", b, column, q) for q in parts]
                    )
        for column in ("checkins", "often"):
            table.relate(("scores", ALL, column, p), [("scores", b, column, p) for b in buckets])
        table.relate(("checkins", ALL, p), [("scores", ALL, "checkins", p)])
    board.tables.append(table)
    board.figures.append(
        Figure(
            "scores",
            [*buckets, ALL],
            ["checkins", "often", "share", "mean"],
            chart="bar",
            rows_are="stats.tenure",
            columns_are="stats.column",
            period=max(
                (p for p, covered in spans.items() if set(covered) <= set(board.shown_months)),
                key=lambda p: (len(spans[p]), spans[p][-1]),
            ),
        )
    )
    board.share_rows = [*buckets, ALL]


def vetting_figure(board: Dashboard, counts: Counts) -> None:
    """Active helpers per circle by vetting status, as things stood at the last month's end."""
    table = Disclosure()
    figure = grid(
        table,
        "vetting",
        list(board.circles),
        list(vetting.STATUSES),
        counts.vetting(board.span.months[-1]),
        chart="bar",
        columns_are="stats.vetting",
    )
    board.figures.append(figure)
    board.tables.append(table)


class SharedStore:
    """Protected tables in Redis, shared by every worker; a Redis that fails is skipped."""

    KEEP = 60 * 60 * 24 * 31  # seconds; a table asked for again is kept again

    def __init__(self, uri: str) -> None:
        self.redis = redis.Redis.from_url(uri, socket_timeout=1, socket_connect_timeout=1)

    def get(self, name: str) -> str | None:
        try:
            found = self.redis.get(name)
        except redis.RedisError:
            return None
        return found.decode() if found is not None else None

    def set(self, name: str, text: str) -> None:
        with contextlib.suppress(redis.RedisError):
            self.redis.set(name, text, ex=self.KEEP)


def shared_store() -> SharedStore | None:
    """The shared store when the app keeps shared state in Redis (RATELIMIT_STORAGE_URI)."""
    uri = current_app.config.get("RATELIMIT_STORAGE_URI", "")
    return SharedStore(uri) if uri.startswith("redis") else None


def finish(board: Dashboard) -> None:
    """Protect every table, then show shares only where both of their counts are shown."""
    shared = shared_store()
    for table in board.tables:
        table.protect(shared)
    period = board.figure("scores").period
    scores = next(t for t in board.tables if ("scores", ALL, "often", period) in t.values)
    for b in board.share_rows:
        n = scores.value(("scores", b, "checkins", period))
        often = scores.value(("scores", b, "often", period))
        share = round(100 * often / n, 1) if n and often is not None else None
        board.measures[("scores", b, "share", period)] = share


def build(viewer: User, municipality_id: int, first=None, last=None, today=None, zone=None):
    """The protected dashboard for a staff member; the viewing is written to the audit log."""
    municipality = authorize(viewer, municipality_id)
    zone = zone or "Europe/Copenhagen"
    today = today or datetime.now(ZoneInfo(zone)).date()
    frame, shown = year_frame(first, last, today, zone)
    board = Dashboard(municipality, frame, stats.circles_of(municipality_id), shown_months=shown)
    counts = frozen(municipality_id, list(board.circles), frame.months, zone)
    membership_figures(board, counts)
    dashboard_activity.help_figures(board, counts)
    dashboard_activity.event_figures(board, counts)
    checkin_figures(board, counts)
    vetting_figure(board, counts)
    finish(board)
    return board


def log_view(viewer: User, board: Dashboard, what: str = "dashboard") -> None:
    """Audit: who looked at which figures for which months."""
    audit.record(
        viewer,
        f"stats.viewed_{what}",
        municipality_id=board.municipality.id,
        months=[board.shown_months[0], board.shown_months[-1]],
    )
