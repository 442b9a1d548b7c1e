"""Anne, municipal staff, reads a finished month once and it reads the same ever after: its
counts are kept when it is first counted, so a member who leaves later, a circle founded later
or a second person asking at the same moment changes nothing she has seen."""

import threading
from datetime import UTC, date, datetime

import pytest
import time_machine
from sqlalchemy import func, select

from circles.db import transaction
from circles.extensions import db
from circles.jobs import all_jobs
from circles.membership import circles as membership
from circles.membership.models import Membership
from circles.municipal import dashboard
from circles.municipal.models import DashboardMonth
from tests.factories import make_circle, make_members_joined, make_municipality, make_staff
from tests.races import postgres_only

BEFORE = datetime(2024, 9, 1, 12, tzinfo=UTC)
LAST_YEAR = datetime(2025, 5, 1, 12, tzinfo=UTC)
SPRING = "2026-04-02 10:00Z"  # March is over
AUTUMN = "2026-11-03 10:00Z"  # October is over
QUARTER = "?from=2026-01&to=2026-03"
# New members each month from January 2025 to October 2026; Trøjborg gains 12 in March 2026.
EACH_MONTH = {"Trøjborg": 6, "Frederiksbjerg": 8}
MONTHS = [(2025, m) for m in range(1, 13)] + [(2026, m) for m in range(1, 11)]


def figure(body, key):
    return next(f for f in body["figures"] if f["key"] == key)


def cells(fig, row_key):
    row = next(r for r in fig["rows"] if r["key"] == row_key)
    return dict(zip([c["key"] for c in fig["columns"]], row["cells"], strict=True))


