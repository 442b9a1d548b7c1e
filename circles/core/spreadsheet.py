"""CSV cells that a spreadsheet will not run as formulas (CSV or "formula" injection).

Excel, LibreOffice and Google Sheets treat a cell starting with =, +, - or @ as a formula, and a
leading tab or carriage return can hide one; =HYPERLINK(...) in a name would become a link that
leaks data or runs a command on the organizer's or staff member's computer. Every CSV the
service writes goes through safe_row; the member import refuses such cells (see looks_like_formula).

The dialect is Excel's for the reader's language: a UTF-8 byte order mark (without it Excel reads
UTF-8 as Windows-1252, and "Trøjborg" comes out garbled), and in Danish semicolons between cells
and a decimal comma, as Danish Excel expects (with commas it puts a whole row in one column).
"""

import csv
import io
from numbers import Number

from babel.numbers import format_decimal

BOM = "\ufeff"
SEPARATORS = {"da": ";"}  # languages whose spreadsheets use the comma for decimals

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


def number(value, language: str):
    """A number as the language writes it: 5,95 in Danish, 5.95 in English (no grouping)."""
    if isinstance(value, bool) or not isinstance(value, Number) or isinstance(value, int):
        return value
    return format_decimal(value, format="0.##########", locale=language)


def to_csv(rows, language: str | None = None) -> str:
    """Rows of cells as CSV text, every cell neutralised; with a language, in the dialect its
    Excel opens (byte order mark, and in Danish semicolons and decimal commas)."""
    out = io.StringIO()
    if language is None:
        writer = csv.writer(out)
    else:
        out.write(BOM)
        writer = csv.writer(out, delimiter=SEPARATORS.get(language, ","))
    for row in rows:
        cells = safe_row(row)
        if language is not None:
            cells = [number(c, language) for c in cells]
        writer.writerow(cells)
    return out.getvalue()
