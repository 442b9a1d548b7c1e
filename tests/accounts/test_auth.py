"""Stories of registering, signing in and out, and phone-app tokens."""

import pytest

from circles.accounts.models import User
from circles.extensions import db, limiter
from tests.conftest import FreshContextClient
from tests.factories import PASSWORD, make_user

KAREN = {
    "name": "Karen Jensen",
    "email": "karen@example.dk",
    "password": "correct horse battery",
    "birth_date": "1948-03-14",
    "postcode": "8000",
}


def test_a_person_registers_with_a_postcode_and_is_signed_in(client):
    response = client.post("/api/v1/auth/register", json=KAREN)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["name"] == "Karen Jensen"
    assert body["place_name"] == "Aarhus C"
    assert "password" not in body
    assert client.get("/api/v1/me").get_json()["email"] == "karen@example.dk"


def test_a_person_registers_with_coordinates_and_a_danish_name(client):
    data = {**KAREN, "name": "Søren Ærø Østergård 🌻", "latitude": 56.17, "longitude": 10.2}
    del data["postcode"]
    response = client.post("/api/v1/auth/register", json=data)
    assert response.status_code == 201
    assert response.get_json()["name"] == "Søren Ærø Østergård 🌻"


def test_the_password_is_kept_only_as_an_argon2_hash(client):
    client.post("/api/v1/auth/register", json=KAREN)
    stored = db.session.scalar(db.select(User.password_hash))
    assert stored.startswith("$argon2id$")
    assert KAREN["password"] not in stored


def test_the_language_comes_from_the_browser_when_not_given(client):
    response = client.post(
        "/api/v1/auth/register", json=KAREN, headers={"Accept-Language": "en-GB,en;q=0.9"}
    )
    assert response.get_json()["language"] == "en"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "x" * 10_000}, "name"),
        ({"name": "   "}, "name"),
        ({"name": 42}, "name"),
        ({"email": "not an email"}, "email"),
        ({"password": "short"}, "password"),
        ({"birth_date": "1899-12-31"}, "birth_date"),
        ({"birth_date": "2999-01-01"}, "birth_date"),
        ({"birth_date": "14/03/1948"}, "birth_date"),
        ({"postcode": "80000"}, "postcode"),
        ({"postcode": "0000"}, "postcode"),
        ({"language": "sv"}, "language"),
        ({"favourite_colour": "blue"}, "favourite_colour"),
        ({"postcode": None}, "postcode"),
        ({"latitude": 56.1}, "longitude"),
        ({"latitude": 91, "longitude": 10}, "latitude"),
    ],
)
def test_bad_registration_input_names_the_field(client, change, field):
    response = client.post("/api/v1/auth/register", json={**KAREN, **change})
    assert response.status_code == 422, response.get_json()
    body = response.get_json()
    assert body["code"] == 422
    assert field in body["errors"]["json"], body
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0


@pytest.mark.parametrize("field", ["name", "email", "password", "birth_date"])
def test_a_missing_field_is_named(client, field):
    data = {k: v for k, v in KAREN.items() if k != field}
    response = client.post("/api/v1/auth/register", json=data)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]["json"]


def test_a_body_that_is_not_json_is_refused_without_a_crash(client):
    response = client.post("/api/v1/auth/register", data="name=Karen", content_type="text/plain")
    assert response.status_code == 422


def test_an_email_can_register_only_once_whatever_its_case(client):
    client.post("/api/v1/auth/register", json=KAREN)
    again = client.post("/api/v1/auth/register", json={**KAREN, "email": "KAREN@example.dk"})
    assert again.status_code == 409
    assert "email" in again.get_json()["errors"]["json"]


def test_a_member_signs_in_and_out(client):
    user = make_user()
    response = client.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert client.get("/api/v1/me").status_code == 200
    assert client.post("/api/v1/auth/logout").status_code == 204
    assert client.get("/api/v1/me").status_code == 401


