"""Organizers say where a member lives (an address or a point) and where their circle reaches."""

import re

import pytest

from circles.accounts import services as accounts
from circles.core.models import AuditEntry
from circles.extensions import db
from tests.accounts.test_address import nominatim  # noqa: F401 (the local geocoder server)
from tests.factories import make_circle, make_member

TORDENSKJOLDSGADE = {"latitude": 56.1712, "longitude": 10.2069}


@pytest.fixture
def trojborg(ctx):
    """Mette organizes Trøjborg; Inger phoned in and gave only her postcode."""
    circle = make_circle("Trøjborg")
    mette = make_member(circle, role="organizer", name="Mette Organizer")
    inger = make_member(circle, name="Inger Holm", home=None)
    accounts.place_home(inger, postcode="8000")
    db.session.commit()
    return circle, mette, inger


def home_url(circle, person):
    return f"/api/v1/circles/{circle.id}/members/{person.id}/home"


def test_mette_puts_ingers_home_on_the_map_and_keeps_her_postcode(make_client, trojborg):
    circle, mette, inger = trojborg
    response = make_client(mette).put(home_url(circle, inger), json=TORDENSKJOLDSGADE)
    assert response.status_code == 200, response.get_json()
    card = response.get_json()
    assert card["location_source"] == "map" and card["postcode"] == "8000"
    db.session.refresh(inger)
    assert (inger.latitude, inger.longitude) == (56.1712, 10.2069)
    assert inger.knows_exact_place
    assert db.session.query(AuditEntry).filter_by(action="member.located").count() == 1


def test_mette_gives_ingers_street_and_the_geocoder_finds_it(make_client, trojborg, nominatim):  # noqa: F811
    circle, mette, inger = trojborg
    body = {"address": "Trøjborgvej 1, 8200 Aarhus N"}
    response = make_client(mette).put(home_url(circle, inger), json=body)
    assert response.status_code == 200
    assert response.get_json()["location_source"] == "address"
    assert response.get_json()["address"] == "Trøjborgvej 1, 8200 Aarhus N"
    db.session.refresh(inger)
    assert (inger.latitude, inger.longitude) == (56.1735, 10.2102)


def test_an_address_needs_a_geocoder_and_says_to_use_a_point(make_client, trojborg):
    circle, mette, inger = trojborg
    response = make_client(mette).put(home_url(circle, inger), json={"address": "Trøjborgvej 1"})
    assert response.status_code == 422
    assert response.get_json()["key"] == "desk.no_geocoder"
    db.session.refresh(inger)
    assert inger.location_source == "postcode"


@pytest.mark.parametrize(
    "body",
    [{}, {"latitude": 56.17}, {"latitude": 56.17, "longitude": 10.2, "address": "Vej 1"},
     {"latitude": 91, "longitude": 10.2}, {"address": "  "}],
)  # fmt: skip
def test_a_home_must_be_an_address_or_a_point(make_client, trojborg, body):
    circle, mette, inger = trojborg
    assert make_client(mette).put(home_url(circle, inger), json=body).status_code == 422


def test_only_the_circles_organizers_and_admins_place_a_member(make_client, client, trojborg):
    circle, mette, inger = trojborg
    other = make_circle("Risskov", centre=(56.1930, 10.2290), municipality=circle.municipality)
    lars = make_member(other, role="organizer", name="Lars Organizer")
    karen = make_member(circle, name="Karen Jensen")
    url = home_url(circle, inger)
    assert client.put(url, json=TORDENSKJOLDSGADE).status_code == 401
    assert make_client(karen).put(url, json=TORDENSKJOLDSGADE).status_code == 403
    assert make_client(lars).put(url, json=TORDENSKJOLDSGADE).status_code == 403
    stranger = make_member(other, name="Ude Person")
    missing = home_url(circle, stranger)
    assert make_client(mette).put(missing, json=TORDENSKJOLDSGADE).status_code == 404
    db.session.refresh(inger)
    assert inger.location_source == "postcode"


def post_form(client, page_url, action, **form):
    page = client.get(page_url).get_data(True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return client.post(action, data={"csrf_token": token, **form})


def test_on_the_pages_mette_sets_the_area_and_ingers_home(make_client, trojborg):
    circle, mette, inger = trojborg
    browser = make_client(mette)
    area_url = f"/organize/circles/{circle.id}/area"
    assert "Cirklens område" in browser.get(f"/organize/circles/{circle.id}").get_data(True)
    polygon = (
        '{"type": "Polygon", "coordinates": [[[10.19, 56.16], [10.23, 56.16], [10.23, 56.18],'
        " [10.19, 56.18], [10.19, 56.16]]]}"
    )
    saved = post_form(browser, area_url, area_url, postcodes="8000, 8200", polygon=polygon)
    assert saved.status_code == 302
    page = browser.get(area_url).get_data(True)
    assert "Cirklens område er gemt." in page and "8000 Aarhus C, 8200 Aarhus N" in page
    db.session.refresh(circle)
    assert circle.area_postcodes == ["8000", "8200"] and circle.area_polygon["type"] == "Polygon"
    broken = post_form(browser, area_url, area_url, postcodes="8000", polygon="{not json")
    assert broken.status_code == 422 and "Området kan ikke bruges" in broken.get_data(True)

    member_url = f"/organize/circles/{circle.id}/members/{inger.id}"
    assert "Vi kender kun postnummeret." in browser.get(member_url).get_data(True)
    placed = post_form(
        browser, member_url, f"{member_url}/home", latitude="56,1712", longitude="10,2069"
    )
    assert placed.status_code == 302, placed.get_data(True)[-600:]
    assert "Hjemmet er sat som et punkt af en arrangør." in browser.get(member_url).get_data(True)
