"""A password guesser: every sign-in door draws on one budget, per address, per account."""

import pytest

from tests.conftest import ApiClient
from tests.factories import PASSWORD, make_user

WRONG = "not her password at all"


@pytest.fixture
def tight_limits(app):
    """Production-like budgets, small enough to reach in a test."""
    saved = {k: app.config[k] for k in ("CIRCLES_LOGIN_RATE_LIMIT", "CIRCLES_ACCOUNT_RATE_LIMIT")}
    app.config.update(
        CIRCLES_LOGIN_RATE_LIMIT="5 per minute", CIRCLES_ACCOUNT_RATE_LIMIT="8 per minute"
    )
    yield
    app.config.update(saved)


def from_address(app, address: str) -> ApiClient:
    client = ApiClient(app, app.response_class, use_cookies=True)
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_guesses_spread_over_every_sign_in_door_share_one_budget(app, ctx, tight_limits):
    karen = make_user()
    guesser = from_address(app, "203.0.113.7")
    wrong = {"email": karen.email, "password": WRONG}
    answers = [
        guesser.post("/api/v1/auth/login", json=wrong).status_code,
        guesser.post("/api/v1/auth/login", json=wrong).status_code,
        guesser.post("/api/v1/auth/tokens", json={**wrong, "name": "x"}).status_code,
        guesser.post("/api/v1/auth/tokens", json={**wrong, "name": "x"}).status_code,
        guesser.post("/api/v1/auth/card", json={"code": "guessed-card-code"}).status_code,
    ]
    assert answers[:4] == [401, 401, 401, 401] and answers[4] in {401, 404, 422}
    for door, body in [
        ("/api/v1/auth/login", {**wrong, "password": PASSWORD}),
        ("/api/v1/auth/tokens", {**wrong, "password": PASSWORD, "name": "x"}),
        ("/api/v1/auth/card", {"code": "guessed-card-code"}),
    ]:
        refused = guesser.post(door, json=body)
        assert refused.status_code == 429, (door, refused.get_json())
        assert int(refused.headers["Retry-After"]) > 0
    staff_form = guesser.post("/staff/login", data={"email": karen.email, "password": WRONG})
    assert staff_form.status_code == 429


def test_guesses_from_many_addresses_at_one_account_are_stopped(app, ctx, tight_limits):
    karen = make_user()
    wrong = {"email": karen.email.upper(), "password": WRONG}
    answers = [
        from_address(app, f"198.51.100.{n}").post("/api/v1/auth/login", json=wrong).status_code
        for n in range(10)
    ]
    assert answers == [401] * 8 + [429] * 2
    # Another account is not held up by the attack on Karen's.
    lars = make_user(name="Lars Holm")
    fresh = from_address(app, "198.51.100.99")
    login = {"email": lars.email, "password": PASSWORD}
    assert fresh.post("/api/v1/auth/login", json=login).status_code == 200


def test_only_a_refusal_for_too_many_tries_says_when_to_try_again(app, ctx):
    karen = make_user()
    client = from_address(app, "192.0.2.10")
    token = client.post(
        "/api/v1/auth/tokens", json={"email": karen.email, "password": PASSWORD, "name": "App"}
    )
    assert token.status_code == 201
    wrong = client.post("/api/v1/auth/login", json={"email": karen.email, "password": WRONG})
    assert wrong.status_code == 401
    for response in (token, wrong):
        assert "Retry-After" not in response.headers
        assert not any(name.lower().startswith("x-ratelimit") for name, _ in response.headers)
