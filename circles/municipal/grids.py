"""The dashboard's building blocks: figures, their cells, and grids tied by sums."""

from dataclasses import dataclass, field

from circles.membership.models import Municipality
from circles.municipal.counts import Period
from circles.municipal.disclosure import Disclosure

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
    period: str | None = None  # the one period a figure's cells are over (not a column)
    by_month: bool = True  # months of the frame (cut to the asked ones), quarters and the year

    @property
    def cells_key(self) -> str:
        """The first part of this figure's cell keys."""
        return self.cell_figure or self.key


@dataclass
class Dashboard:
    """What a staff member sees: the year's frame (span), the months asked for, the circles,
    and protected figures."""

    municipality: Municipality
    span: Period
    circles: dict[int, str]
    shown_months: tuple = ()
    figures: list[Figure] = field(default_factory=list)
    tables: list[Disclosure] = field(default_factory=list)
    measures: dict = field(default_factory=dict)  # means, shares: value or None (hidden)
    share_rows: list = field(default_factory=list)
    owners: dict = field(default_factory=dict, repr=False)  # cell key -> its table

    def figure(self, key: str) -> Figure:
        """A figure by key."""
        return next(f for f in self.figures if f.key == key)

    def cell(self, key: tuple) -> tuple[float | None, str | None]:
        """(value, None) when shown, else (None, "fewer_than_5" or "hidden")."""
        if key in self.measures:
            value = self.measures[key]  # a mean or share over too few people: hidden
            return (value, None) if value is not None else (None, "hidden")
        if key not in self.owners:  # a table added since: index them all again, the first wins
            self.owners = {k: t for t in reversed(self.tables) for k in t.values}
        table = self.owners[key]
        return table.value(key), table.label(key)


def periods(months) -> dict[str, tuple[str, ...]]:
    """The longer periods the frame's months complete: {"2026-Q1": its months, "2026": all}.

    Only whole quarters and a whole year: a total "so far" would grow month by month, and this
    month's total minus last month's is the month just ended, hidden or not.
    """
    found, months = {}, list(months)
    for first in range(0, len(months) - 2, 3):
        quarter = tuple(months[first : first + 3])
        if quarter[0].endswith(("-01", "-04", "-07", "-10")) and len(quarter) == 3:
            found[f"{quarter[0][:4]}-Q{int(quarter[0][5:]) // 3 + 1}"] = quarter
    if len(months) == 12:
        found[months[0][:4]] = tuple(months)
    return found


def step_of(column, months) -> str | None:
    """From which month on a column's cells are published: its last month (None: not a time)."""
    if column in months:
        return column
    covered = periods(months).get(column)
    return covered[-1] if covered else None


def add_periods(table: Disclosure, key: str, row, months) -> None:
    """A row's quarters and year, each the sum of its months (quarters of the year)."""
    for period, covered in periods(months).items():
        parts = [(key, row, m) for m in covered]
        if len(covered) == 12:
            parts = [(key, row, q) for q in periods(months) if q != period]
        table.add((key, row, period), sum(table.values[p] for p in parts), step=covered[-1])
        table.relate((key, row, period), parts)


def grid(table: Disclosure, key: str, rows, months, values: dict, flow=True, **kw) -> Figure:
    """Rows (circles, kinds, ...) x months, with quarters and the year per row (flows only),
    and the total over the rows of each column.

    Every total is tied to its parts in the table, so that differences are protected too.
    Columns that are not months (vetting statuses, ...) get one total per row instead.
    """
    by_time = kw.get("columns_are", "month") == "month"
    columns = [*months, ALL]  # kinds (statuses, ...) and their total
    if by_time:
        columns = [*months, *periods(months)] if flow else list(months)
    for r in rows:
        for m in months:
            step = step_of(m, months) if by_time else None
            table.add((key, r, m), values.get((r, m), 0), step=step)
        if flow and by_time:
            add_periods(table, key, r, months)
        elif flow:
            table.add((key, r, ALL), sum(values.get((r, m), 0) for m in months))
            table.relate((key, r, ALL), [(key, r, m) for m in months])
    for c in columns:
        step = step_of(c, months) if by_time else None
        table.add((key, ALL, c), sum(table.values[(key, r, c)] for r in rows), step=step)
        table.relate((key, ALL, c), [(key, r, c) for r in rows])
    if flow and by_time:
        for period, covered in periods(months).items():
            parts = list(covered) if len(covered) < 12 else list(periods(months))[:-1]
            table.relate((key, ALL, period), [(key, ALL, p) for p in parts])
    elif flow:
        table.relate((key, ALL, ALL), [(key, ALL, m) for m in months])
    return Figure(key, [*rows, ALL], columns, **kw)


def margins(table: Disclosure, key: str, rows, months, values: dict) -> list[Figure]:
    """Only the totals of a rows x months grid: each row's over quarters and the year, each
    month's over the rows. For figures whose single cells would nearly all be under 5 anyway."""
    spans = periods(months)
    for m in months:
        table.add((key, ALL, m), sum(values.get((r, m), 0) for r in rows), step=m)
    for period, covered in spans.items():
        for r in [*rows, ALL]:
            table.add(
                (key, r, period),
                sum(values.get((r, m), 0) for m in covered)
                if r != ALL
                else sum(table.values[(key, ALL, m)] for m in covered),
                step=covered[-1],
            )
        table.relate((key, ALL, period), [(key, r, period) for r in rows])
        table.relate((key, ALL, period), [(key, ALL, m) for m in covered])
        if len(covered) == 12:
            for r in rows:
                table.relate((key, r, period), [(key, r, q) for q in spans if q != period])
    return [
        Figure(f"{key}_by_month", [ALL], [*months, *spans], cell_figure=key),
        Figure(f"{key}_by_circle", [*rows, ALL], list(spans), chart="bar", cell_figure=key),
    ]
