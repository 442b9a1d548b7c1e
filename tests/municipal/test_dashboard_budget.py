"""The dashboard sends the same few statements for one month or twelve: each figure is one
GROUP BY, and on PostgreSQL the month is grouped by in SQL, not picked by a CASE per month."""

from datetime import UTC, date, datetime

from circles.extensions import db
from circles.municipal import dashboard
from tests.factories import make_admin, make_circle, make_members_joined, make_municipality

BUDGET = 20


def test_a_year_of_figures_costs_what_a_month_costs(ctx, statements):
    municipality = make_municipality("Aarhus")
    for name in ("Trøjborg", "Risskov"):
        circle = make_circle(name, municipality=municipality)
        make_members_joined(circle, datetime(2025, 3, 10, 12, tzinfo=UTC), 6)
    admin = make_admin()
    dashboard.build(admin, municipality.id, today=date(2025, 2, 10))  # the people, once
    with statements() as one_month:
        dashboard.build(admin, municipality.id, today=date(2025, 2, 10))  # January only
    with statements() as twelve_months:
        dashboard.build(admin, municipality.id, date(2025, 1, 1), today=date(2026, 1, 5))
    assert len(twelve_months) == len(one_month) <= BUDGET, (len(one_month), len(twelve_months))
    if db.engine.dialect.name == "postgresql":
        # the same SQL whatever the months: no branch per month
        growth = sum(map(len, twelve_months)) - sum(map(len, one_month))
        assert growth <= 50, growth
