"""CSV cells that a spreadsheet will not run as formulas (CSV or "formula" injection).

Excel, LibreOffice and Google Sheets treat a cell starting with =, +, - or @ as a formula, and a
leading tab or carriage return can hide one; =HYPERLINK(...) in a name would become a link that
leaks data or runs a command on the organizer's or staff member's computer. Every CSV the
service writes goes through safe_row; the member import refuses such cells (see looks_like_formula).
"""

import csv
import io

from babel.numbers import format_decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: str) -> bool:
    """True for text a spreadsheet could run as a formula."""
    return value.startswith(FORMULA_STARTS)


def neutralise(value):
    """A cell as written: text that could be a formula gets a leading ' so it stays text.

    Numbers are left alone: they are the service's own and never formulas."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def safe_row(values) -> list:
    """A row of cells, each neutralised."""
    return [neutralise(v) for v in values]


def to_csv(rows) -> str:
    """Rows of cells as CSV text, every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(safe_row(row))
    return out.getvalue()


# Danish Excel splits a CSV on semicolons and reads "7,72" as a number; without a byte-order
# mark it takes UTF-8 for Windows-1252 and "Ærø" turns to "Ã†rÃ¸".
EXCEL_SEPARATOR = {"da": ";"}
BOM = "\ufeff"


def excel_cell(value, language: str):
    """A cell as that language's Excel reads it: decimal comma in Danish, text neutralised."""
    if isinstance(value, float):
        return format_decimal(value, locale=language, group_separator=False)
    return neutralise(value)


def excel_csv(rows, language: str) -> str:
    """Rows as a CSV that Excel in that language opens in columns: a BOM, then semicolons
    and decimal commas for Danish, commas and decimal points otherwise."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=EXCEL_SEPARATOR.get(language, ","), lineterminator="\r\n")
    for row in rows:
        writer.writerow([excel_cell(v, language) for v in row])
    return BOM + out.getvalue()
