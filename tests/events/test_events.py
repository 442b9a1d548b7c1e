"""Events through the API: who sees them, creating them, bad input, daylight saving."""

import pytest

from circles.core.models import AuditEntry
from circles.events.models import Event
from circles.extensions import db
from tests.factories import add_member, make_circle, make_event, make_member, make_user

WALK = {
    "kind": "walk",
    "title": "Søndagsgåtur",
    "place_name": "Trøjborg Kirke",
    "starts_at": "2027-06-06T10:00:00+02:00",
    "ends_at": "2027-06-06T11:30:00+02:00",
    "capacity": 12,
    "step_free": True,
}


@pytest.fixture
def circle(ctx):
    return make_circle()


@pytest.fixture
def organizer(circle):
    return make_member(circle, role="organizer", name="Mette")


@pytest.fixture
def member(circle):
    return make_member(circle, name="Karen")


def test_organizer_creates_a_walk_that_members_see_and_outsiders_do_not(
    circle, organizer, member, make_client, client
):
    created = make_client(organizer).post("/api/v1/events", json={**WALK, "circle_id": circle.id})
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert body["starts_at"] == "2027-06-06T10:00:00+02:00"
    assert body["host_names"] == ["Mette"] and body["step_free"] is True

    karen = make_client(member)
    listed = karen.get("/api/v1/events?days=366")
    assert [row["title"] for row in listed.get_json()] == ["Søndagsgåtur"]
    assert listed.headers["X-Pagination"]
    assert karen.get(f"/api/v1/events/{body['id']}").status_code == 200

    outsider = make_client(make_member(make_circle("Risskov", centre=(56.19, 10.23))))
    assert outsider.get(f"/api/v1/events/{body['id']}").status_code == 404
    assert outsider.get("/api/v1/events?days=366").get_json() == []
    assert outsider.get(f"/api/v1/events/{body['id']}.ics").status_code == 404
    assert client.get("/api/v1/events").status_code == 401


def test_members_create_events_only_where_the_circle_allows_it(
    circle, organizer, member, make_client
):
    karen = make_client(member)
    assert karen.post("/api/v1/events", json={**WALK, "circle_id": circle.id}).status_code == 201
    setting = {"members_may_create_events": False}
    assert karen.patch(f"/api/v1/circles/{circle.id}", json=setting).status_code == 403
    changed = make_client(organizer).patch(f"/api/v1/circles/{circle.id}", json=setting)
    assert changed.status_code == 200 and changed.get_json()["members_may_create_events"] is False
    refused = karen.post("/api/v1/events", json={**WALK, "circle_id": circle.id})
    assert refused.status_code == 403
    proposed = {**WALK, "circle_id": circle.id, "proposed": True, "interest_threshold": 3}
    assert karen.post("/api/v1/events", json=proposed).status_code == 201


def test_an_event_may_have_several_hosts_who_must_be_members(
    circle, organizer, member, make_client
):
    mette = make_client(organizer)
    both = {**WALK, "circle_id": circle.id, "host_ids": [member.id, organizer.id]}
    body = mette.post("/api/v1/events", json=both).get_json()
    assert body["host_ids"] == [member.id, organizer.id]
    karen = make_client(member)
    assert karen.patch(f"/api/v1/events/{body['id']}", json={"capacity": 8}).status_code == 200
    swapped = karen.patch(f"/api/v1/events/{body['id']}", json={"host_ids": [organizer.id]})
    assert swapped.status_code == 200 and swapped.get_json()["host_ids"] == [organizer.id]
    again = mette.patch(
        f"/api/v1/events/{body['id']}", json={"host_ids": [organizer.id, member.id]}
    )
    assert again.status_code == 200 and again.get_json()["host_ids"] == [organizer.id, member.id]
    stranger = make_user(name="Not a member")
    bad = mette.post("/api/v1/events", json={**both, "host_ids": [stranger.id]})
    assert bad.status_code == 422 and "host_ids" in bad.get_json()["errors"]["json"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ends_at": "2027-06-06T09:00:00+02:00"}, "ends_at"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": -4}, "capacity"),
        ({"rrule": "every other blue moon"}, "rrule"),
        ({"rrule": "FREQ=DAILY"}, "rrule"),
        ({"rrule": "FREQ=WEEKLY;INTERVAL=5"}, "rrule"),
        (
            {"starts_at": "1900-06-06T10:00:00+01:00", "ends_at": "1900-06-06T11:00:00+01:00"},
            "starts_at",
        ),
        ({"kind": "party"}, "kind"),
        ({"title": "  "}, "title"),
        ({"starts_at": "next sunday"}, "starts_at"),
    ],
)
def test_bad_input_is_refused_naming_the_field(circle, organizer, make_client, change, field):
    response = make_client(organizer).post(
        "/api/v1/events", json={**WALK, "circle_id": circle.id, **change}
    )
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["errors"]["json"]


def test_a_time_that_the_spring_clock_change_skips_is_refused_in_plain_words(
    circle, organizer, make_client
):
    mette = make_client(organizer)
    night = {**WALK, "circle_id": circle.id, "ends_at": "2027-03-28T04:00:00+02:00"}
    for starts in ("2027-03-28T02:30:00", "2027-03-28T02:30:00+01:00"):
        response = mette.post("/api/v1/events", json={**night, "starts_at": starts})
        assert response.status_code == 422
        message = response.get_json()["errors"]["json"]["starts_at"][0]
        assert "02:30" in message and "28.03.2027" in message and "03:00" in message


