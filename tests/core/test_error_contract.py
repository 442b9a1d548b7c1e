"""One error contract: each refusal is {code, status, key, message, errors?}, in your words."""

import re
from pathlib import Path

from circles.config import PACKAGE_DIR
from tests.factories import make_circle, make_member, make_user

# request_id: the operator finds the request's log lines by it (circles.ops.logs).
SHAPE = {"code", "status", "key", "message", "request_id"}


def test_an_unknown_address_says_not_found_in_danish_to_a_danish_browser(client):
    answer = client.get("/api/v1/nothing-here", headers={"Accept-Language": "da"})
    body = answer.get_json()
    assert answer.status_code == 404 and set(body) == SHAPE
    assert body["status"] == "Not Found" and body["key"] == "error.not_found"
    assert body["message"].startswith("Vi kunne ikke finde det")


def test_a_wrong_method_is_405_in_english_for_an_english_browser(client):
    answer = client.put("/api/v1/categories", headers={"Accept-Language": "en"})
    body = answer.get_json()
    assert set(body) == SHAPE  # request_id joined the shape: it varies, so compare the rest
    body.pop("request_id")
    assert body == {
        "code": 405,
        "status": "Method Not Allowed",
        "key": "error.method_not_allowed",
        "message": "That cannot be done here.",
    }
    assert "GET" in answer.headers["Allow"]


def test_a_form_with_a_bad_field_names_the_field_and_says_unprocessable(make_client, ctx):
    karen = make_member(make_circle(), language="da")
    answer = make_client(karen).post("/api/v1/requests", json={"category": "knitting"})
    body = answer.get_json()
    assert answer.status_code == 422 and set(body) == SHAPE | {"errors"}
    assert body["status"] == "Unprocessable Entity" and body["key"] == "error.invalid_fields"
    assert body["message"] == "Nogle felter skal rettes: se ved hvert felt."
    assert list(body["errors"]["json"]) == ["category"]


def test_a_domain_refusal_says_its_reason_as_status_and_its_own_key(make_client, ctx):
    circle = make_circle()
    karen = make_member(circle, language="en")
    answer = make_client(karen).get(f"/api/v1/circles/{circle.id}/memberships")
    body = answer.get_json()
    assert answer.status_code == 403 and set(body) == SHAPE
    assert body["status"] == "Forbidden" and body["key"] == "error.organizers_only"
    assert body["message"] == "Only the circle's organizers can do this."


def test_an_unknown_postcode_is_named_on_the_query_field(client):
    answer = client.get("/api/v1/circles?postcode=0001", headers={"Accept-Language": "da"})
    body = answer.get_json()
    assert answer.status_code == 422 and body["key"] == "error.unknown_postcode"
    assert body["errors"] == {"query": {"postcode": [body["message"]]}}
    assert "0001" in body["message"]


def test_signed_out_callers_are_told_to_sign_in_in_their_language(client):
    body = client.get("/api/v1/me", headers={"Accept-Language": "da"}).get_json()
    assert body["code"] == 401 and body["status"] == "Unauthorized"
    assert body["key"] == "error.sign_in_required" and body["message"] == "Log venligst ind først."


def test_a_wrong_password_is_401_with_its_own_key(client, ctx):
    user = make_user(language="en")
    answer = client.post("/api/v1/auth/login", json={"email": user.email, "password": "wrong"})
    body = answer.get_json()
    assert answer.status_code == 401 and body["key"] == "error.bad_credentials"
    assert body["status"] == "Unauthorized"


def test_a_body_over_the_servers_limit_is_413_in_the_shape(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    try:
        answer = client.post(
            "/api/v1/auth/login",
            data="x" * 2000,
            headers={"Content-Type": "application/json", "Accept-Language": "da"},
        )
    finally:
        app.config["MAX_CONTENT_LENGTH"] = None
    body = answer.get_json()
    assert answer.status_code == 413 and set(body) == SHAPE
    assert body["status"] == "Request Entity Too Large" and body["key"] == "error.too_large"


def test_no_view_or_service_aborts_past_the_domain_errors():
    calls = [
        f"{path.relative_to(PACKAGE_DIR)}:{number}"
        for path in PACKAGE_DIR.rglob("*.py")
        for number, line in enumerate(Path(path).read_text("utf-8").splitlines(), 1)
        if re.search(r"\babort\(", line)
    ]
    assert calls == []
