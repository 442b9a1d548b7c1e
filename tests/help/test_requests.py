"""A member asks for help; helpers nearby see it; nobody else does."""

from datetime import UTC, datetime, timedelta

import pytest

from circles.core.models import AuditEntry
from circles.help.models import HelpRequest
from circles.notify.models import Notification
from tests.factories import (
    HOME,
    add_member,
    make_circle,
    make_match,
    make_member,
    make_offer,
    make_request,
    make_user,
    near,
)


@pytest.fixture
def trojborg(ctx):
    """Mette asks, Lars lives 600 m away and offers shopping; an organizer; an outsider."""
    circle = make_circle()
    people = {
        "mette": make_member(circle, name="Mette Hansen", home=HOME),
        "lars": make_member(circle, name="Lars Holm", home=near(HOME, 600)),
        "far": make_member(circle, name="Fjern Person", home=near(HOME, 4000)),
        "organizer": make_member(circle, role="organizer", name="Olga Organizer"),
        "outsider": make_member(make_circle("Risskov"), name="Ude Person"),
    }
    make_offer(people["lars"], "shopping")
    return circle, people


def tomorrow() -> str:
    return (datetime.now(UTC) + timedelta(days=1)).isoformat()


def test_member_posts_a_request_at_home_by_default(trojborg, make_client):
    circle, people = trojborg
    mette = make_client(people["mette"])
    response = mette.post(
        "/api/v1/requests",
        json={"category": "shopping", "description": "Mælk og kartofler", "needed_at": tomorrow()},
    )
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["status"] == "open"
    assert body["place"] == "home"
    assert body["circle_id"] == circle.id
    assert body["flexible"] is False
    assert "latitude" not in body and "longitude" not in body
    listed = mette.get("/api/v1/requests").get_json()
    assert [r["id"] for r in listed] == [body["id"]]


def test_flexible_request_has_no_time(trojborg, make_client):
    _, people = trojborg
    body = make_client(people["mette"]).post("/api/v1/requests", json={"category": "garden"})
    assert body.get_json()["flexible"] is True


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"category": "juggling"}, "category"),
        ({}, "category"),
        ({"category": "garden", "needed_at": "tomorrow"}, "needed_at"),
        ({"category": "garden", "needed_at": "2020-01-01T10:00:00+01:00"}, "needed_at"),
        ({"category": "garden", "description": "x" * 2001}, "description"),
    ],
)
def test_bad_requests_name_the_field(trojborg, make_client, payload, field):
    _, people = trojborg
    response = make_client(people["mette"]).post("/api/v1/requests", json=payload)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]["json"]


def test_a_retried_post_creates_one_request(trojborg, make_client):
    _, people = trojborg
    mette = make_client(people["mette"])
    headers = {"Idempotency-Key": "req-1"}
    first = mette.post("/api/v1/requests", json={"category": "garden"}, headers=headers)
    again = mette.post("/api/v1/requests", json={"category": "garden"}, headers=headers)
    assert first.get_json()["id"] == again.get_json()["id"]
    assert HelpRequest.query.count() == 1


def test_organizer_posts_for_a_member_and_it_is_logged(trojborg, make_client):
    _, people = trojborg
    organizer = make_client(people["organizer"])
    response = organizer.post(
        "/api/v1/requests", json={"category": "visit", "requester_id": people["mette"].id}
    )
    assert response.status_code == 201
    request = HelpRequest.query.one()
    assert (request.requester_id, request.created_by_id) == (
        people["mette"].id,
        people["organizer"].id,
    )
    assert AuditEntry.query.filter_by(action="request.posted").count() == 1
    lars = make_client(people["lars"])
    refused = lars.post(
        "/api/v1/requests", json={"category": "visit", "requester_id": people["mette"].id}
    )
    assert refused.status_code == 403


def test_helpers_see_open_requests_near_them_nearest_first(trojborg, make_client):
    circle, people = trojborg
    close = make_user(name="Nabo Tæt", home=near(HOME, 800))  # in Lars's grid square
    add_member(close, circle)
    farther = make_request(people["mette"], circle)
    nearest = make_request(close, circle, category="garden")
    make_request(people["far"], circle)  # 4.6 km from Lars: beyond his reach
    response = make_client(people["lars"]).get("/api/v1/requests?near=1")
    body = response.get_json()
    assert [r["id"] for r in body] == [nearest.id, farther.id]
    assert body[1]["distance_km"] == 0.6
    assert all("requester" not in r or r["requester"] is None for r in body)
    # On the map, each stands in the middle of its ~500 m square, never on the home itself.
    for shown, request in zip(body, (nearest, farther), strict=True):
        assert (shown["latitude"], shown["longitude"]) != (request.latitude, request.longitude)
        assert abs(shown["latitude"] - request.latitude) <= 0.0025
        assert abs(shown["longitude"] - request.longitude) <= 0.004


