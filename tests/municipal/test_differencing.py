"""Anne, municipal staff, tries to work out the small counts hidden on the dashboard by asking
for every period she may choose and combining the answers: totals of overlapping periods minus
each other, minus the months she can see. Every answer comes from one protected frame (the
calendar year), so all she can add up is what one protected table shows: she recovers nothing.
"""

from datetime import UTC, datetime, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.factories import make_circle, make_members_joined, make_municipality, make_staff

# New members per month in 2026: several months under 5, as in a small circle's quiet winter.
JOINED = {
    "Trøjborg": {1: 2, 2: 8, 3: 12, 4: 3, 5: 9, 6: 7},
    "Frederiksbjerg": {1: 6, 2: 1, 3: 7, 4: 11, 5: 4, 6: 6},
    "Risskov": {1: 9, 2: 5, 3: 3, 4: 8, 5: 6, 6: 2},
}
MONTHS = [f"2025-{m:02d}" for m in (10, 11, 12)] + [f"2026-{m:02d}" for m in range(1, 7)]


@pytest.fixture
def aarhus(ctx, make_client):
    municipality = make_municipality("Aarhus")
    for name, joined in JOINED.items():
        circle = make_circle(name, municipality=municipality)
        make_members_joined(circle, datetime(2025, 5, 1, 12, tzinfo=UTC), 10)
        for month, count in joined.items():
            make_members_joined(circle, datetime(2026, month, 10, 12, tzinfo=UTC), count)
    return municipality, make_client(make_staff(municipality))


def every_answer(municipality, staff) -> list[dict]:
    """The dashboard for every period Anne may choose between October 2025 and June 2026."""
    answers = []
    for i, first in enumerate(MONTHS):
        for last in MONTHS[i:]:
            url = f"/api/v1/municipalities/{municipality.id}/stats?from={first}&to={last}"
            response = staff.get(url)
            assert response.status_code in (200, 422), response.get_json()
            if response.status_code == 200:
                answers.append(response.get_json())
    return answers


def solve(equations: list[tuple[dict, int]]) -> dict:
    """The unknowns that a set of linear equations fixes, with their values (exact fractions)."""
    rows = []
    for terms, constant in equations:
        row = {k: Fraction(v) for k, v in terms.items()}
        row["="] = Fraction(constant)
        for pivot, other in rows:
            if pivot in row:
                factor = row[pivot]
                for k, v in other.items():
                    row[k] = row.get(k, 0) - factor * v
        row = {k: v for k, v in row.items() if v or k == "="}
        pivot = next((k for k in sorted(row, key=repr) if k != "="), None)
        if pivot is None:
            continue
        scale = row[pivot]
        row = {k: v / scale for k, v in row.items()}
        for i, (p, other) in enumerate(rows):
            if pivot in other:
                factor = other[pivot]
                rows[i] = (p, {k: other.get(k, 0) - factor * row.get(k, 0) for k in {*other, *row}})
                rows[i] = (p, {k: v for k, v in rows[i][1].items() if v or k == "="})
        rows.append((pivot, row))
    return {p: r["="] for p, r in rows if len([k for k in r if k != "="]) == 1}


def recovered_cells(answers: list[dict]) -> dict:
    """Every month's count Anne can work out from all answers together, that no answer showed."""
    equations, shown = {}, {}
    for body in answers:
        covered = body.get("total_months") or body["months"]
        for fig in body["figures"]:
            keys = [c["key"] for c in fig["columns"]]
            if not any(k in MONTHS for k in keys):
                continue  # not a figure by month
            for row in fig["rows"]:
                group = (fig["key"], row["key"])
                for key, cell in zip(keys, row["cells"], strict=True):
                    if isinstance(cell, dict):
                        continue
                    if key in MONTHS:
                        shown[(*group, key)] = cell
                        equations.setdefault(group, []).append(({key: 1}, cell))
                    elif key == "all" and fig["unit"] == "count":
                        equations.setdefault(group, []).append(({m: 1 for m in covered}, cell))
    found = {}
    for group, system in equations.items():
        for month, value in solve(system).items():
            if (*group, month) not in shown:
                found[(*group, month)] = value
    return found


def test_anne_recovers_no_hidden_count_from_any_combination_of_periods(aarhus):
    municipality, anne = aarhus
    answers = every_answer(municipality, anne)
    assert len(answers) >= 6
    recovered = recovered_cells(answers)
    some = list(recovered.items())[:3]
    assert recovered == {}, f"{len(recovered)} hidden cells worked out, e.g. {some}"


def test_the_same_cell_reads_the_same_in_every_answer(aarhus):
    municipality, anne = aarhus
    seen = {}
    for body in every_answer(municipality, anne):
        for fig in body["figures"]:
            for row in fig["rows"]:
                for column, cell in zip(fig["columns"], row["cells"], strict=True):
                    key = (fig["key"], row["key"], column["key"], column["label"])
                    value = "hidden" if isinstance(cell, dict) else cell
                    assert seen.setdefault(key, value) == value, key


