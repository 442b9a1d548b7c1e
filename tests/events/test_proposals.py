"""Dinner conversations send proposals to the municipality, whose staff answer them."""

import pytest

from circles.core.models import AuditEntry
from circles.extensions import db
from tests.factories import (
    book,
    make_circle,
    make_event,
    make_member,
    make_municipality,
    make_staff,
)


@pytest.fixture
def dinner(ctx):
    aarhus = make_municipality("Aarhus")
    circle = make_circle(municipality=aarhus)
    host = make_member(circle, name="Mette")
    event = make_event(circle, host, kind="conversation", title="Middagssamtale om trafik")
    guest = make_member(circle, name="Karen")
    book(event, guest)
    return {
        "event": event,
        "host": host,
        "guest": guest,
        "circle": circle,
        "staff": make_staff(aarhus),
        "municipality": aarhus,
    }


def test_a_participant_sends_a_proposal_and_follows_it_until_the_municipality_answers(
    dinner, make_client
):
    event = dinner["event"]
    karen = make_client(dinner["guest"])
    sent = karen.post(
        f"/api/v1/events/{event.id}/proposals", json={"text": "Bænke langs Nordre Ringgade"}
    )
    assert sent.status_code == 201 and sent.get_json()["status"] == "received"

    anne = make_client(dinner["staff"])
    seen = anne.get("/api/v1/proposals").get_json()
    assert [p["text"] for p in seen] == ["Bænke langs Nordre Ringgade"]
    assert "author_name" not in seen[0] and seen[0]["circle_name"] == "Trøjborg"
    proposal_id = seen[0]["id"]

    considering = anne.patch(
        f"/api/v1/proposals/{proposal_id}", json={"status": "under_consideration"}
    )
    assert considering.status_code == 200
    no_answer = anne.patch(f"/api/v1/proposals/{proposal_id}", json={"status": "answered"})
    assert no_answer.status_code == 422 and "answer" in no_answer.get_json()["errors"]["json"]
    answered = anne.patch(
        f"/api/v1/proposals/{proposal_id}",
        json={"status": "answered", "answer": "Vi sætter tre bænke op i maj."},
    )
    assert answered.get_json()["status"] == "answered"
    back = anne.patch(f"/api/v1/proposals/{proposal_id}", json={"status": "received"})
    assert back.status_code == 409

    mine = karen.get("/api/v1/proposals/mine").get_json()
    assert mine[0]["answer"] == "Vi sætter tre bænke op i maj."
    texts = [n["text"] for n in karen.get("/api/v1/notifications").get_json()]
    assert any("svaret" in text for text in texts)
    assert db.session.query(AuditEntry).filter_by(action="proposal.status").count() == 2


def test_only_participants_send_proposals_and_only_conversations_collect_them(dinner, make_client):
    event, circle = dinner["event"], dinner["circle"]
    bystander = make_client(make_member(circle))
    assert (
        bystander.post(f"/api/v1/events/{event.id}/proposals", json={"text": "Hej"}).status_code
        == 403
    )
    assert bystander.get(f"/api/v1/events/{event.id}/proposals").status_code == 403
    walk = make_event(circle, dinner["host"], kind="walk")
    host = make_client(dinner["host"])
    assert host.post(f"/api/v1/events/{walk.id}/proposals", json={"text": "Hej"}).status_code == 409
    assert host.post(f"/api/v1/events/{event.id}/proposals", json={"text": " "}).status_code == 422
    assert host.get(f"/api/v1/events/{event.id}/proposals").status_code == 200


def test_staff_of_another_municipality_see_nothing_and_cannot_answer(dinner, make_client):
    make_client(dinner["guest"]).post(
        f"/api/v1/events/{dinner['event'].id}/proposals", json={"text": "Flere busser"}
    )
    other = make_client(make_staff(make_municipality("Odense")))
    assert other.get("/api/v1/proposals").get_json() == []
    anne = make_client(dinner["staff"])
    proposal_id = anne.get("/api/v1/proposals").get_json()[0]["id"]
    assert (
        other.patch(
            f"/api/v1/proposals/{proposal_id}", json={"status": "answered", "answer": "x"}
        ).status_code
        == 404
    )
    member = make_client(dinner["guest"])
    assert (
        member.patch(
            f"/api/v1/proposals/{proposal_id}", json={"status": "answered", "answer": "x"}
        ).status_code
        == 404
    )
