"""The operator reads the logs of a busy morning and finds ids to follow, never a member's data."""

import io
import json
import logging

import pytest

from circles.ops import logs
from tests.factories import make_circle

KAREN = {
    "name": "Karen Margrethe Sørensen",
    "email": "karen.sorensen@example.dk",
    "password": "Rødgrød med fløde 1944",
    "birth_date": "1944-03-02",
    "phone": "+45 86 12 34 56",
    "postcode": "8000",
}
ADDRESS = "Trøjborgvej 72, 8000 Aarhus C"


@pytest.fixture
def log_output(app):
    """What the JSON handler writes while the test runs."""
    stream = io.StringIO()
    handler = logs.configure("INFO", stream)
    yield stream
    logging.getLogger().removeHandler(handler)


def test_a_morning_of_sign_ups_and_mistakes_logs_no_personal_data(client, log_output, app):
    make_circle()
    assert client.post("/api/v1/auth/register", json=KAREN).status_code == 201
    client.post("/api/v1/auth/logout")
    wrong = {"email": KAREN["email"], "password": "not her password"}
    assert client.post("/api/v1/auth/login", json=wrong).status_code == 401
    right = {"email": KAREN["email"], "password": KAREN["password"]}
    assert client.post("/api/v1/auth/login", json=right).status_code == 200
    token = client.post("/api/v1/auth/tokens", json={**right, "name": "Karens tablet"})
    secret = token.get_json()["token"]
    client.patch("/api/v1/me", json={"address": ADDRESS, "phone": "+45 20 30 40 50"})
    client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    client.get("/api/v1/no-such-thing?email=karen.sorensen@example.dk")

    written = log_output.getvalue()
    lines = [json.loads(line) for line in written.splitlines()]
    requests = [line for line in lines if line.get("logger") == "circles.access"]
    assert len(requests) >= 7
    assert all(line["request_id"] for line in requests)
    assert {"method", "route", "status", "duration_ms"} <= set(requests[0])
    personal = [v for k, v in KAREN.items() if k != "postcode"]
    for value in [*personal, ADDRESS, "20 30 40 50", secret, "karen.sorensen"]:
        assert value not in written, value


def test_fields_named_like_secrets_are_blanked_whoever_logs_them(app, log_output):
    with app.test_request_context("/"):
        logging.getLogger("circles.anything").info(
            "signed in", extra={"email": "x@example.dk", "password": "hunter22", "user_id": 7}
        )
    line = json.loads(log_output.getvalue().splitlines()[-1])
    assert line["email"] == line["password"] == "[redacted]"
    assert line["user_id"] == 7


def test_the_fields_every_record_has_are_not_searched_because_none_is_named_like_a_secret():
    # The filter searches only the fields a caller adds; this is what makes that safe.
    assert not [key for key in logs.RECORD_KEYS if logs.SECRET_KEYS.search(key)]
