"""The dashboard in words and numbers, for JSON, CSV and the staff page alike."""

from circles.core.i18n import current_language, translate
from circles.core.spreadsheet import to_csv
from circles.municipal.dashboard import ALL, Dashboard, Figure
from circles.municipal.grids import periods


def row_label(board: Dashboard, figure: Figure, row) -> str:
    """A circle's name, a kind of help, a time in membership, ... or the total."""
    if row == ALL:
        return translate("stats.all_circles" if figure.rows_are == "circle" else "stats.total")
    if figure.rows_are == "circle":
        return board.circles[row]
    return translate(f"{figure.rows_are}.{row}")


def period_label(period: str) -> str:
    """2026-03 as itself, 2026-Q1 as "1. kvartal 2026", 2026 as "I alt 2026"."""
    if "-Q" in period:
        return translate("stats.quarter", quarter=period[-1], year=period[:4])
    if len(period) == 4:
        return translate("stats.year_total", year=period)
    if period == "before":
        return translate("stats.before_year")
    return period


def column_label(board: Dashboard, figure: Figure, column) -> str:
    """A month as 2026-03, a quarter, the year's total, or a measure's name."""
    if column == ALL:
        return translate("stats.total")
    if figure.columns_are == "month":
        return period_label(column)
    return translate(f"{figure.columns_are}.{column}")


def months_of(board: Dashboard, column) -> list[str]:
    """The months a column of a figure by month adds up."""
    return list(periods(board.span.months).get(column, (column,)))


def columns_shown(board: Dashboard, figure: Figure) -> list:
    """A figure by month shows the months asked for, then the quarters and the year that are
    over, all cut from the one protected frame."""
    if figure.columns_are != "month" or not figure.by_month:
        return figure.columns
    return [c for c in figure.columns if c in board.shown_months or c not in board.span.months]


def column_json(board: Dashboard, figure: Figure, column) -> dict:
    """A column's key and name; for a time, the months it covers."""
    data = {"key": column, "label": column_label(board, figure, column)}
    if figure.columns_are == "month" and column != ALL:
        data["months"] = months_of(board, column)
    return data


def cell(board: Dashboard, figure: Figure, row, column, words: dict):
    """A number, or {"suppressed": true, "reason": ..., "label": ...} in the reader's words
    (words: the label of each reason)."""
    period = (figure.period,) if figure.period else ()
    value, reason = board.cell((figure.cells_key, row, column, *period))
    if reason is None:
        return value
    return {"suppressed": True, "reason": reason, "label": words[reason]}


def figure_json(board: Dashboard, figure: Figure) -> dict:
    """One figure: title, columns, rows of cells."""
    columns = columns_shown(board, figure)
    words = {reason: translate(f"stats.{reason}") for reason in ("fewer_than_5", "hidden")}
    return {
        "key": figure.key,
        "title": translate(f"stats.figure.{figure.key}"),
        "unit": figure.unit,
        "chart": figure.chart,
        "period": figure.period,
        "period_label": period_label(figure.period) if figure.period else None,
        "columns": [column_json(board, figure, c) for c in columns],
        "rows": [
            {
                "key": row,
                "label": row_label(board, figure, row),
                "cells": [cell(board, figure, row, c, words) for c in columns],
            }
            for row in figure.rows
        ],
    }


def present(board: Dashboard) -> dict:
    """The whole dashboard: aggregates only, never a person."""
    return {
        "municipality": {"id": board.municipality.id, "name": board.municipality.name},
        "from": board.shown_months[0],
        "to": board.shown_months[-1],
        "months": list(board.shown_months),
        "total_months": list(board.span.months),
        "circles": [{"id": i, "name": name} for i, name in board.circles.items()],
        "figures": [figure_json(board, f) for f in board.figures],
    }


def figure_csv(board: Dashboard, figure: Figure) -> str:
    """One figure as CSV, hidden cells in words, no cell a spreadsheet would run as a formula."""
    data = figure_json(board, figure)
    rows = [["", *[c["label"] for c in data["columns"]]]]
    for row in data["rows"]:
        values = [c["label"] if isinstance(c, dict) else c for c in row["cells"]]
        rows.append([row["label"], *values])
    return to_csv(rows, current_language())
