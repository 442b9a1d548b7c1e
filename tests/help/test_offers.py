"""Standing offers: my own to add, change and withdraw; nobody else's."""

import pytest

from circles.help.models import Offer
from tests.factories import make_circle, make_member, make_offer


@pytest.fixture
def two(ctx):
    circle = make_circle()
    return make_member(circle, name="Lars Holm"), make_member(circle, name="Karen Jensen")


def test_helper_keeps_standing_offers(two, make_client):
    lars, _ = two
    client = make_client(lars)
    offer = {"category": "repairs", "max_km": 3, "availability": ["tue_morning"]}
    created = client.post("/api/v1/offers", json=offer, headers={"Idempotency-Key": "o-1"})
    assert created.status_code == 201, created.get_json()
    again = client.post("/api/v1/offers", json=offer, headers={"Idempotency-Key": "o-1"})
    assert again.get_json()["id"] == created.get_json()["id"]
    offer_id = created.get_json()["id"]
    changed = client.patch(f"/api/v1/offers/{offer_id}", json={"active": False})
    assert changed.get_json()["active"] is False
    assert [o["id"] for o in client.get("/api/v1/offers").get_json()] == [offer_id]
    assert client.delete(f"/api/v1/offers/{offer_id}").status_code == 204
    assert Offer.query.count() == 0


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"category": "flying"}, "category"),
        ({"category": "garden", "max_km": 500}, "max_km"),
        ({"category": "garden", "availability": ["someday"]}, "availability"),
    ],
)
def test_bad_offers_name_the_field(two, make_client, payload, field):
    response = make_client(two[0]).post("/api/v1/offers", json=payload)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]["json"]


def test_nobody_changes_another_persons_offer(two, make_client):
    lars, karen = two
    offer = make_offer(lars)
    client = make_client(karen)
    assert client.patch(f"/api/v1/offers/{offer.id}", json={"max_km": 4}).status_code == 404
    assert client.delete(f"/api/v1/offers/{offer.id}").status_code == 404
    assert client.get("/api/v1/offers").get_json() == []
