"""Importing an organizer's member list from a spreadsheet saved as CSV: all rows or none.

The preview runs every row through the same rules as registering one caller at the desk
(desk.new_member), without writing anything, so it finds exactly what the import would refuse,
duplicates within the file included; the import is the same pass, then one save.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from marshmallow import ValidationError

from circles.accounts.models import User
from circles.core import audit, validation
from circles.core.errors import Invalid, ServiceError
from circles.core.i18n import current_language, translate
from circles.core.spreadsheet import looks_like_formula
from circles.membership import circles
from circles.organizing import desk

# A member list of a few thousand lines; the API and the import page refuse bigger files.
MAX_FILE_BYTES = 1_000_000

MAX_ROWS = 2000
# Column names organizers use, in Danish and English, and what each means here.
HEADERS = {
    "name": "name", "navn": "name", "fulde navn": "name",
    "phone": "phone", "telefon": "phone", "tlf": "phone", "tlf.": "phone", "mobil": "phone",
    "email": "email", "e-mail": "email", "mail": "email",
    "birth_date": "birth_date", "birth date": "birth_date", "fødselsdato": "birth_date",
    "født": "birth_date",
    "address": "address", "adresse": "address",
    "postcode": "postcode", "postnummer": "postcode", "postnr": "postcode", "postnr.": "postcode",
    "role": "role", "rolle": "role",
}  # fmt: skip
ROLES = {"member": "member", "medlem": "member", "helper": "helper", "hjælper": "helper"}
DAY_FIRST = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")
# A phone number written +45 86 12 34 56 starts with + but holds nothing a spreadsheet runs.
PLAIN_PHONE = re.compile(r"^\+[\d\s-]+$")


@dataclass
class Row:
    """One line of the file: what it says, and what is wrong with it."""

    line: int
    values: dict
    problems: list[str] = field(default_factory=list)


def decode(raw: bytes) -> str:
    """UTF-8 (with or without Excel's BOM), else Windows-1252 as older Danish Excel writes."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def read(raw: bytes) -> tuple[list[str], list[Row]]:
    """The file's columns and rows; a file that cannot be read is refused as a whole."""
    text = decode(raw)
    if not text.strip():
        raise Invalid("import.empty", field="file")
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    columns = [c.strip().lower() for c in next(reader)]
    unknown = [c for c in columns if c and c not in HEADERS]
    if unknown:
        raise Invalid("import.unknown_columns", field="file", columns=", ".join(unknown))
    if "name" not in {HEADERS.get(c) for c in columns}:
        raise Invalid("import.name_column_missing", field="file")
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines between blocks of a spreadsheet
        values = {HEADERS[c]: v.strip() for c, v in zip(columns, cells, strict=False) if c}
        row = Row(number, values)
        if len(cells) > len(columns):
            row.problems.append(translate("import.too_many_cells"))
        row.problems += formula_problems(columns, cells)
        rows.append(row)
    if len(rows) > MAX_ROWS:
        raise Invalid("import.too_many_rows", field="file", most=MAX_ROWS)
    return columns, rows


def formula_problems(columns: list[str], cells: list[str]) -> list[str]:
    """A problem for each cell a spreadsheet could run as a formula (=, +, -, @, tab, CR first).

    The raw cell is checked, before stripping, because a leading tab can hide a formula."""
    found = []
    for column, value in zip(columns, cells, strict=False):
        if HEADERS.get(column) == "phone" and PLAIN_PHONE.match(value.strip()):
            continue
        if looks_like_formula(value) or looks_like_formula(value.strip()):
            start = repr(value.lstrip(" ")[:1]) if value.strip() else repr(value[:1])
            found.append(translate("import.formula", column=column, start=start))
    return found


def fields_of(row: Row) -> dict:
    """The row as registration fields: Danish dates and roles understood, blanks left out."""
    values = {k: v for k, v in row.values.items() if v}
    found = DAY_FIRST.match(values.get("birth_date", ""))
    if found:
        day, month, year = found.groups()
        values["birth_date"] = f"{year}-{int(month):02d}-{int(day):02d}"
    if "role" in values:
        role = ROLES.get(values["role"].lower())
        if role is None:
            row.problems.append(translate("import.unknown_role", role=values["role"]))
        values["role"] = role or "member"
    return values


def check(organizer: User, circle_id: int, raw: bytes, load, today: date, save=False):
    """Every row with its problems; with save, and no problems anywhere, the members are added.

    load turns a row's fields into registration data (the API's schema) or raises
    ValidationError with messages per field. One pass over the file: the numbers and emails
    in use are read once (desk.Taken), each row is checked in memory against them, and the
    import saves the members that this same pass built, in one flush.
    """
    circle = circles.organized_circle(organizer, circle_id)
    _, rows = read(raw)
    taken = desk.taken_in(circle, [row.values.get("email") for row in rows])
    joined = []
    for row in rows:
        values = fields_of(row)
        role = values.pop("role", "member")
        try:
            data = load(values)
            joined.append(desk.new_member(circle, {**data, "role": role}, today, taken=taken))
        except ValidationError as error:
            row.problems += validation.flat(error.messages, current_language())
        except ServiceError as error:
            row.problems.append(translate(error.key, **error.params))
    ok = bool(rows) and not any(row.problems for row in rows)
    if save and ok:
        desk.save_members(organizer, circle, joined)
        audit.record(organizer, "members.imported", circle_id=circle.id, count=len(rows))
    return rows