def test_blocked_people_do_not_see_each_others_requests(trojborg, make_client):
    circle, people = trojborg
    make_request(people["mette"], circle)
    mette, lars = make_client(people["mette"]), make_client(people["lars"])
    assert mette.post("/api/v1/blocks", json={"user_id": people["lars"].id}).status_code == 201
    assert lars.get("/api/v1/requests?near=1").get_json() == []


def test_nobody_else_sees_a_request(trojborg, make_client):
    circle, people = trojborg
    request = make_request(people["mette"], circle)
    for who in ("lars", "outsider"):
        assert make_client(people[who]).get(f"/api/v1/requests/{request.id}").status_code == 404
    assert make_client(people["organizer"]).get(f"/api/v1/requests/{request.id}").status_code == 200


def test_invited_helper_sees_the_request_but_not_who_until_agreed(trojborg, make_client):
    circle, people = trojborg
    request = make_request(people["mette"], circle)
    match = make_match(request, people["lars"])
    lars = make_client(people["lars"])
    body = lars.get(f"/api/v1/requests/{request.id}").get_json()
    assert body["requester"] is None
    assert body["distance_km"] == 0.6
    assert lars.post(f"/api/v1/matches/{match.id}/accept").status_code == 200
    body = lars.get(f"/api/v1/requests/{request.id}").get_json()
    assert body["requester"]["name"] == "Mette Hansen"


def test_requester_changes_and_cancels_a_request(trojborg, make_client):
    circle, people = trojborg
    request = make_request(people["mette"], circle)
    proposed = make_match(request, people["lars"])
    mette = make_client(people["mette"])
    changed = mette.patch(f"/api/v1/requests/{request.id}", json={"description": "Kun mælk"})
    assert changed.get_json()["description"] == "Kun mælk"
    cancelled = mette.patch(f"/api/v1/requests/{request.id}", json={"status": "cancelled"})
    assert cancelled.get_json()["status"] == "cancelled"
    assert mette.get(f"/api/v1/matches/{proposed.id}").get_json()["status"] == "cancelled"
    told = Notification.query.filter_by(user_id=people["lars"].id, kind="help.cancelled")
    assert told.count() == 1
    assert make_client(people["lars"]).get(f"/api/v1/requests/{request.id}").status_code == 404
    again = mette.patch(f"/api/v1/requests/{request.id}", json={"description": "igen"})
    assert again.status_code == 409


def test_matched_helper_may_not_change_the_request(trojborg, make_client):
    circle, people = trojborg
    request = make_request(people["mette"], circle)
    make_match(request, people["lars"], status="accepted")
    response = make_client(people["lars"]).patch(
        f"/api/v1/requests/{request.id}", json={"description": "x"}
    )
    assert response.status_code == 403


def test_suggestions_are_for_the_requester_and_organizers_only(trojborg, make_client):
    circle, people = trojborg
    request = make_request(people["mette"], circle)
    path = f"/api/v1/requests/{request.id}/suggestions"
    body = make_client(people["mette"]).get(path).get_json()
    assert body[0]["first_name"] == "Lars"
    assert "bor ca. 600 m væk" in body[0]["reasons"]
    assert make_client(people["organizer"]).get(path).status_code == 200
    assert make_client(people["outsider"]).get(path).status_code == 404
    make_match(request, people["lars"])
    assert make_client(people["lars"]).get(path).status_code == 403


def test_helpers_with_a_matching_offer_in_reach_hear_of_a_new_request(trojborg, make_client):
    _, people = trojborg
    make_offer(people["far"], "shopping")
    mette = make_client(people["mette"])
    mette.post("/api/v1/requests", json={"category": "shopping"})
    mette.post("/api/v1/requests", json={"category": "garden"})
    heard = Notification.query.filter_by(kind="help.nearby").all()
    assert [(n.user_id, n.params["km"]) for n in heard] == [(people["lars"].id, 0.6)]
