"""Stories of a hostile member who sends ids, bodies and nesting no honest app would send."""

import json
import re

import pytest
from werkzeug.routing import IntegerConverter

from tests.factories import make_circle, make_member

# One past PostgreSQL's integer, one past SQLite's (and PostgreSQL's bigint), and far beyond.
HUGE_IDS = [2**31, 2**63, 10**30]


def id_routes(app) -> list[tuple[str, str]]:
    """Every (method, path) under /api/ and /organize/ with a number in its path, filled with {}."""
    found = []
    for rule in app.url_map.iter_rules():
        if not any(isinstance(c, IntegerConverter) for c in rule._converters.values()):
            continue
        path = re.sub(r"<int:\w+>", "{}", rule.rule)
        path = re.sub(r"<(?:\w+:)?\w+>", "x", path)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((method, path))
    return found


@pytest.fixture
def hostile(ctx, make_client):
    """Mallory, a member of a circle, signed in."""
    return make_client(make_member(make_circle(), name="Mallory Madsen"))


def test_ids_out_of_range_are_not_found_on_every_route(app, hostile):
    routes = id_routes(app)
    assert len(routes) > 50
    crashes = []
    for method, path in routes:
        for huge in HUGE_IDS:
            url = path.format(*[huge] * path.count("{}"))
            response = hostile.open(url, method=method, json={})
            if response.status_code != 404:
                crashes.append((method, url, response.status_code))
    assert crashes == []


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/v1/reports", {"reported_user_id": 2**31, "reason": "unkind"}),
        ("/api/v1/reports", {"reported_user_id": 2**63, "reason": "unkind"}),
        ("/api/v1/events?circle_id=9223372036854775808", None),
        ("/api/v1/audit?member_id=2147483648", None),
    ],
)
def test_huge_ids_in_bodies_and_queries_are_refused_without_a_crash(hostile, url, body):
    response = hostile.post(url, json=body) if body else hostile.get(url)
    assert response.status_code in {200, 400, 404, 422}, (response.status_code, response.get_json())
    assert response.is_json


def test_a_deeply_nested_body_is_refused_plainly(hostile):
    deep = "[" * 100_000 + "]" * 100_000
    response = hostile.post(
        "/api/v1/offers", data=deep, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.get_json()["code"] == 400
    shallow_but_too_deep = json.dumps({"category": "repairs", "x": json.loads("[" * 40 + "]" * 40)})
    response = hostile.post(
        "/api/v1/offers", data=shallow_but_too_deep, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400


def test_a_body_over_the_limit_is_refused_before_it_is_read(app, hostile):
    # 1.5 MB: under the 2 MB for uploads, over the 1 MB for JSON.
    body = b'{"category": "repairs", "x": "' + b"a" * (1536 * 1024) + b'"}'
    response = hostile.post(
        "/api/v1/offers", data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.get_json()["code"] == 413


@pytest.mark.parametrize("path", ["/", "/api/v1/categories", "/organize/", "/staff/login"])
def test_no_foreign_page_can_frame_the_app_or_the_desk(client, path):
    response = client.get(path)
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "geolocation=(self)" in response.headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP here


def test_behind_https_browsers_are_told_to_stay_on_https(app, client):
    app.config["SESSION_COOKIE_SECURE"] = True
    try:
        response = client.get("/api/v1/categories")
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_the_pwa_has_no_inline_script_or_style_the_policy_would_block(app):
    from pathlib import Path

    shell = Path(app.config["CIRCLES_PWA_DIR"], "index.html").read_text("utf-8")
    assert "<style" not in shell and " style=" not in shell
    assert all('src="' in tag for tag in shell.split("<script")[1:])
