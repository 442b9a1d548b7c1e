"""Stories of a member giving a street address, with and without a configured geocoder."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.factories import make_user

TROJBORGVEJ = {"lat": "56.17350", "lon": "10.21020", "display_name": "Trøjborgvej, Aarhus N"}


class FakeNominatim(BaseHTTPRequestHandler):
    """Answers /search like Nominatim: one street is known, the rest are not."""

    def do_GET(self):  # noqa: N802 - the name http.server calls
        query = parse_qs(urlsplit(self.path).query)
        known = urlsplit(self.path).path == "/search" and "Trøjborgvej" in query["q"][0]
        body = json.dumps([TROJBORGVEJ] if known else []).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def nominatim(app):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeNominatim)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    app.config.update(
        CIRCLES_GEOCODER="nominatim", CIRCLES_GEOCODER_URL=f"http://127.0.0.1:{server.server_port}"
    )
    yield
    app.config.update(CIRCLES_GEOCODER="none")
    server.shutdown()


def test_without_a_geocoder_the_address_is_kept_and_the_home_stays(make_client, ctx):
    me = make_client(make_user(home=(56.0, 10.0)))
    profile = me.patch("/api/v1/me", json={"address": "Trøjborgvej 1"}).get_json()
    assert profile["address"] == "Trøjborgvej 1"
    assert (profile["latitude"], profile["longitude"]) == (56.0, 10.0)


def test_with_a_geocoder_a_street_address_moves_the_home(make_client, ctx, nominatim):
    me = make_client(make_user(home=(56.0, 10.0)))
    profile = me.patch("/api/v1/me", json={"address": "Trøjborgvej 1, 8200 Aarhus N"}).get_json()
    assert (profile["latitude"], profile["longitude"]) == (56.1735, 10.2102)


def test_an_address_nobody_can_find_is_refused_and_nothing_changes(make_client, ctx, nominatim):
    me = make_client(make_user(home=(56.0, 10.0)))
    response = me.patch("/api/v1/me", json={"address": "Nowhere Lane 9"})
    assert response.status_code == 422
    assert "address" in response.get_json()["errors"]["json"]
    assert me.get("/api/v1/me").get_json()["address"] is None


def test_a_geocoder_that_does_not_answer_keeps_the_address(app, make_client, ctx):
    app.config.update(CIRCLES_GEOCODER="nominatim", CIRCLES_GEOCODER_URL="http://127.0.0.1:9")
    try:
        me = make_client(make_user(home=(56.0, 10.0)))
        profile = me.patch("/api/v1/me", json={"address": "Trøjborgvej 1"}).get_json()
    finally:
        app.config.update(CIRCLES_GEOCODER="none")
    assert profile["address"] == "Trøjborgvej 1"
    assert profile["latitude"] == 56.0


def test_the_profile_says_how_the_home_was_found(make_client, client, ctx, nominatim):
    registered = client.post(
        "/api/v1/auth/register",
        json={
            "email": "birthe@example.dk",
            "password": "a good long password",
            "name": "Birthe Holm",
            "birth_date": "1948-04-11",
            "postcode": "8000",
        },
    )
    assert registered.get_json()["location_source"] == "postcode"
    found = client.patch("/api/v1/me", json={"address": "Trøjborgvej 1, 8200 Aarhus N"})
    assert found.get_json()["location_source"] == "address"
    moved = client.patch("/api/v1/me", json={"latitude": 56.17, "longitude": 10.2})
    assert moved.get_json()["location_source"] == "device"