def look(make_client, staff, municipality, when, query=QUARTER) -> dict:
    """Anne signs in and opens the dashboard at the given time."""
    with time_machine.travel(when, tick=False):
        response = make_client(staff).get(f"/api/v1/municipalities/{municipality.id}/stats{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


@pytest.fixture
def aarhus(ctx):
    """Trøjborg and Frederiksbjerg: ten members each before 2025, and new ones every month."""
    municipality = make_municipality("Aarhus")
    circles = {name: make_circle(name, municipality=municipality) for name in EACH_MONTH}
    for name, circle in circles.items():
        make_members_joined(circle, BEFORE, 10)
        for year, month in MONTHS:
            if (name, year, month) != ("Trøjborg", 2026, 3):
                joined = datetime(year, month, 10, 12, tzinfo=UTC)
                make_members_joined(circle, joined, EACH_MONTH[name])
    march = make_members_joined(circles["Trøjborg"], datetime(2026, 3, 10, 12, tzinfo=UTC), 12)
    return municipality, circles["Trøjborg"], march, make_staff(municipality)


def test_anne_s_march_reads_the_same_after_a_member_who_joined_then_leaves(aarhus, make_client):
    municipality, trojborg, joined_in_march, anne = aarhus
    spring = look(make_client, anne, municipality, SPRING)
    assert cells(figure(spring, "new_members"), trojborg.id)["2026-03"] == 12
    # In October one of March's new members leaves Trøjborg.
    with time_machine.travel("2026-10-14 09:00Z", tick=False):
        membership.leave(joined_in_march[0], trojborg)
        db.session.commit()
    autumn = look(make_client, anne, municipality, AUTUMN)
    # March was kept when it was first counted: Anne's March reads the same.
    for key in ("new_members", "members", "active_members"):
        for row in figure(spring, key)["rows"]:
            seen, now = (cells(figure(body, key), row["key"]) for body in (spring, autumn))
            assert {c: now[c] for c in seen} == seen, (key, row["label"])
    kept = db.session.scalar(
        select(func.count()).where(DashboardMonth.municipality_id == municipality.id)
    )
    assert kept == 11  # December 2025 (the members before the year) and January to October


def test_the_year_starts_from_last_year_s_december_as_it_was_kept(aarhus, make_client):
    municipality, trojborg, _, anne = aarhus
    last_year = look(
        make_client, anne, municipality, "2026-01-05 10:00Z", "?from=2025-01&to=2025-12"
    )
    december = cells(figure(last_year, "members"), "all")["2025-12"]
    assert december == 20 + 12 * 14
    # In February Birthe, a member since 2024, leaves Trøjborg.
    since_2024 = select(Membership).where(
        Membership.circle_id == trojborg.id, Membership.created_at == BEFORE
    )
    birthe = db.session.scalars(since_2024).first().user
    with time_machine.travel("2026-02-14 09:00Z", tick=False):
        membership.leave(birthe, trojborg)
        db.session.commit()
    this_year = look(make_client, anne, municipality, SPRING)
    # This year starts from December as it was kept in January, not one lower: the "members
    # before" Anne knows are the ones she saw, and the year's frame never changes.
    assert cells(figure(this_year, "members"), "all")["2026-01"] == december + 14


def test_a_circle_founded_in_summer_counts_nothing_in_the_months_before(aarhus, make_client):
    municipality, _, _, anne = aarhus
    look(make_client, anne, municipality, SPRING)  # January to March are kept
    risskov = make_circle("Risskov", municipality=municipality)
    make_members_joined(risskov, datetime(2026, 6, 10, 12, tzinfo=UTC), 9)
    with time_machine.travel("2026-07-02 10:00Z", tick=False):
        board = dashboard.build(anne, municipality.id, date(2026, 1, 1), date(2026, 6, 1))
    table = next(t for t in board.tables if ("members", risskov.id, "2026-Q2") in t.values)
    months = [f"2026-{m:02d}" for m in range(1, 7)]
    assert [table.values[("new_members", risskov.id, m)] for m in months] == [0] * 5 + [9]
    assert table.values[("members", risskov.id, "before")] == 0
    assert table.values[("members", risskov.id, "2026-Q2")] == 9


def test_the_hourly_job_keeps_october_so_no_one_waits_for_it(aarhus, statements):
    municipality, _, _, anne = aarhus
    run = all_jobs()["dashboard_months"].run
    november = datetime(2026, 11, 1, 0, 30, tzinfo=UTC)  # half past one in Copenhagen
    with time_machine.travel(november, tick=False), transaction():
        assert run(november) == 11  # December 2025 to October 2026, all at once
    with time_machine.travel(november, tick=False), statements() as sent, transaction():
        assert run(november) == 0  # kept already: nothing counted again
    assert len(sent) <= 4, "\n".join(sent)
    with time_machine.travel(november, tick=False), statements() as sent:
        dashboard.build(anne, municipality.id)
    assert not [s for s in sent if "GROUP BY" in s], "\n".join(sent)


def test_two_staff_opening_a_new_month_at_once_both_see_it_and_it_is_kept_once(
    app, real_commits, make_client
):
    postgres_only(app)
    municipality = make_municipality("Aarhus")
    for name in ("Trøjborg", "Frederiksbjerg"):
        make_members_joined(make_circle(name, municipality=municipality), LAST_YEAR, 9)
    staff = [make_staff(municipality), make_staff(municipality, email="lise@aarhus.dk")]
    with time_machine.travel(SPRING, tick=False):
        anne, lise = (make_client(person) for person in staff)
        url = f"/api/v1/municipalities/{municipality.id}/stats{QUARTER}"
        answers = race_get([anne, lise], url)
    assert [a.status_code for a in answers] == [200, 200]
    assert answers[0].get_json()["figures"] == answers[1].get_json()["figures"]
    kept = db.session.execute(
        select(DashboardMonth.month, func.count()).group_by(DashboardMonth.month)
    ).all()
    assert sorted(kept) == [("2025-12", 1), ("2026-01", 1), ("2026-02", 1), ("2026-03", 1)]


def race_get(clients, url):
    """Each client asks at the same moment, from its own thread (and connection)."""
    start = threading.Barrier(len(clients))
    answers = [None] * len(clients)

    def ask(index):
        start.wait()
        answers[index] = clients[index].get(url)

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers
