"""The thread of a match: Karen and Søren write to each other once both have said yes."""

import pytest

from circles.notify.models import Notification
from circles.organizing.models import Report
from tests.factories import HOME, make_circle, make_match, make_member, make_request, near


@pytest.fixture
def lift(ctx):
    """Karen (8200 Aarhus N) asks for a lift to the doctor; Søren lives 700 m away."""
    circle = make_circle()
    karen = make_member(circle, name="Karen Jensen", postcode="8200")
    soren = make_member(circle, name="Søren Ærø Østergård", home=near(HOME, 700))
    organizer = make_member(circle, role="organizer", name="Mette Madsen")
    neighbour = make_member(circle, name="Poul Nielsen", home=near(HOME, 300))
    request = make_request(karen, circle, category="transport", description="Til lægen tirsdag")
    return {
        "karen": karen,
        "soren": soren,
        "organizer": organizer,
        "neighbour": neighbour,
        "match": make_match(request, soren),
    }


def thread(match) -> str:
    return f"/api/v1/matches/{match.id}/messages"


def test_karen_and_soren_write_once_both_said_yes(lift, make_client):
    karen, soren = make_client(lift["karen"]), make_client(lift["soren"])
    early = karen.post(thread(lift["match"]), json={"body": "Hej Søren"})
    assert early.status_code == 409
    assert early.get_json()["key"] == "error.thread_not_agreed"
    assert soren.get(f"/api/v1/matches/{lift['match'].id}").get_json()["may_write"] is False

    assert soren.post(f"/api/v1/matches/{lift['match'].id}/accept").status_code == 200
    assert soren.get(f"/api/v1/matches/{lift['match'].id}").get_json()["may_write"] is True
    asked = karen.post(thread(lift["match"]), json={"body": "Kan du hente mig kl. 9?"})
    assert asked.status_code == 201, asked.get_json()
    answered = soren.post(thread(lift["match"]), json={"body": "  Ja, jeg holder ved døren.  "})
    assert answered.get_json()["body"] == "Ja, jeg holder ved døren."

    seen_by_karen = karen.get(thread(lift["match"])).get_json()
    assert [(m["author_first_name"], m["mine"], m["body"]) for m in seen_by_karen] == [
        ("Karen", True, "Kan du hente mig kl. 9?"),
        ("Søren", False, "Ja, jeg holder ved døren."),
    ]
    told = Notification.query.filter_by(user_id=lift["soren"].id, kind="help.message").one()
    assert told.params == {"name": "Karen"}
    assert told.link == f"#/matches/{lift['match'].id}/messages"
    assert Notification.query.filter_by(user_id=lift["karen"].id, kind="help.message").count() == 1


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_nobody_else_reads_or_writes_the_thread(lift, make_client, client, method):
    make_client(lift["soren"]).post(f"/api/v1/matches/{lift['match'].id}/accept")
    body = {"body": "Hej"}
    assert client.open(thread(lift["match"]), method=method, json=body).status_code == 401
    for outsider in (lift["neighbour"], lift["organizer"], make_member(make_circle("Risskov"))):
        answer = make_client(outsider).open(thread(lift["match"]), method=method, json=body)
        assert answer.status_code == 404, outsider.name
    karen = make_client(lift["karen"])
    missing = karen.open("/api/v1/matches/99999/messages", method=method, json=body)
    assert missing.status_code == 404


def test_organizer_reads_the_thread_only_once_it_is_reported(lift, make_client):
    make_client(lift["soren"]).post(f"/api/v1/matches/{lift['match'].id}/accept")
    soren, karen = make_client(lift["soren"]), make_client(lift["karen"])
    soren.post(thread(lift["match"]), json={"body": "Giv mig dit kodeord til netbanken"})
    organizer = make_client(lift["organizer"])
    assert organizer.get(thread(lift["match"])).status_code == 404
    reported = karen.post(
        "/api/v1/reports",
        json={"target_type": "matches", "target_id": lift["match"].id, "reason": "unsafe"},
    )
    assert reported.status_code == 201, reported.get_json()
    assert Report.query.one().reported_user_id == lift["soren"].id
    read = organizer.get(thread(lift["match"]))
    assert [m["body"] for m in read.get_json()] == ["Giv mig dit kodeord til netbanken"]
    reports_page = organizer.get(f"/organize/circles/{lift['match'].request.circle_id}/reports")
    assert "Giv mig dit kodeord til netbanken" in reports_page.get_data(True)
    writing = organizer.post(thread(lift["match"]), json={"body": "Hej"})
    assert writing.status_code == 404  # organizers read a reported thread, never write in it
    by_neighbour = make_client(lift["neighbour"]).post(
        "/api/v1/reports",
        json={"target_type": "matches", "target_id": lift["match"].id, "reason": "unsafe"},
    )
    assert by_neighbour.status_code == 404


def test_blocking_closes_the_thread_both_ways(lift, make_client):
    make_client(lift["soren"]).post(f"/api/v1/matches/{lift['match'].id}/accept")
    garden = make_request(lift["karen"], lift["match"].request.circle, category="garden")
    poul = make_match(garden, lift["neighbour"], status="accepted")
    karen, soren = make_client(lift["karen"]), make_client(lift["soren"])

    def writable(side) -> dict:
        return {m["id"]: m["may_write"] for m in side.get("/api/v1/matches").get_json()}

    assert writable(karen) == {lift["match"].id: True, poul.id: True}
    assert karen.post("/api/v1/blocks", json={"user_id": lift["soren"].id}).status_code == 201
    for side in (karen, soren):
        closed = side.post(thread(lift["match"]), json={"body": "Hallo?"})
        assert closed.status_code == 409
        assert closed.get_json()["key"] == "error.thread_closed"
    assert soren.get(f"/api/v1/matches/{lift['match'].id}").get_json()["may_write"] is False
    # The lists say so too, on both sides; Karen's lift with Poul stays open.
    assert writable(karen) == {lift["match"].id: False, poul.id: True}
    assert writable(soren) == {lift["match"].id: False}
    assert writable(make_client(lift["neighbour"])) == {poul.id: True}


@pytest.mark.parametrize("body", [{}, {"body": ""}, {"body": "   "}, {"body": "x" * 2001}])
def test_an_empty_or_endless_message_names_the_field(lift, make_client, body):
    make_client(lift["soren"]).post(f"/api/v1/matches/{lift['match'].id}/accept")
    answer = make_client(lift["karen"]).post(thread(lift["match"]), json=body)
    assert answer.status_code == 422
    assert "body" in answer.get_json()["errors"]["json"]


def test_a_called_off_lift_closes_the_thread(lift, make_client):
    soren = make_client(lift["soren"])
    soren.post(f"/api/v1/matches/{lift['match'].id}/accept")
    soren.post(f"/api/v1/matches/{lift['match'].id}/cancel", json={"reason": "Bilen er i stykker"})
    closed = make_client(lift["karen"]).post(thread(lift["match"]), json={"body": "Øv!"})
    assert closed.status_code == 409
    assert closed.get_json()["key"] == "error.thread_closed"