def test_a_wrong_password_gets_401_in_the_callers_language(client):
    user = make_user()
    response = client.post(
        "/api/v1/auth/login",
        json={"email": user.email, "password": "wrong"},
        headers={"Accept-Language": "da"},
    )
    assert response.status_code == 401
    assert "adgangskode" in response.get_json()["message"]


def test_a_suspended_member_cannot_sign_in(client):
    user = make_user(active=False)
    response = client.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD})
    assert response.status_code == 401


def test_unsafe_requests_on_a_session_need_the_csrf_token(app, ctx):
    user = make_user()
    raw = FreshContextClient(app, app.response_class, use_cookies=True)  # adds no token by itself
    signed = raw.open(
        "/api/v1/auth/login", method="POST", json={"email": user.email, "password": PASSWORD}
    )
    assert signed.status_code == 200  # no session yet, so no token needed to sign in
    refused = raw.open("/api/v1/me", method="PATCH", json={"text_size": 150})
    assert refused.status_code == 400
    token = raw.get("/api/v1/auth/csrf").get_json()["csrf_token"]
    accepted = raw.open(
        "/api/v1/me", method="PATCH", json={"text_size": 150}, headers={"X-CSRF-Token": token}
    )
    assert accepted.status_code == 200


def test_a_phone_app_gets_a_bearer_token_uses_it_and_revokes_it(app, ctx):
    user = make_user()
    phone = app.test_client()
    made = phone.post(
        "/api/v1/auth/tokens", json={"email": user.email, "password": PASSWORD, "name": "iPhone"}
    )
    assert made.status_code == 201
    auth = {"Authorization": f"Bearer {made.get_json()['token']}"}
    fresh = app.test_client()  # no cookies at all
    assert fresh.get("/api/v1/me", headers=auth).get_json()["id"] == user.id
    patched = fresh.patch("/api/v1/me", json={"text_size": 175}, headers=auth)
    assert patched.status_code == 200  # no CSRF token needed with a bearer token
    assert fresh.delete("/api/v1/auth/tokens", headers=auth).status_code == 204
    assert fresh.get("/api/v1/me", headers=auth).status_code == 401


def test_a_wrong_password_gets_no_token(client):
    user = make_user()
    response = client.post("/api/v1/auth/tokens", json={"email": user.email, "password": "nope"})
    assert response.status_code == 401
    assert "token" not in response.get_json()


def test_nobody_can_revoke_another_persons_token(app, ctx, make_client):
    owner, other = make_user(), make_user(name="Other")
    token_id = (
        app.test_client()
        .post("/api/v1/auth/tokens", json={"email": owner.email, "password": PASSWORD})
        .get_json()["id"]
    )
    assert make_client(other).delete(f"/api/v1/auth/tokens/{token_id}").status_code == 404
    assert make_client(owner).delete(f"/api/v1/auth/tokens/{token_id}").status_code == 204


def test_signing_in_is_rate_limited(app, client):
    user = make_user()
    app.config["CIRCLES_LOGIN_RATE_LIMIT"] = "3 per minute"
    limiter.reset()
    try:
        answers = [
            client.post("/api/v1/auth/login", json={"email": user.email, "password": "x"})
            for _ in range(4)
        ]
    finally:
        app.config["CIRCLES_LOGIN_RATE_LIMIT"] = "1000 per minute"
    assert [a.status_code for a in answers] == [401, 401, 401, 429]
    assert answers[-1].get_json()["code"] == 429
    assert answers[-1].get_json()["key"] == "error.rate_limited"
    assert "Retry-After" in answers[-1].headers


def test_signed_out_callers_get_401_on_signed_in_routes(client):
    assert client.get("/api/v1/me").status_code == 401
    assert client.post("/api/v1/auth/logout").status_code == 401
    assert client.delete("/api/v1/auth/tokens/1").status_code == 401
