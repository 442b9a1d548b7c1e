"""The municipal dashboard: figures per month and circle, protected before anyone sees them."""

from dataclasses import dataclass, field
from datetime import date

from circles.models import Municipality, User
from circles.services import audit, stats
from circles.services.circles import get_municipality, staff_municipality_ids
from circles.services.disclosure import Disclosure
from circles.services.errors import Forbidden, Invalid

ALL = "all"
MIN_PEOPLE = 5  # means, medians and shares over fewer people are not shown


@dataclass
class Figure:
    """One figure: rows (circles, kinds, ...) by columns (months, ...), each a cell key."""

    key: str
    rows: list
    columns: list
    unit: str = "count"  # count, mean, share, hours
    chart: str = "line"  # line or bar
    cell_figure: str | None = None  # the cells' figure key, when it shares another's cells
    rows_are: str = "circle"  # or the catalog prefix of the rows' names: "stats.tenure", ...
    columns_are: str = "month"  # or the catalog prefix of the columns' names

    @property
    def cells_key(self) -> str:
        """The first part of this figure's cell keys."""
        return self.cell_figure or self.key


@dataclass
class Dashboard:
    """What a staff member sees: the period, the circles, and protected figures."""

    municipality: Municipality
    span: stats.Period
    circles: dict[int, str]
    figures: list[Figure] = field(default_factory=list)
    tables: list[Disclosure] = field(default_factory=list)
    measures: dict = field(default_factory=dict)  # means, shares: value or None (hidden)

    def figure(self, key: str) -> Figure:
        """A figure by key."""
        return next(f for f in self.figures if f.key == key)

    def cell(self, key: tuple) -> tuple[float | None, str | None]:
        """(value, None) when shown, else (None, "fewer_than_5" or "hidden")."""
        if key in self.measures:
            value = self.measures[key]
            return (value, None) if value is not None else (None, "fewer_than_5")
        table = next(t for t in self.tables if key in t.values)
        return table.value(key), table.label(key)


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
    """The chosen months; the last twelve by default; at most MAX_MONTHS."""
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


def grid(table: Disclosure, key: str, circles, months, values: dict, flow=True) -> Figure:
    """Circles x months with totals per circle (flows only) and per month, all tied by sums."""
    columns = [*months, ALL] if flow else list(months)
    for c in circles:
        for m in months:
            table.add((key, c, m), values.get((c, m), 0))
        if flow:
            table.add((key, c, ALL), sum(values.get((c, m), 0) for m in months))
            table.relate((key, c, ALL), [(key, c, m) for m in months])
    for m in columns:
        table.add((key, ALL, m), sum(table.values[(key, c, m)] for c in circles))
        table.relate((key, ALL, m), [(key, c, m) for c in circles])
    if flow:
        table.relate((key, ALL, ALL), [(key, ALL, m) for m in months])
    return Figure(key, [*circles, ALL], columns)


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
    active = stats.active_members(ids, span)
    board.figures.append(grid(table, "active_members", ids, months, active, flow=False))
    last = months[-1]
    running = sum(before.values())
    table.add(("members", "before"), running, shown=False)
    previous = ("members", "before")
    for m in months:
        running += sum(new.get((c, m), 0) for c in ids)
        table.add(("members", ALL, m), running)
        table.relate(("members", ALL, m), [previous, ("new_members", ALL, m)])
        previous = ("members", ALL, m)
        table.add(("inactive", ALL, m), running - table.values[("active_members", ALL, m)], False)
        table.relate(("members", ALL, m), [("active_members", ALL, m), ("inactive", ALL, m)])
    for c in ids:
        table.add(("members", c, "before"), before.get(c, 0), shown=False)
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
    board.figures.append(Figure("circle_members", ids, [last], chart="bar", cell_figure="members"))
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
    span = span_for(first, last, today or date.today(), zone or "Europe/Copenhagen")
    board = Dashboard(municipality, span, stats.circles_of(municipality_id))
    membership_figures(board)
    checkin_figures(board)
    finish(board)
    return board


def log_view(viewer: User, board: Dashboard, what: str = "dashboard") -> None:
    """Audit: who looked at which figures for which months (the caller commits)."""
    audit.record(
        viewer,
        f"stats.viewed_{what}",
        municipality_id=board.municipality.id,
        months=[board.span.months[0], board.span.months[-1]],
    )
