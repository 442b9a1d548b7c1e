"""The municipal dashboard: figures per month and circle, protected before anyone sees them.

Small numbers must not come back by subtraction across periods (January to February minus
February alone is January). We chose a fixed period grid over perturbation: perturbed counts
that differ from query to query can be averaged back, and rounding that is the same for the
same cell still lets differences of overlapping totals through. So every answer is cut from
one frame per calendar year: its months (up to the current one) and the year's total, per
circle and for all, protected together once by disclosure.Disclosure, the same whatever period
is asked for. A period is some months within one calendar year; the total column is always the
year's (so far), never the period's. The one link between years, the members at the start of
the year, is published in the year before, so it counts as known. What is shown is then a part
of one protected table, and no combination of answers reveals more than that table does.

Not covered: differences over time. The current year's frame grows month by month, and a
reader who keeps last month's answer can compare it with this month's.
"""

from datetime import date, timedelta

from circles.accounts.models import User
from circles.core import audit
from circles.core.errors import Forbidden, Invalid
from circles.membership import vetting
from circles.membership.circles import get_municipality, staff_municipality_ids
from circles.membership.models import Municipality
from circles.municipal import counts as stats
from circles.municipal import dashboard_help as dashboard_activity
from circles.municipal.disclosure import Disclosure
from circles.municipal.grids import ALL, MIN_PEOPLE, Dashboard, Figure, grid

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


def year_frame(first: date | None, last: date | None, today: date, zone: str):
    """(the year's frame, the chosen months): months within one calendar year, by default
    this year so far. The frame is the whole year, or up to this month for the current one."""
    last = last or (today if first is None or first.year == today.year else first)
    first = first or date(last.year, 1, 1)
    if first > last:
        raise Invalid("stats.period_backwards", field="from")
    if first.year != last.year:
        raise Invalid("stats.one_year", field="from", year=last.year)
    frame_end = date(last.year, 12, 1)
    if last.year == today.year:
        frame_end = max(date(today.year, today.month, 1), last)
    frame = stats.period(date(last.year, 1, 1), frame_end, zone)
    return frame, stats.period(first, last, zone).months


def membership_figures(board: Dashboard) -> None:
    """New and active members per circle and month; members per month for the whole
    municipality and per circle at the period's end.

    Members per circle *per month* are left out on purpose: that series minus the one before
    it is each month's new members, so one small month would hide a circle's whole series.
    """
    ids, months, span = list(board.circles), board.span.months, board.span
    table = Disclosure()
    new = stats.new_members(ids, span)
    before = stats.members_before(ids, span)
    board.figures.append(grid(table, "new_members", ids, months, new))
    sources = [stats.checkin_activity(), *dashboard_activity.activity_sources()]
    active = stats.active_members(ids, span, sources)
    board.figures.append(grid(table, "active_members", ids, months, active, flow=False))
    last = months[-1]
    running = sum(before.values())
    # Members before the year are the year before's last count: known to readers.
    table.add(("members", "before"), running, known=True)
    previous = ("members", "before")
    for m in months:
        running += sum(new.get((c, m), 0) for c in ids)
        table.add(("members", ALL, m), running)
        table.relate(("members", ALL, m), [previous, ("new_members", ALL, m)])
        previous = ("members", ALL, m)
        table.add(("inactive", ALL, m), running - table.values[("active_members", ALL, m)], False)
        table.relate(("members", ALL, m), [("active_members", ALL, m), ("inactive", ALL, m)])
    for c in ids:
        table.add(("members", c, "before"), before.get(c, 0), known=True)
        table.add(("members", c, last), table.values[("new_members", c, ALL)] + before.get(c, 0))
        table.relate(("members", c, last), [("members", c, "before"), ("new_members", c, ALL)])
        table.add(
            ("inactive", c, last),
            table.values[("members", c, last)] - active.get((c, last), 0),
            False,
        )
        table.relate(("members", c, last), [("active_members", c, last), ("inactive", c, last)])
    table.relate(("members", ALL, last), [("members", c, last) for c in ids])
    table.relate(("members", "before"), [("members", c, "before") for c in ids])
    board.figures.append(Figure("members", [ALL], list(months)))
    board.figures.append(
        Figure("circle_members", ids, [last], chart="bar", cell_figure="members", by_month=False)
    )
    board.tables.append(table)


def checkin_figures(board: Dashboard) -> None:
    """Check-ins per month, and scores by time in membership (means over 5+ people only)."""
    ids, months = list(board.circles), board.span.months
    table = Disclosure()
    board.figures.append(grid(table, "checkins", ids, months, stats.checkins(ids, board.span)))
    scores = stats.checkin_scores(ids, board.span)
    buckets = [label for label, _, _ in stats.TENURE]
    totals = [sum(scores.get(b, (0, 0, 0))[i] for b in buckets) for i in (0, 2)]
    weighted = sum(n * mean for n, mean, _ in scores.values())
    rows = {**scores, ALL: (totals[0], weighted / totals[0] if totals[0] else 0.0, totals[1])}
    for b in [*buckets, ALL]:
        n, mean, often = rows.get(b, (0, 0.0, 0))
        table.add(("scores", b, "checkins"), n)
        table.add(("scores", b, "often"), often)
        table.add(("scores", b, "not_often"), n - often, shown=False)
        table.relate(
            ("scores", b, "checkins"), [("scores", b, "often"), ("scores", b, "not_often")]
        )
        board.measures[("scores", b, "mean")] = round(mean, 2) if n >= MIN_PEOPLE else None
    for column in ("checkins", "often"):
        table.relate(("scores", ALL, column), [("scores", b, column) for b in buckets])
    table.relate(("checkins", ALL, ALL), [("scores", ALL, "checkins")])
    board.tables.append(table)
    board.figures.append(
        Figure(
            "scores",
            [*buckets, ALL],
            ["checkins", "often", "share", "mean"],
            chart="bar",
            rows_are="stats.tenure",
            columns_are="stats.column",
        )
    )
    board.share_rows = [*buckets, ALL]


def vetting_figure(board: Dashboard, today: date) -> None:
    """Active helpers per circle by vetting status, as things stand at the period's end."""
    day = min(today, (board.span.end - timedelta(days=1)).date())
    counts = vetting.counts_by_circle(list(board.circles), day)
    table = Disclosure()
    figure = grid(
        table,
        "vetting",
        list(board.circles),
        list(vetting.STATUSES),
        counts,
        chart="bar",
        columns_are="stats.vetting",
    )
    board.figures.append(figure)
    board.tables.append(table)


def finish(board: Dashboard) -> None:
    """Protect every table, then show shares only where both of their counts are shown."""
    for table in board.tables:
        table.protect()
    scores = next(t for t in board.tables if ("scores", ALL, "often") in t.values)
    for b in board.share_rows:
        n, often = scores.value(("scores", b, "checkins")), scores.value(("scores", b, "often"))
        share = round(100 * often / n, 1) if n and often is not None else None
        board.measures[("scores", b, "share")] = share


def build(viewer: User, municipality_id: int, first=None, last=None, today=None, zone=None):
    """The protected dashboard for a staff member; the viewing is written to the audit log."""
    municipality = authorize(viewer, municipality_id)
    today = today or date.today()
    frame, shown = year_frame(first, last, today, zone or "Europe/Copenhagen")
    board = Dashboard(municipality, frame, stats.circles_of(municipality_id), shown_months=shown)
    membership_figures(board)
    dashboard_activity.help_figures(board)
    dashboard_activity.event_figures(board)
    checkin_figures(board)
    vetting_figure(board, today)
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
