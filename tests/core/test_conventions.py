"""The API's conventions: one error shape, OpenAPI served locally, Idempotency-Key, paging."""

import flask_smorest
import pytest

from circles.core.api import Blueprint
from tests.factories import make_admin, make_municipality

CIRCLE = {"name": "Trøjborg", "latitude": 56.1722, "longitude": 10.208, "radius_km": 1.5}


def test_an_unknown_route_is_404_in_the_error_shape(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.is_json
    assert set(response.get_json()) >= {"code", "status", "key", "message"}


def test_a_wrong_method_is_405_and_keeps_the_allow_header(client):
    response = client.put("/api/v1/categories")
    assert response.status_code == 405
    assert response.get_json()["code"] == 405
    assert "GET" in response.headers["Allow"]


def test_the_openapi_document_marks_signed_in_routes(client):
    spec = client.get("/api/openapi.json").get_json()
    assert spec["paths"]["/api/v1/me"]["get"]["security"]
    assert "security" not in spec["paths"]["/api/v1/categories"]["get"]
    assert spec["paths"]["/api/v1/me"]["get"]["summary"] == "My profile (signed in)."


def test_the_api_docs_load_nothing_from_outside_the_server(client):
    page = client.get("/api/docs").get_data(as_text=True)
    assert "http://" not in page and "https://" not in page
    assert client.get("/api/docs/assets/swagger-ui-bundle.js").status_code == 200


def test_categories_come_in_the_callers_language(client):
    danish = client.get("/api/v1/categories", headers={"Accept-Language": "da"}).get_json()
    english = client.get("/api/v1/categories", headers={"Accept-Language": "en"}).get_json()
    assert len(danish) == 12
    assert {"code": "garden", "label": "Have"} in danish
    assert {"code": "garden", "label": "Garden"} in english
    slots = client.get("/api/v1/availability", headers={"Accept-Language": "en"}).get_json()
    assert {"code": "tue_morning", "label": "Tuesday morning"} in slots


def test_a_retried_post_with_the_same_idempotency_key_creates_nothing_new(make_client, ctx):
    municipality = make_municipality()
    admin = make_client(make_admin())
    body = {**CIRCLE, "municipality_id": municipality.id}
    key = {"Idempotency-Key": "3f1c-retry"}
    first = admin.post("/api/v1/circles", json=body, headers=key)
    second = admin.post("/api/v1/circles", json=body, headers=key)
    assert first.status_code == second.status_code == 201
    assert first.get_json() == second.get_json()
    assert second.headers["Idempotent-Replayed"] == "true"
    other = admin.post("/api/v1/circles", json=body, headers={"Idempotency-Key": "another"})
    assert other.get_json()["id"] != first.get_json()["id"]


def test_a_failed_post_does_not_use_up_its_idempotency_key(make_client, ctx):
    municipality = make_municipality()
    admin = make_client(make_admin())
    key = {"Idempotency-Key": "k1"}
    bad = admin.post(
        "/api/v1/circles",
        json={**CIRCLE, "radius_km": -1, "municipality_id": municipality.id},
        headers=key,
    )
    assert bad.status_code == 422
    good = admin.post(
        "/api/v1/circles", json={**CIRCLE, "municipality_id": municipality.id}, headers=key
    )
    assert good.status_code == 201


@pytest.mark.parametrize("item_count", [0, 1, 9, 10, 11, 25, 5000])
@pytest.mark.parametrize("page", [1, 2, 3, 500, 501])
def test_the_pagination_header_says_what_flask_smorest_would(item_count, page):
    """Our header is built without smorest's per-request schema, and must not drift from it."""
    ours = Blueprint._make_pagination_metadata(page, 10, item_count)
    smorests = flask_smorest.Blueprint._make_pagination_metadata(page, 10, item_count)
    assert ours == smorests


def every_answer(kind=None) -> list[type]:
    """Every schema built on Answer (the app, built by then, has imported them all)."""
    from circles.core.api import Answer

    kind = kind or Answer
    return [kind] * (kind is not Answer) + [
        s for c in kind.__subclasses__() for s in every_answer(c)
    ]


def samples(schema) -> list[dict]:
    """Rows as views write them: plain values, values of a neighbouring type, None, nothing."""
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from marshmallow import fields

    typical = {
        fields.String: ["Karen", 5],
        fields.Integer: [3, True, 2.0],
        fields.Boolean: [True, 1, 0],
        fields.Float: [1.5, 2],
        fields.DateTime: [
            datetime(2026, 12, 6, 9, 30, tzinfo=UTC),
            datetime(2026, 7, 1, 18, 5, 7, 250, tzinfo=ZoneInfo("America/Nuuk")),
        ],
        fields.List: [[]],
        fields.Dict: [{}],
    }
    rows = []
    for variant in range(3):
        row = {}
        for name, field in schema.dump_fields.items():
            kind = next((k for k in typical if isinstance(field, k)), None)
            values = typical.get(kind, [None])
            row[field.attribute or name] = values[min(variant, len(values) - 1)]
        rows.append(row)
    return [*rows, dict.fromkeys(rows[0]), {}]


def test_every_answer_writes_what_marshmallow_would(app):
    """Answer takes plain values as they are; for every schema built on it, rows of plain
    values, of neighbouring types, of None and of nothing come out as marshmallow writes them."""
    from marshmallow import Schema

    answers = every_answer()
    assert {a.__name__ for a in answers} >= {"OccurrenceSchema", "MatchSchema", "CircleSchema"}
    with app.test_request_context():
        for answer in answers:
            schema = answer()
            for row in samples(schema):
                ours, theirs = schema.dump(row), Schema._serialize(schema, row)
                assert ours == theirs and list(ours) == list(theirs), (answer.__name__, row)
                assert schema.dump([row, row], many=True) == [theirs, theirs]
