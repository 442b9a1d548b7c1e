"""People known only by postcode: no distance is ever claimed for them, only their postcode.

8000's centre lies in the bay, kilometres from the streets of Aarhus C; "lives about 100 m
away" said from it would be a guess presented as a fact.
"""

import pytest

from circles.accounts import services as accounts
from circles.core import geo
from circles.extensions import db
from tests.factories import (
    HOME,
    make_circle,
    make_match,
    make_member,
    make_offer,
    make_request,
    near,
)

BAY = geo.postcode_place("8000")


def postcode_only(circle, name, postcode="8000"):
    """A member registered at the desk with nothing but a postcode."""
    person = make_member(circle, name=name, home=None)
    accounts.place_home(person, postcode=postcode)
    db.session.commit()
    return person


@pytest.fixture
def circle(ctx):
    return make_circle(radius_km=12, area_postcodes=["8000"])


def test_a_helper_known_by_postcode_is_suggested_with_their_postcode_not_a_distance(
    circle, make_client
):
    karen = make_member(circle, name="Karen Jensen", home=HOME)
    birthe = postcode_only(circle, "Birthe Lund")
    make_offer(birthe, "shopping", max_km=10)
    request = make_request(karen, circle, radius_km=10)
    found = make_client(karen).get(f"/api/v1/requests/{request.id}/suggestions").get_json()
    assert [s["first_name"] for s in found] == ["Birthe"]
    assert found[0]["distance_km"] is None
    assert found[0]["reasons"][0] == "bor i 8000 Aarhus C"
    assert not any(" m væk" in reason or " km væk" in reason for reason in found[0]["reasons"])


def test_a_requester_known_by_postcode_gets_no_distance_to_anyone(circle, make_client):
    birthe = postcode_only(circle, "Birthe Lund")
    jonas = make_member(circle, name="Jonas Berg", home=near((BAY.latitude, BAY.longitude), 100))
    jonas.postcode, jonas.place_name = "8000", "Aarhus C"
    make_offer(jonas, "shopping", max_km=5)
    db.session.commit()
    asked = make_client(birthe).post("/api/v1/requests", json={"category": "shopping"})
    assert asked.status_code == 201
    request_id = asked.get_json()["id"]
    found = make_client(birthe).get(f"/api/v1/requests/{request_id}/suggestions").get_json()
    assert found[0]["distance_km"] is None
    assert found[0]["reasons"][0] == "bor i 8000 Aarhus C"  # never "bor ca. 100 m væk"

    listed = make_client(jonas).get("/api/v1/requests?near=1").get_json()
    assert [(r["id"], r["distance_km"], r["area"]) for r in listed] == [
        (request_id, None, "8000 Aarhus C")
    ]
    assert "latitude" not in listed[0]  # a postcode's centre is put on no map
    heard = make_client(jonas).get("/api/v1/notifications").get_json()
    assert [n["text"] for n in heard] == ["En nabo i 8000 Aarhus C har brug for hjælp: Indkøb."]


def test_a_match_with_a_helper_known_by_postcode_shows_no_distance(circle, make_client):
    karen = make_member(circle, name="Karen Jensen", home=HOME)
    birthe = postcode_only(circle, "Birthe Lund")
    match = make_match(make_request(karen, circle, radius_km=10), birthe)
    for person in (karen, birthe):
        shown = make_client(person).get("/api/v1/matches").get_json()
        assert [(m["id"], m["distance_km"]) for m in shown] == [(match.id, None)]


def test_exact_homes_still_get_a_rounded_distance(circle, make_client):
    karen = make_member(circle, name="Karen Jensen", home=HOME)
    lars = make_member(circle, name="Lars Holm", home=near(HOME, 600))
    make_offer(lars, "shopping")
    request = make_request(karen, circle)
    found = make_client(karen).get(f"/api/v1/requests/{request.id}/suggestions").get_json()
    assert found[0]["distance_km"] == 0.6 and found[0]["reasons"][0] == "bor ca. 600 m væk"


def test_a_neighbour_known_by_postcode_is_suggested_though_the_postcodes_centre_is_far(
    circle, make_client
):
    karen = make_member(circle, name="Karen Jensen", home=HOME)
    karen.postcode, karen.place_name = "8000", "Aarhus C"
    birthe = postcode_only(circle, "Birthe Lund")  # centre 5 km out, beyond the first 2 km
    elsewhere = postcode_only(circle, "Poul Riis", postcode="8200")
    for helper in (birthe, elsewhere):
        make_offer(helper, "shopping", max_km=3)
    request = make_request(karen, circle, radius_km=2)
    found = make_client(karen).get(f"/api/v1/requests/{request.id}/suggestions").get_json()
    assert [(s["first_name"], s["distance_km"]) for s in found] == [("Birthe", None)]
    assert found[0]["reasons"][:2] == ["bor i 8000 Aarhus C", "tilbyder hjælp med: Indkøb"]


def test_a_requester_known_by_postcode_is_suggested_the_neighbours_in_that_postcode(
    circle, make_client
):
    birthe = postcode_only(circle, "Birthe Lund")
    lars = make_member(circle, name="Lars Holm", home=near(HOME, 600))
    lars.postcode, lars.place_name = "8000", "Aarhus C"
    make_offer(lars, "shopping")
    request = make_request(birthe, circle, radius_km=2)
    found = make_client(birthe).get(f"/api/v1/requests/{request.id}/suggestions").get_json()
    assert [(s["first_name"], s["distance_km"], s["reasons"][0]) for s in found] == [
        ("Lars", None, "bor i 8000 Aarhus C")
    ]


def test_neighbours_in_one_postcode_see_each_others_requests_when_a_home_is_only_its_centre(
    circle, make_client
):
    karen = make_member(circle, name="Karen Jensen", home=HOME)
    karen.postcode, karen.place_name = "8000", "Aarhus C"
    birthe = postcode_only(circle, "Birthe Lund")  # her centre is 5 km from Karen's street
    poul = postcode_only(circle, "Poul Riis", postcode="8200")
    karens = make_request(karen, circle, "shopping")
    birthes = make_request(birthe, circle, "garden")
    seen_by_birthe = make_client(birthe).get("/api/v1/requests?near=1").get_json()
    assert [(r["id"], r["distance_km"]) for r in seen_by_birthe] == [(karens.id, None)]
    seen_by_karen = make_client(karen).get("/api/v1/requests?near=1").get_json()
    assert [(r["id"], r["distance_km"], r["area"]) for r in seen_by_karen] == [
        (birthes.id, None, "8000 Aarhus C")
    ]
    assert make_client(poul).get("/api/v1/requests?near=1").get_json() == []
