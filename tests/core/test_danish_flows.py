"""Karen, who reads only Danish, joins, asks for help and makes mistakes: every word is Danish."""

from circles.extensions import db
from tests.core.test_validation_language import ENGLISH, messages_of
from tests.factories import HOME, make_circle, make_member, near

DANISH = {"Accept-Language": "da"}


def words_of(response) -> list[str]:
    """Every message a person could read in a JSON answer: the message, each field's, the texts."""
    body = response.get_json(silent=True)
    if isinstance(body, list):
        return [item["text"] for item in body if isinstance(item, dict) and "text" in item]
    if not isinstance(body, dict):
        return []
    found = [body["message"]] if "message" in body else []
    return found + [message for _, message in messages_of(body.get("errors", {}))]


def test_karen_joins_asks_and_errs_in_danish_and_reads_no_english(app, make_client, ctx):
    circle = make_circle()
    lars = make_member(circle, name="Lars Holm", home=near(HOME, 600), language="da")
    anonymous = app.test_client()
    read = []

    joining = {"name": "Karen Jensen", "email": "karen@example.dk", "password": "kort",
               "birth_date": "1. maj 1948", "postcode": "80O0", "skostørrelse": 38}  # fmt: skip
    refused = anonymous.post("/api/v1/auth/register", json=joining, headers=DANISH)
    assert refused.status_code == 422
    read += words_of(refused)
    read += words_of(anonymous.get("/api/v1/requests", headers=DANISH))  # not signed in
    read += words_of(anonymous.get("/api/v1/ingen-steder", headers=DANISH))
    read += words_of(anonymous.put("/api/v1/auth/register", headers=DANISH))

    karen = make_member(circle, name="Karen Jensen", language="da")
    db.session.commit()
    client = make_client(karen)
    bad_request = client.post("/api/v1/requests", json={"category": "flyvning", "place": ""})
    assert bad_request.status_code == 422
    read += words_of(bad_request)
    asked = client.post("/api/v1/requests", json={"category": "shopping", "circle_id": circle.id})
    assert asked.status_code == 201, asked.get_json()
    request_id = asked.get_json()["id"]
    match = client.post("/api/v1/matches", json={"request_id": request_id, "helper_id": lars.id})
    assert match.status_code == 201, match.get_json()
    read += words_of(client.post(f"/api/v1/matches/{match.get_json()['id']}/accept"))  # not hers
    read += words_of(client.patch("/api/v1/me", json={"travel_km": "langt", "language": "fr"}))
    read += words_of(make_client(lars).get("/api/v1/notifications"))

    assert len(read) > 10
    assert [text for text in read if ENGLISH.search(text)] == []
