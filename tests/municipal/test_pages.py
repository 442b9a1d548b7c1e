"""A municipal staff member signs in on the staff page and sees charts, tables and CSV links."""

import re

from circles.core.models import AuditEntry
from circles.extensions import db
from tests.factories import PASSWORD, make_circle, make_member, make_municipality, make_staff
from tests.municipal.test_stats import PERIOD, build_aarhus


def sign_in(client, user, next_path="/"):
    page = client.get("/staff/login").get_data(True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return client.post(
        "/staff/login",
        query_string={"next": next_path},
        data={"email": user.email, "password": PASSWORD, "csrf_token": token},
    )


def test_staff_sign_in_and_see_charts_with_small_numbers_hidden(app, make_client, client):
    municipality, big, small, _ = build_aarhus(make_client, 3)
    url = f"/staff/municipalities/{municipality.id}{PERIOD}"
    first = client.get(url)
    assert first.status_code == 302 and "/staff/login" in first.headers["Location"]
    signed = sign_in(client, make_staff(municipality), url)
    assert signed.status_code == 302 and signed.headers["Location"] == url
    page = client.get(url)
    assert page.status_code == 200
    html = page.get_data(True)
    assert html.count('<svg viewBox="0 0 360 300" role="img"') >= 5
    assert '<title id="chart-new_members-title">' in html and "<desc" in html
    assert "<caption>Nye medlemmer</caption>" in html
    assert 'class="hidden-cell">under 5</td>' in html  # Risskov's 3 in March
    assert "Risskov" in html and "Secretname" not in html
    assert f"/api/v1/municipalities/{municipality.id}/stats/new_members.csv" in html
    assert 'type="month" value="2026-02"' in html
    actions = [e.action for e in db.session.query(AuditEntry)]
    assert actions == ["stats.viewed_page"]


def test_staff_read_the_months_and_the_period_in_words_in_their_language(make_client, client):
    municipality, *_ = build_aarhus(make_client, 3)
    url = f"/staff/municipalities/{municipality.id}{PERIOD}"
    anne = make_staff(municipality, language="da")
    sign_in(client, anne, url)
    html = client.get(url).get_data(True)
    assert "Viser februar 2026 til marts 2026." in html
    assert '<th scope="col">februar 2026</th>' in html and ">marts 2026</text>" in html
    assert '<th scope="col">2026-02</th>' not in html
    anne.language = "en"
    db.session.commit()
    html = client.get(url).get_data(True)
    assert "Showing February 2026 to March 2026." in html
    assert '<th scope="col">February 2026</th>' in html and ">March 2026</text>" in html


def test_a_wrong_password_or_token_does_not_sign_in(client, ctx):
    municipality = make_municipality()
    staff = make_staff(municipality)
    bad = client.post("/staff/login", data={"email": staff.email, "password": PASSWORD})
    assert bad.status_code == 401


def test_others_are_turned_away(make_client, ctx):
    municipality = make_municipality("Aarhus")
    url = f"/staff/municipalities/{municipality.id}"
    member = make_client(make_member(make_circle(municipality=municipality)))
    elsewhere = make_client(make_staff(make_municipality("Odense")))
    assert member.get(url).status_code == 403
    assert elsewhere.get(url).status_code == 403
    assert elsewhere.get("/staff/municipalities/999").status_code == 404
    assert elsewhere.get(f"/staff/municipalities/{municipality.id}?from=soon").status_code == 422


def test_staff_find_the_way_back_to_the_app_and_sign_out(make_client, client):
    municipality, _, _, _ = build_aarhus(make_client, 3)
    url = f"/staff/municipalities/{municipality.id}{PERIOD}"
    sign_in(client, make_staff(municipality), url)
    html = client.get(url).get_data(True)
    assert '<a href="/">Til appen</a>' in html
    assert "Skjult" in html and "når måneden er slut" in html  # why a cell is hidden
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    assert client.post("/staff/logout", data={"csrf_token": "wrong"}).status_code == 302
    assert client.get(url).status_code == 200  # a forged sign-out does nothing
    signed_out = client.post("/staff/logout", data={"csrf_token": token})
    assert signed_out.status_code == 302 and "/staff/login" in signed_out.headers["Location"]
    assert client.get(url).status_code == 302
