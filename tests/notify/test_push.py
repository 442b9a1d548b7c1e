"""Stories of a member letting a browser or phone get Web Push."""

import pytest

from circles.notify import push
from tests.factories import make_user
from tests.servers import Browser, unb64url

PHONE = "https://push.example.net/send/karens-phone"


def test_the_server_key_is_there_for_anyone_to_subscribe_with(client, app):
    key = client.get("/api/v1/push/key").get_json()["public_key"]
    assert key == push.public_key(app.config["CIRCLES_VAPID_PRIVATE_KEY"])
    assert len(unb64url(key)) == 65 and unb64url(key)[0] == 4


def test_karen_subscribes_her_phone_and_later_stops(make_client, ctx):
    karen = make_user()
    me = make_client(karen)
    created = me.post("/api/v1/push/subscriptions", json=Browser(PHONE).subscription())
    assert created.status_code == 201
    assert created.get_json()["endpoint"] == PHONE
    assert "keys" not in created.get_json()
    [listed] = me.get("/api/v1/push/subscriptions").get_json()
    assert listed["id"] == created.get_json()["id"]

    assert me.delete(f"/api/v1/push/subscriptions/{listed['id']}").status_code == 204
    assert me.get("/api/v1/push/subscriptions").get_json() == []


def test_the_same_phone_signed_in_by_someone_else_wakes_them_instead(make_client, ctx):
    karen, lars = make_user(), make_user(name="Lars")
    phone = Browser(PHONE).subscription()
    make_client(karen).post("/api/v1/push/subscriptions", json=phone)
    make_client(lars).post("/api/v1/push/subscriptions", json=phone)
    assert push.subscriptions(karen) == []
    assert [s.endpoint for s in push.subscriptions(lars)] == [PHONE]


def test_a_retried_subscription_is_stored_once(make_client, ctx):
    me = make_client(make_user())
    body, headers = Browser(PHONE).subscription(), {"Idempotency-Key": "sub-1"}
    first = me.post("/api/v1/push/subscriptions", json=body, headers=headers)
    again = me.post("/api/v1/push/subscriptions", json=body, headers=headers)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first.get_json()
    assert len(me.get("/api/v1/push/subscriptions").get_json()) == 1


def test_nobody_else_lists_or_removes_my_subscriptions(client, make_client, ctx):
    karen = make_user()
    mine = make_client(karen).post("/api/v1/push/subscriptions", json=Browser(PHONE).subscription())
    other = make_client(make_user(name="Other"))
    assert other.get("/api/v1/push/subscriptions").get_json() == []
    path = f"/api/v1/push/subscriptions/{mine.get_json()['id']}"
    assert other.delete(path).status_code == 404
    assert client.delete(path).status_code == 401
    assert client.post("/api/v1/push/subscriptions", json={}).status_code == 401
    assert len(push.subscriptions(karen)) == 1


def with_change(path: tuple[str, ...], value):
    """A browser's subscription with one part changed."""
    body = Browser(PHONE).subscription()
    target = body
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return body


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (with_change(("endpoint",), "http://push.example.net/plain"), "endpoint"),
        (with_change(("endpoint",), "not a url"), "endpoint"),
        (with_change(("keys", "p256dh"), "AAAA"), "keys"),
        (with_change(("keys", "p256dh"), "***"), "keys"),
        (with_change(("keys", "auth"), "c2hvcnQ"), "keys"),
        (with_change(("keys",), None), "keys"),
    ],
)
def test_a_bad_subscription_names_the_field(make_client, ctx, body, field):
    response = make_client(make_user()).post("/api/v1/push/subscriptions", json=body)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]["json"]
