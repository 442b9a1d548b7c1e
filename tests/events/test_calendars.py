"""Events in phone calendars: one event's .ics, and a secret personal feed."""

import pytest
from icalendar import Calendar

from circles.events import events
from circles.extensions import db
from tests.factories import book, make_circle, make_event, make_member


@pytest.fixture
def circle(ctx):
    return make_circle()


def test_an_events_ics_has_its_local_time_repetition_and_exceptions(circle, make_client):
    mette = make_client(make_member(circle, role="organizer"))
    series = {
        "circle_id": circle.id,
        "title": "Gåtur",
        "kind": "walk",
        "starts_at": "2027-03-21T10:00:00+01:00",
        "ends_at": "2027-03-21T11:00:00+01:00",
        "rrule": "FREQ=WEEKLY;COUNT=4",
    }
    event = mette.post("/api/v1/events", json=series).get_json()
    mette.post(
        f"/api/v1/events/{event['id']}/occurrences/cancel",
        json={"occurrence_start": event["occurrences"][1]["occurrence_start"]},
    )
    response = mette.get(f"/api/v1/events/{event['id']}.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    [entry] = [c for c in calendar.walk("VEVENT")]
    assert str(entry["dtstart"].dt.tzinfo) == "Europe/Copenhagen"
    assert entry["dtstart"].dt.hour == 10
    assert entry["rrule"]["FREQ"] == ["WEEKLY"]
    assert "EXDATE" in entry and calendar.walk("VTIMEZONE")


def test_my_feed_lists_what_i_have_a_place_on_and_a_rotated_address_stops_working(
    circle, make_client, client
):
    karen = make_member(circle)
    host = make_member(circle)
    going = make_event(circle, host, title="Fællesspisning")
    make_event(circle, host, title="Ikke min")
    book(going, karen)
    me = make_client(karen)
    url = me.get("/api/v1/calendar").get_json()["url"]
    assert me.get("/api/v1/calendar").get_json()["url"] == url
    path = url.split("localhost", 1)[1]
    feed = client.get(path)
    assert feed.status_code == 200
    titles = [str(e["summary"]) for e in Calendar.from_ical(feed.data).walk("VEVENT")]
    assert titles == ["Fællesspisning"]
    events.change_occurrence(host, going, going.starts_at)  # called off: phones are told
    db.session.commit()  # the feed is read on another connection
    [entry] = Calendar.from_ical(client.get(path).data).walk("VEVENT")
    assert entry["status"] == "CANCELLED"
    new_url = me.post("/api/v1/calendar/rotate").get_json()["url"]
    assert new_url != url
    assert client.get(path).status_code == 404
    assert client.get(new_url.split("localhost", 1)[1]).status_code == 200
    assert client.get("/api/v1/calendar").status_code == 401


def test_a_single_events_ics_follows_a_move(circle, make_client):
    host = make_member(circle, role="organizer")
    event = make_event(circle, host)
    mette = make_client(host)
    later = (event.starts_at.replace(microsecond=0)).isoformat()
    moved = {
        "occurrence_start": later,
        "starts_at": "2027-09-01T15:00:00+02:00",
        "ends_at": "2027-09-01T16:00:00+02:00",
    }
    assert mette.post(f"/api/v1/events/{event.id}/occurrences/move", json=moved).status_code == 200
    [entry] = Calendar.from_ical(mette.get(f"/api/v1/events/{event.id}.ics").data).walk("VEVENT")
    assert entry["dtstart"].dt.isoformat() == "2027-09-01T15:00:00+02:00"
    assert "RECURRENCE-ID" not in entry


def weekly_walk(circle, make_client, organizer=None):
    """Mette's Sunday walk, four weeks running; the API's answer with its occurrences."""
    mette = make_client(organizer or make_member(circle, role="organizer"))
    series = {
        "circle_id": circle.id,
        "title": "Søndagsgåtur",
        "kind": "walk",
        "starts_at": "2027-03-21T10:00:00+01:00",
        "ends_at": "2027-03-21T11:00:00+01:00",
        "rrule": "FREQ=WEEKLY;COUNT=4",
    }
    return mette.post("/api/v1/events", json=series).get_json()


def test_adding_one_booked_sunday_walk_to_my_calendar_adds_that_one_walk(circle, make_client):
    walk = weekly_walk(circle, make_client)
    karen = make_client(make_member(circle))
    second = walk["occurrences"][1]["occurrence_start"]
    booked = {"going": True, "occurrence_start": second}
    assert karen.post(f"/api/v1/events/{walk['id']}/rsvp", json=booked).status_code < 300
    answer = karen.get(
        f"/api/v1/events/{walk['id']}.ics", query_string={"occurrence_start": second}
    )
    assert answer.status_code == 200 and answer.mimetype == "text/calendar"
    [entry] = Calendar.from_ical(answer.data).walk("VEVENT")
    assert "RRULE" not in entry and "RECURRENCE-ID" not in entry
    assert entry["dtstart"].dt.isoformat() == "2027-03-28T10:00:00+02:00"
    assert str(entry["summary"]) == "Søndagsgåtur"


def test_my_feed_holds_exactly_the_walks_i_booked_not_the_whole_series(circle, make_client, client):
    mette = make_member(circle, role="organizer")
    walk = weekly_walk(circle, make_client, mette)
    other = make_event(circle, mette, title="Fællesspisning")
    karen = make_client(make_member(circle))
    for occurrence in (walk["occurrences"][0], walk["occurrences"][2]):
        body = {"going": True, "occurrence_start": occurrence["occurrence_start"]}
        assert karen.post(f"/api/v1/events/{walk['id']}/rsvp", json=body).status_code < 300
    assert other.id  # an event Karen did not book stays out of her feed
    path = karen.get("/api/v1/calendar").get_json()["url"].split("localhost", 1)[1]
    entries = Calendar.from_ical(client.get(path).data).walk("VEVENT")
    assert [e["dtstart"].dt.isoformat() for e in entries] == [
        "2027-03-21T10:00:00+01:00",
        "2027-04-04T10:00:00+02:00",
    ]
    assert all("RRULE" not in e for e in entries)
    assert len({str(e["uid"]) for e in entries}) == 2
