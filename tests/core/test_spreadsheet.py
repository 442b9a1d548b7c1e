"""CSV files that Danish and English Excel open in columns, with numbers as numbers."""

import csv
import io

from circles.core.spreadsheet import to_csv

ROWS = [["Måned", "Medlemmer", "Timer til hjælp"], ["2026-11", 12, 7.72], ["Ærø", 3, 0.5]]


def cells(text: str, separator: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=separator))


def test_danish_excel_gets_semicolons_a_bom_and_decimal_commas():
    text = to_csv(ROWS, "da")
    assert text.startswith("\ufeff")
    assert cells(text, ";") == [
        ["Måned", "Medlemmer", "Timer til hjælp"],
        ["2026-11", "12", "7,72"],
        ["Ærø", "3", "0,5"],
    ]
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")


def test_english_excel_gets_commas_and_decimal_points_and_a_bom_too():
    text = to_csv(ROWS, "en")
    assert text.startswith("\ufeff")
    assert cells(text, ",")[1] == ["2026-11", "12", "7.72"]


def test_a_cell_that_looks_like_a_formula_stays_text():
    assert cells(to_csv([["=HYPERLINK(1)", 2.0]], "da"), ";") == [["'=HYPERLINK(1)", "2"]]
