"""Mette runs her circle from the organizer pages on her phone: she can leave them, find a
name among many, read dates in Danish and open the figures in Danish Excel."""

import csv
import io
import re
from datetime import date

import pytest

from circles.organizing import calls
from tests.factories import make_circle, make_member

PAGES = ["", "/desk", "/members/new", "/today", "/calls", "/figures", "/helpers", "/reports",
         "/area", "/import", "/audit"]  # fmt: skip


DEC_1 = date(2026, 12, 1)


@pytest.fixture
def circle(ctx):
    return make_circle(name="Frederiksbjerg")


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_every_organizer_page_leads_back_to_the_app_and_signs_out(circle, make_client):
    mette = make_client(make_member(circle, role="organizer", name="Mette"))
    for path in PAGES:
        html = mette.get(f"/organize/circles/{circle.id}{path}").get_data(True)
        assert 'href="/#/"' in html and "Til appen" in html, path
        assert 'action="/organize/signout"' in html and "Log ud" in html, path
    html = mette.get(f"/organize/circles/{circle.id}").get_data(True)
    left = mette.post("/organize/signout", data={"csrf_token": csrf_of(html)})
    assert left.status_code == 302 and "/staff/login" in left.headers["Location"]
    again = mette.get(f"/organize/circles/{circle.id}")
    assert again.status_code == 302 and "/staff/login" in again.headers["Location"]


def test_a_forged_sign_out_signs_nobody_out(circle, make_client):
    mette = make_client(make_member(circle, role="organizer"))
    mette.post("/organize/signout", data={"csrf_token": "forged"})
    assert mette.get(f"/organize/circles/{circle.id}").status_code == 200


def test_the_member_chooser_is_in_phone_book_order_and_can_be_searched(circle, make_client):
    mette = make_client(make_member(circle, role="organizer", name="Mette Holm"))
    for name in ["Åse Berg", "Bent Ravn", "Øjvind Lund", "anna Dahl", "Ærbødig Ib", "Zenia Ko"]:
        make_member(circle, name=name)
    html = mette.get(f"/organize/circles/{circle.id}/calls").get_data(True)
    chooser = html.split('id="member_id"', 1)[1].split("</select>", 1)[0]
    names = re.findall(r"<option value=\"\d+\">([^<]+)</option>", chooser)
    assert names == ["anna Dahl", "Bent Ravn", "Mette Holm", "Zenia Ko", "Ærbødig Ib",
                     "Øjvind Lund", "Åse Berg"]  # fmt: skip
    assert 'type="search" class="chooser-search" data-for="member_id"' in html
    assert "chooser.js" in html
    audit = mette.get(f"/organize/circles/{circle.id}/audit").get_data(True)
    people = audit.split('id="member_id"', 1)[1].split("</select>", 1)[0]
    assert re.findall(r">([^<]+)</option>", people)[1:3] == ["anna Dahl", "Bent Ravn"]


def test_a_call_again_day_is_written_in_danish_words(circle, make_client):
    organizer = make_member(circle, role="organizer")
    karen = make_member(circle, name="Karen")
    call = {"member_id": karen.id, "direction": "out", "note": "Godt", "follow_up_on": DEC_1}
    calls.log(organizer, circle.id, call, today=date(2026, 11, 20))
    html = make_client(organizer).get(f"/organize/circles/{circle.id}/calls").get_data(True)
    assert "1. dec. 2026" in html and "2026-12-01" not in html


def test_the_figures_open_in_danish_excel_in_columns(circle, make_client):
    mette = make_client(make_member(circle, role="organizer"))
    page = mette.get(f"/organize/circles/{circle.id}/figures").get_data(True)
    assert f"/organize/circles/{circle.id}/figures.csv" in page
    answer = mette.get(f"/organize/circles/{circle.id}/figures.csv")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    assert answer.data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(answer.get_data(True).lstrip("\ufeff")), delimiter=";"))
    assert rows[0][0] == "Måned" and len(rows[0]) == 10
    assert rows[-1][0] == "I alt" and all(len(r) == 10 for r in rows)


def test_in_english_the_figures_are_comma_separated(circle, make_client):
    mette = make_client(make_member(circle, role="organizer", language="en"))
    answer = mette.get(f"/organize/circles/{circle.id}/figures.csv").get_data(True)
    assert answer.startswith("\ufeffMonth,")


def test_a_members_birthday_and_the_figures_months_are_in_danish_words(circle, make_client):
    mette = make_client(make_member(circle, role="organizer"))
    karen = make_member(circle, name="Karen", birth_date=date(1950, 6, 1))
    card = mette.get(f"/organize/circles/{circle.id}/members/{karen.id}").get_data(True)
    assert "1. jun. 1950" in card and "1950-06-01" not in card
    figures = mette.get(f"/organize/circles/{circle.id}/figures?from=2026-02&to=2026-03")
    html = figures.get_data(True)
    assert "feb. 2026" in html and ">2026-02<" not in html
