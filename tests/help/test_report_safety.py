"""A member who reports someone is kept apart from them until an organizer has looked at it."""

import pytest

from tests.factories import HOME, make_circle, make_member, make_offer, make_request, near


@pytest.fixture
def street(ctx):
    """Karen, and Poul 300 m away who offers lifts and once would not leave her alone."""
    circle = make_circle()
    karen = make_member(circle, name="Karen Jensen", postcode="8200")
    poul = make_member(circle, name="Poul Nielsen", home=near(HOME, 300))
    soren = make_member(circle, name="Søren Østergård", home=near(HOME, 700))
    organizer = make_member(circle, role="organizer", name="Mette Madsen", home=near(HOME, 5000))
    for helper in (poul, soren):
        make_offer(helper, "transport")
    return {"circle": circle, "karen": karen, "poul": poul, "soren": soren, "organizer": organizer}


def suggested(client, request) -> list[str]:
    answer = client.get(f"/api/v1/requests/{request.id}/suggestions")
    assert answer.status_code == 200, answer.get_json()
    return [s["first_name"] for s in answer.get_json()]


def nearby(client) -> list[int]:
    return [r["id"] for r in client.get("/api/v1/requests?near=1").get_json()]


def test_karen_is_not_suggested_poul_after_reporting_him_until_it_is_handled(street, make_client):
    karen, poul = make_client(street["karen"]), make_client(street["poul"])
    lift = make_request(street["karen"], street["circle"], category="transport")
    pouls_garden = make_request(street["poul"], street["circle"], category="garden")
    assert suggested(karen, lift) == ["Poul", "Søren"]
    report = karen.post(
        "/api/v1/reports",
        json={"reported_user_id": street["poul"].id, "reason": "unwanted_contact"},
    )
    assert report.status_code == 201

    assert suggested(karen, lift) == ["Søren"]
    assert pouls_garden.id not in nearby(karen)
    assert lift.id not in nearby(poul)  # nor does Poul see, or volunteer for, Karen's requests
    assert poul.post("/api/v1/matches", json={"request_id": lift.id}).status_code == 404
    invited = karen.post(
        "/api/v1/matches", json={"request_id": lift.id, "helper_id": street["poul"].id}
    )
    assert invited.status_code == 422

    handled = make_client(street["organizer"]).post(
        f"/api/v1/reports/{report.get_json()['id']}/handle",
        json={"outcome": "warned", "note": "Poul er talt med og lader Karen være."},
    )
    assert handled.status_code == 200, handled.get_json()
    assert suggested(karen, lift) == ["Poul", "Søren"]
    assert pouls_garden.id in nearby(karen)
