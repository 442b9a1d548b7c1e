"""The dashboard's figures of help and events: requests and what came of them, relationships,
event times, attendance, and proposals from dinner conversations."""

from circles.core.vocabulary import CATEGORIES
from circles.events.models import PROPOSAL_STATUSES
from circles.municipal import counts_help as activity
from circles.municipal.disclosure import Disclosure
from circles.municipal.frozen import Counts
from circles.municipal.grids import (
    ALL,
    MIN_PEOPLE,
    Dashboard,
    Figure,
    add_periods,
    grid,
    margins,
    periods,
)


def help_figures(board: Dashboard, counts: Counts) -> None:
    """Requests asked, matched and done (each within the one before), by kind, time to match."""
    ids, months = list(board.circles), board.span.months
    table = Disclosure()
    counted = counts.requests()
    board.figures.append(grid(table, "requests", ids, months, counted["asked"]))
    # Matched and done per circle *and* month would nearly all be hidden (the few not matched
    # are under 5), so they are shown per circle over the period and per month for all.
    for key, which in (("requests_matched", "matched"), ("requests_done", "done")):
        board.figures += margins(table, key, ids, months, counted[which])
    spans = periods(months)
    cells = [(row, p) for row in [*ids, ALL] for p in spans] + [(ALL, m) for m in months]
    for row, col in cells:
        asked, matched, done = (
            table.values[(k, row, col)] for k in ("requests", "requests_matched", "requests_done")
        )
        table.add(("unmatched", row, col), asked - matched, shown=False)
        table.relate(
            ("requests", row, col), [("requests_matched", row, col), ("unmatched", row, col)]
        )
        table.add(("not_done", row, col), matched - done, shown=False)
        table.relate(
            ("requests_matched", row, col), [("requests_done", row, col), ("not_done", row, col)]
        )
    by_kind = counts.pairs("requests_by_kind")
    kinds = [k for k in CATEGORIES]
    for kind in kinds:
        for m in months:
            table.add(("requests_by_kind", kind, m), by_kind.get((kind, m), 0), step=m)
        add_periods(table, "requests_by_kind", kind, months)
    for m in [*months, *spans]:
        table.relate(("requests", ALL, m), [("requests_by_kind", k, m) for k in kinds])
    board.figures.append(
        Figure("requests_by_kind", kinds, [*months, *spans], chart="bar", rows_are="category")
    )
    medians = activity.medians(counts.hours_to_match(), spans)
    for row in [*ids, ALL]:
        for col in [*months, *spans]:
            n, median = medians.get((row, col), (0, 0.0))
            board.measures[("median_hours", row, col)] = (
                round(median, 1) if n >= MIN_PEOPLE else None
            )
    board.figures.append(Figure("median_hours", [*ids, ALL], [*months, *spans], unit="hours"))
    board.tables.append(table)
    pairs = Disclosure()
    board.figures += margins(pairs, "relationships", ids, months, counts.pairs("relationships"))
    board.tables.append(pairs)


def event_figures(board: Dashboard, counts: Counts) -> None:
    """Event times with people booked, attendance, and proposals by status."""
    ids, months = list(board.circles), board.span.months
    for key in ("meetings", "attendance"):
        table = Disclosure()
        board.figures.append(grid(table, key, ids, months, counts.pairs(key)))
        board.tables.append(table)
    table = Disclosure()
    figure = grid(
        table,
        "proposals",
        list(PROPOSAL_STATUSES),
        months,
        counts.pairs("proposals"),
        rows_are="stats.proposal",
    )
    board.figures.append(figure)
    board.tables.append(table)
