"""A finished year is read from its kept months: the same few statements however busy it was.
Months not kept yet are counted in one pass, the same GROUP BYs for one month or twelve (on
PostgreSQL the month is grouped by in SQL, not picked by a CASE per month)."""

from datetime import UTC, date, datetime

from circles.extensions import db
from circles.municipal import dashboard
from tests.factories import make_admin, make_circle, make_members_joined, make_municipality

BUDGET = 24  # counting months not kept yet: one GROUP BY per figure, and the insert
KEPT = 3  # a kept year: the circles, the kept months, and nothing else


def municipality_with(name: str, circles: int, members_a_month: int):
    """A municipality whose circles gained members_a_month members each month of 2025."""
    municipality = make_municipality(name)
    for number in range(circles):
        circle = make_circle(f"{name} {number}", municipality=municipality)
        for month in range(1, 13):
            joined = datetime(2025, month, 10, 12, tzinfo=UTC)
            make_members_joined(circle, joined, members_a_month)
    return municipality


def test_a_kept_year_costs_the_same_few_statements_however_busy_it_was(ctx, statements):
    quiet = municipality_with("Aarhus", circles=2, members_a_month=1)
    busy = municipality_with("Odense", circles=6, members_a_month=7)
    admin = make_admin()
    sent = []
    for municipality in (quiet, busy):
        # The first to look in January counts 2025 and keeps it; everyone after reads it.
        dashboard.build(admin, municipality.id, date(2025, 1, 1), today=date(2026, 1, 5))
        with statements() as again:
            dashboard.build(admin, municipality.id, date(2025, 1, 1), today=date(2026, 1, 5))
        sent.append(len(again))
    assert sent[0] == sent[1] <= KEPT, sent


def test_counting_a_year_not_kept_costs_what_counting_a_month_costs(ctx, statements):
    admin = make_admin()
    january, whole_year = (municipality_with(name, 2, 6) for name in ("Aarhus", "Odense"))
    dashboard.build(admin, make_municipality("Vejle").id, today=date(2025, 2, 10))  # the people
    with statements() as one_month:
        dashboard.build(admin, january.id, today=date(2025, 2, 10))  # January only
    with statements() as twelve_months:
        dashboard.build(admin, whole_year.id, date(2025, 1, 1), today=date(2026, 1, 5))
    assert len(twelve_months) == len(one_month) <= BUDGET, (len(one_month), len(twelve_months))
    if db.engine.dialect.name == "postgresql":
        # the same queries whatever the months: no branch per month (the insert has a row each)
        queries = [
            [s for s in sent if s.startswith("SELECT")] for sent in (one_month, twelve_months)
        ]
        growth = sum(map(len, queries[1])) - sum(map(len, queries[0]))
        assert growth <= 50, growth
