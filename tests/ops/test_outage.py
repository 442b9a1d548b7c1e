"""Karen's phone meets a database that is down: a JSON 503 to retry, in her language."""

import pytest

from circles import create_app
from circles.config import database_url as driver_url
from tests.factories import make_circle, make_member

# A port where nothing listens, and a file SQLite cannot open: two databases that are down.
DOWN = {
    "postgresql": "postgresql://postgres@127.0.0.1:1/test",
    "sqlite": "sqlite:////nonexistent-folder/circles.sqlite",
}


@pytest.fixture
def down_app(app, database_url):
    """The same installation (same secret key) while its database does not answer."""
    kind = "postgresql" if database_url.startswith("postgresql") else "sqlite"
    down = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": app.config["SECRET_KEY"],
            "SQLALCHEMY_DATABASE_URI": driver_url(DOWN[kind]),
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": False, "hide_parameters": True},
            "CIRCLES_JSON_LOGS": False,
        }
    )
    down.test_client_class = app.test_client_class
    return down


def carry_cookies(source, target) -> None:
    """The same browser, now talking to the server whose database is down."""
    for name in ("session", "remember_token"):
        cookie = source.get_cookie(name)
        if cookie is not None:
            target.set_cookie(name, cookie.value)


def test_signed_in_karen_gets_a_json_503_with_retry_after_in_danish(down_app, make_client):
    karen = make_member(make_circle(), language="da")
    phone = make_client(karen)
    assert phone.get("/api/v1/me").status_code == 200
    outage = down_app.test_client()
    carry_cookies(phone, outage)

    response = outage.get("/api/v1/me")

    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    body = response.get_json()
    assert body["code"] == 503
    assert "database" in body["message"].lower()
    assert body["request_id"] == response.headers["X-Request-ID"]


def test_a_visitor_is_told_in_english_when_her_browser_asks_for_it(down_app):
    response = down_app.test_client().get(
        "/api/v1/circles?postcode=8000", headers={"Accept-Language": "en"}
    )
    assert response.status_code == 503
    assert response.get_json()["message"].startswith("We cannot reach our database")


def test_the_default_language_is_danish(down_app):
    response = down_app.test_client().get("/api/v1/circles?postcode=8000")
    assert response.status_code == 503
    assert response.get_json()["message"].startswith("Vi kan ikke nå vores database")


def test_readiness_says_the_database_is_down_while_health_says_the_process_lives(down_app):
    client = down_app.test_client()
    assert client.get("/healthz").status_code == 200
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.get_json()["checks"]["database"] == "down"


def test_a_signed_in_phone_still_gets_its_csrf_token_so_its_outbox_can_try_again(
    down_app, make_client
):
    karen = make_member(make_circle(), language="da")
    phone = make_client(karen)
    outage = down_app.test_client()
    carry_cookies(phone, outage)
    response = outage.get("/api/v1/auth/csrf")  # it needs no database
    assert response.status_code == 200 and response.get_json()["csrf_token"]