# --- Across dates -------------------------------------------------------------------------------
# Anne keeps every answer she gets through the year, day after day, and subtracts this month's
# totals from last month's. A month's count is the same unknown in every answer given after the
# month has ended; a month still under way is a different unknown on each day she asks.

JOINED_2026 = {
    "Trøjborg": {1: 2, 2: 8, 3: 12, 4: 3, 5: 9, 6: 7, 7: 1, 8: 6, 9: 11, 10: 6, 11: 2, 12: 9},
    "Frederiksbjerg": {1: 6, 2: 1, 3: 7, 4: 11, 5: 4, 6: 6, 7: 8, 8: 3, 9: 5, 10: 7, 11: 9, 12: 3},
    "Risskov": {1: 9, 2: 5, 3: 3, 4: 8, 5: 6, 6: 2, 7: 6, 8: 10, 9: 4, 10: 5, 11: 7, 12: 6},
}
YEAR = [f"2026-{m:02d}" for m in range(1, 13)]
# Every week of the year, and the first days of the next one.
DAYS = [datetime(2026, 1, 2, 9, tzinfo=UTC) + timedelta(days=7 * w) for w in range(54)]


@pytest.fixture
def aarhus_through_the_year(ctx):
    municipality = make_municipality("Aarhus")
    for name, joined in JOINED_2026.items():
        circle = make_circle(name, municipality=municipality)
        make_members_joined(circle, datetime(2025, 5, 1, 12, tzinfo=UTC), 10)
        for month, count in joined.items():
            make_members_joined(circle, datetime(2026, month, 10, 12, tzinfo=UTC), count)
    return municipality, make_staff(municipality)


def month_ended(month: str, day: datetime) -> bool:
    """Whether the month was over (in Copenhagen) when Anne asked."""
    year, number = int(month[:4]), int(month[5:])
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=ZoneInfo("Europe/Copenhagen"))
    return day >= end


def answers_through_the_year(municipality, staff_member, make_client) -> list[tuple]:
    """(the day, the answer) for the default view and the whole of 2026, each week."""
    answers = []
    for day in DAYS:
        with time_machine.travel(day, tick=False):
            anne = make_client(staff_member)
            for query in ("", "?from=2026-01&to=2026-12"):
                response = anne.get(f"/api/v1/municipalities/{municipality.id}/stats{query}")
                if response.status_code == 422:  # in January, no month of 2026 is over yet
                    assert response.get_json()["key"] == "stats.not_over_yet"
                    assert day < datetime(2026, 2, 1, tzinfo=UTC)
                    continue
                assert response.status_code == 200, response.get_json()
                answers.append((day, response.get_json()))
    return answers


def recovered_across_dates(answers: list[tuple]) -> dict:
    """Every count of a 2026 month Anne can work out from all answers, that none showed."""
    equations, shown = {}, {}
    for day, body in answers:
        if body["months"][0][:4] != "2026":
            continue

        def unknown(month, day=day):
            return month if month_ended(month, day) else (month, day.date().isoformat())

        for fig in body["figures"]:
            if fig["unit"] != "count" or not any(c["key"] in YEAR for c in fig["columns"]):
                continue
            for row in fig["rows"]:
                group = (fig["key"], row["key"])
                for column, cell in zip(fig["columns"], row["cells"], strict=True):
                    if isinstance(cell, dict):
                        continue
                    covered = column.get("months") or (
                        [column["key"]] if column["key"] in YEAR else body["total_months"]
                    )
                    if len(covered) == 1:
                        shown[(*group, unknown(covered[0]))] = cell
                    terms = {unknown(m): 1 for m in covered}
                    equations.setdefault(group, []).append((terms, cell))
    found = {}
    for group, system in equations.items():
        for month, value in solve(system).items():
            if (*group, month) not in shown and value < 5:
                found[(*group, month)] = value
    return found


def test_anne_recovers_no_hidden_count_by_comparing_answers_through_the_year(
    aarhus_through_the_year, make_client
):
    municipality, staff_member = aarhus_through_the_year
    answers = answers_through_the_year(municipality, staff_member, make_client)
    recovered = recovered_across_dates(answers)
    some = sorted(recovered.items(), key=repr)[:4]
    assert recovered == {}, f"{len(recovered)} hidden counts worked out, e.g. {some}"
    # and she did see figures: most months' totals for the whole municipality
    final = answers[-1][1]
    new = next(f for f in final["figures"] if f["key"] == "new_members")
    everyone = next(r for r in new["rows"] if r["key"] == "all")
    assert sum(not isinstance(c, dict) for c in everyone["cells"]) >= 10
