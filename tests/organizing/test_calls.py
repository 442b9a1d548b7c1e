"""Birthe went quiet: the scheduler lists her, Mette phones her, notes it, calls again a week
later when the follow-up falls due, and ticks it off."""

from datetime import UTC, datetime, timedelta

import time_machine

from circles.accounts.models import User
from circles.core.models import AuditEntry
from circles.db import transaction
from circles.extensions import db
from circles.jobs import all_jobs
from circles.organizing.models import Call
from tests.factories import make_circle, make_member, make_request

MONDAY = datetime(2026, 11, 23, 9, tzinfo=UTC)


def test_organizer_works_the_outreach_list_and_follows_up(make_client, ctx):
    circle = make_circle()
    organizer = make_member(circle, role="organizer", name="Mette")
    birthe = make_member(circle, name="Birthe", phone="86 11 22 33")
    db.session.get(User, birthe.id).last_active_at = MONDAY - timedelta(days=45)
    db.session.commit()
    with transaction():  # as the scheduler runs it
        assert all_jobs()["quiet_members"].run(MONDAY) == 1

    with time_machine.travel(MONDAY, tick=False):
        # Signed in on that Monday: a session cookie from a later real day would not be valid yet.
        mette = make_client(organizer)
        listed = mette.get(f"/api/v1/circles/{circle.id}/outreach").get_json()
        assert [(i["reason"], i["member_phone"]) for i in listed] == [
            ("quiet_member", "86 11 22 33")
        ]
        assert listed[0]["text"] == "Birthe har ikke været aktiv i et stykke tid."
        note = "Har haft influenza, vil gerne med på gåturen næste uge."
        called = mette.post(
            f"/api/v1/outreach/{listed[0]['id']}/called",
            json={"note": note, "follow_up_on": "2026-11-30"},
        )
        assert called.status_code == 200, called.get_json()
        assert called.get_json()["note"] == note
        twice = mette.post(f"/api/v1/outreach/{listed[0]['id']}/called", json={"note": "x"})
        assert twice.status_code == 409
        assert mette.get(f"/api/v1/circles/{circle.id}/outreach").get_json() == []
        done = mette.get(f"/api/v1/circles/{circle.id}/outreach?status=called").get_json()
        assert done[0]["called_by_name"] == "Mette"
        log = mette.get(f"/api/v1/circles/{circle.id}/calls?member_id={birthe.id}").get_json()
        assert log[0]["note"] == note and log[0]["outreach_item_id"] == listed[0]["id"]
        assert mette.get(f"/api/v1/circles/{circle.id}/calls/follow-ups").get_json() == []

    with time_machine.travel(MONDAY + timedelta(days=7), tick=False):
        # A week on, her organizer session has timed out when idle: she signs in again.
        mette = make_client(organizer)
        due = mette.get(f"/api/v1/circles/{circle.id}/calls/follow-ups").get_json()
        assert [c["member_name"] for c in due] == ["Birthe"]
        ticked = mette.post(f"/api/v1/calls/{due[0]['id']}/follow-up-done")
        assert ticked.status_code == 200 and ticked.get_json()["follow_up_done_at"]
        assert mette.post(f"/api/v1/calls/{due[0]['id']}/follow-up-done").status_code == 409
        assert mette.get(f"/api/v1/circles/{circle.id}/calls/follow-ups").get_json() == []

    actions = [e.action for e in db.session.query(AuditEntry).order_by(AuditEntry.id)]
    assert actions == ["call.logged", "outreach.called", "call.follow_up_done"]


def test_a_call_is_logged_with_its_note_kept_whole_and_bad_input_named(make_client, ctx):
    circle = make_circle()
    mette = make_client(make_member(circle, role="organizer"))
    karen = make_member(circle)
    stranger = make_member(make_circle("Risskov", centre=(56.193, 10.229)))
    url = f"/api/v1/circles/{circle.id}/calls"
    note = "Karen ringede selv. " * 100
    logged = mette.post(url, json={"member_id": karen.id, "direction": "in", "note": note})
    assert logged.status_code == 201 and logged.get_json()["note"] == note
    outsider = mette.post(url, json={"member_id": stranger.id})
    assert outsider.status_code == 422 and "member_id" in outsider.get_json()["errors"]["json"]
    past = mette.post(url, json={"member_id": karen.id, "follow_up_on": "2020-01-01"})
    assert "follow_up_on" in past.get_json()["errors"]["json"]
    sideways = mette.post(url, json={"member_id": karen.id, "direction": "sideways"})
    assert "direction" in sideways.get_json()["errors"]["json"]
    assert db.session.query(Call).count() == 1


def test_an_unanswered_request_is_called_about_with_the_requester_logged(make_client, ctx):
    circle = make_circle()
    mette = make_client(make_member(circle, role="organizer"))
    asker = make_member(circle, name="Asker")
    request = make_request(asker, circle, category="garden")
    request.created_at = MONDAY - timedelta(days=3)
    db.session.commit()
    with transaction():  # as the scheduler runs it
        all_jobs()["help_escalate"].run(MONDAY)
    listed = mette.get(f"/api/v1/circles/{circle.id}/outreach").get_json()
    assert [i["reason"] for i in listed] == ["unanswered_request"]
    assert listed[0]["text"] == "Ingen har svaret på Askers ønske: Have."
    mette.post(f"/api/v1/outreach/{listed[0]['id']}/called", json={"note": "Nabo hjælper"})
    assert db.session.query(Call).one().member_id == asker.id
