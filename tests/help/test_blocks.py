"""Blocking: my own list of people I never want to see or be suggested."""

import pytest

from tests.factories import make_circle, make_member


@pytest.fixture
def two(ctx):
    circle = make_circle()
    return make_member(circle, name="Lars Holm"), make_member(circle, name="Karen Jensen")


def test_member_blocks_and_unblocks(two, make_client):
    lars, karen = two
    client = make_client(karen)
    assert client.post("/api/v1/blocks", json={"user_id": lars.id}).status_code == 201
    assert client.post("/api/v1/blocks", json={"user_id": lars.id}).status_code == 409
    assert [b["user_id"] for b in client.get("/api/v1/blocks").get_json()] == [lars.id]
    assert make_client(lars).get("/api/v1/blocks").get_json() == []
    assert make_client(lars).delete(f"/api/v1/blocks/{karen.id}").status_code == 404
    assert client.delete(f"/api/v1/blocks/{lars.id}").status_code == 204
    assert client.get("/api/v1/blocks").get_json() == []


@pytest.mark.parametrize("body", [{}, {"user_id": "x"}, {"user_id": 99999}])
def test_blocking_nobody_names_the_field(two, make_client, body):
    response = make_client(two[1]).post("/api/v1/blocks", json=body)
    assert response.status_code == 422
    assert "user_id" in response.get_json()["errors"]["json"]


def test_blocking_oneself_is_refused(two, make_client):
    karen = two[1]
    response = make_client(karen).post("/api/v1/blocks", json={"user_id": karen.id})
    assert response.status_code == 422