def test_the_autumn_hour_that_happens_twice_needs_an_offset_and_is_then_placed_exactly(
    circle, organizer, make_client
):
    mette = make_client(organizer)
    night = {**WALK, "circle_id": circle.id, "ends_at": "2027-10-31T04:00:00+01:00"}
    refused = mette.post(
        "/api/v1/events",
        json={**night, "starts_at": "2027-10-31T02:30:00"},
        headers={"Accept-Language": "en"},
    )
    assert refused.status_code == 422
    message = refused.get_json()["errors"]["json"]["starts_at"][0]
    assert "twice" in message or "to gange" in message
    first = mette.post("/api/v1/events", json={**night, "starts_at": "2027-10-31T02:30:00+02:00"})
    second = mette.post("/api/v1/events", json={**night, "starts_at": "2027-10-31T02:30:00+01:00"})
    assert first.status_code == second.status_code == 201
    stored = [db.session.get(Event, r.get_json()["id"]).starts_at for r in (first, second)]
    assert [s.isoformat() for s in stored] == [
        "2027-10-31T00:30:00+00:00",
        "2027-10-31T01:30:00+00:00",
    ]


def test_a_weekly_walk_keeps_its_local_time_across_the_clock_change(
    circle, organizer, member, make_client
):
    series = {
        **WALK,
        "circle_id": circle.id,
        "starts_at": "2027-03-21T10:00:00+01:00",
        "ends_at": "2027-03-21T11:00:00+01:00",
        "rrule": "FREQ=WEEKLY;COUNT=3",
    }
    body = make_client(organizer).post("/api/v1/events", json=series).get_json()
    assert [o["starts_at"] for o in body["occurrences"]] == [
        "2027-03-21T10:00:00+01:00",
        "2027-03-28T10:00:00+02:00",
        "2027-04-04T10:00:00+02:00",
    ]


def test_hosts_move_and_cancel_single_occurrences_and_those_booked_hear_of_it(
    circle, organizer, member, make_client
):
    mette, karen = make_client(organizer), make_client(member)
    series = {**WALK, "circle_id": circle.id, "rrule": "FREQ=WEEKLY;INTERVAL=2;COUNT=4"}
    event = mette.post("/api/v1/events", json=series).get_json()
    second = event["occurrences"][1]["occurrence_start"]
    third = event["occurrences"][2]["occurrence_start"]
    assert karen.post(f"/api/v1/events/{event['id']}/rsvp", json={}).status_code == 422
    booked = karen.post(f"/api/v1/events/{event['id']}/rsvp", json={"occurrence_start": second})
    assert booked.status_code == 201 and booked.get_json()["status"] == "going"

    cancel = {"occurrence_start": second}
    assert (
        karen.post(f"/api/v1/events/{event['id']}/occurrences/cancel", json=cancel).status_code
        == 403
    )
    cancelled = mette.post(f"/api/v1/events/{event['id']}/occurrences/cancel", json=cancel)
    assert cancelled.get_json()["cancelled"] is True
    assert "aflyst" in karen.get("/api/v1/notifications").get_json()[0]["text"]
    move = {
        "occurrence_start": third,
        "starts_at": "2027-07-05T14:00:00+02:00",
        "ends_at": "2027-07-05T15:00:00+02:00",
    }
    assert (
        mette.post(f"/api/v1/events/{event['id']}/occurrences/move", json=move).status_code == 200
    )
    starts = [
        o["starts_at"]
        for o in karen.get(f"/api/v1/events/{event['id']}").get_json()["occurrences"]
        if not o["cancelled"]
    ]
    assert "2027-07-05T14:00:00+02:00" in starts
    wrong = {**cancel, "occurrence_start": "2027-06-07T10:00:00+02:00"}
    assert (
        mette.post(f"/api/v1/events/{event['id']}/occurrences/cancel", json=wrong).status_code
        == 422
    )


def test_hosts_change_and_call_off_events_and_others_may_not(
    circle, organizer, member, make_client
):
    event = make_event(circle, organizer)
    karen = make_client(member)
    assert karen.patch(f"/api/v1/events/{event.id}", json={"title": "Mine"}).status_code == 403
    assert karen.delete(f"/api/v1/events/{event.id}").status_code == 403
    mette = make_client(organizer)
    assert mette.patch(f"/api/v1/events/{event.id}", json={"capacity": 0}).status_code == 422
    assert mette.delete(f"/api/v1/events/{event.id}").status_code == 204
    assert mette.delete(f"/api/v1/events/{event.id}").status_code == 409


def test_an_organizer_changing_a_members_event_is_logged(circle, organizer, member, make_client):
    event = make_event(circle, member)
    response = make_client(organizer).patch(f"/api/v1/events/{event.id}", json={"title": "Ny"})
    assert response.status_code == 200
    assert db.session.query(AuditEntry).filter_by(action="event.changed").count() == 1


def test_a_pending_member_is_not_a_member(circle, organizer, make_client):
    waiting = make_user(name="Waiting")
    add_member(waiting, circle, status="pending")
    event = make_event(circle, organizer)
    assert make_client(waiting).get(f"/api/v1/events/{event.id}").status_code == 404


def test_moving_a_whole_single_event_forgets_an_earlier_move_of_its_occurrence(
    circle, organizer, make_client
):
    event = make_event(circle, organizer)
    mette = make_client(organizer)
    first_move = {
        "occurrence_start": event.starts_at.isoformat(),
        "starts_at": "2027-09-01T15:00:00+02:00",
        "ends_at": "2027-09-01T16:00:00+02:00",
    }
    mette.post(f"/api/v1/events/{event.id}/occurrences/move", json=first_move)
    new_time = {"starts_at": "2027-10-01T15:00:00+02:00", "ends_at": "2027-10-01T16:00:00+02:00"}
    changed = mette.patch(f"/api/v1/events/{event.id}", json=new_time).get_json()
    assert [o["starts_at"] for o in changed["occurrences"]] == ["2027-10-01T15:00:00+02:00"]
