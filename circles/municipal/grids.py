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
    by_month: bool = True  # months of the frame (cut to the asked ones) and the year's total

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

    def figure(self, key: str) -> Figure:
        """A figure by key."""
        return next(f for f in self.figures if f.key == key)

    def cell(self, key: tuple) -> tuple[float | None, str | None]:
        """(value, None) when shown, else (None, "fewer_than_5" or "hidden")."""
        if key in self.measures:
            value = self.measures[key]  # a mean or share over too few people: hidden
            return (value, None) if value is not None else (None, "hidden")
        table = next(t for t in self.tables if key in t.values)
        return table.value(key), table.label(key)


def grid(table: Disclosure, key: str, rows, months, values: dict, flow=True, **kw) -> Figure:
    """Rows (circles, kinds, ...) x months with totals per row (flows only) and per month.

    Every total is tied to its parts in the table, so that differences are protected too.
    """
    columns = [*months, ALL] if flow else list(months)
    for r in rows:
        for m in months:
            table.add((key, r, m), values.get((r, m), 0))
        if flow:
            table.add((key, r, ALL), sum(values.get((r, m), 0) for m in months))
            table.relate((key, r, ALL), [(key, r, m) for m in months])
    for m in columns:
        table.add((key, ALL, m), sum(table.values[(key, r, m)] for r in rows))
        table.relate((key, ALL, m), [(key, r, m) for r in rows])
    if flow:
        table.relate((key, ALL, ALL), [(key, ALL, m) for m in months])
    return Figure(key, [*rows, ALL], columns, **kw)


def margins(table: Disclosure, key: str, rows, months, values: dict) -> list[Figure]:
    """Only the totals of a rows x months grid: each row's over the period, each month's over
    the rows. For figures whose single cells would nearly all be under 5 anyway."""
    for r in rows:
        table.add((key, r, ALL), sum(values.get((r, m), 0) for m in months))
    for m in months:
        table.add((key, ALL, m), sum(values.get((r, m), 0) for r in rows))
    table.add((key, ALL, ALL), sum(values.values()))
    table.relate((key, ALL, ALL), [(key, r, ALL) for r in rows])
    table.relate((key, ALL, ALL), [(key, ALL, m) for m in months])
    return [
        Figure(f"{key}_by_month", [ALL], [*months, ALL], cell_figure=key),
        Figure(f"{key}_by_circle", [*rows, ALL], [ALL], chart="bar", cell_figure=key),
    ]
