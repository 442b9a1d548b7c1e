"""A repeating event changes its time or its rule: places follow, or are cancelled and told."""

import pytest

from circles.events.models import Booking
from circles.notify.models import Notification
from tests.factories import make_circle, make_member

WALK = {
    "kind": "walk",
    "title": "Søndagsgåtur",
    "place_name": "Trøjborg Kirke",
    "starts_at": "2027-06-06T10:00:00+02:00",
    "ends_at": "2027-06-06T11:30:00+02:00",
    "capacity": 12,
    "rrule": "FREQ=WEEKLY;COUNT=4",
}


@pytest.fixture
def circle(ctx):
    return make_circle()


@pytest.fixture
def story(circle, make_client):
    """Mette runs a weekly walk; Karen has a place on the second Sunday, Ole on the third."""
    mette = make_client(make_member(circle, role="organizer", name="Mette"))
    karen = make_member(circle, name="Karen")
    ole = make_member(circle, name="Ole", language="en")
    event = mette.post("/api/v1/events", json={**WALK, "circle_id": circle.id}).get_json()
    starts = [o["occurrence_start"] for o in event["occurrences"]]
    for person, start in ((karen, starts[1]), (ole, starts[2])):
        answer = make_client(person).post(
            f"/api/v1/events/{event['id']}/rsvp", json={"occurrence_start": start}
        )
        assert answer.status_code == 201
    return mette, make_client(karen), make_client(ole), event["id"], starts


def my_times(client, event_id) -> list[str]:
    """The starts of the occurrences the member has a place on, as the app shows them."""
    occurrences = client.get(f"/api/v1/events/{event_id}").get_json()["occurrences"]
    return [o["starts_at"] for o in occurrences if o["my_status"] == "going"]


def test_a_new_start_time_moves_every_place_to_the_same_walk_at_the_new_time(story):
    mette, karen, ole, event_id, _ = story
    later = {"starts_at": "2027-06-06T11:00:00+02:00", "ends_at": "2027-06-06T12:30:00+02:00"}
    assert mette.patch(f"/api/v1/events/{event_id}", json=later).status_code == 200
    assert my_times(karen, event_id) == ["2027-06-13T11:00:00+02:00"]
    assert my_times(ole, event_id) == ["2027-06-20T11:00:00+02:00"]
    assert Booking.query.filter_by(status="cancelled").count() == 0
    texts = [n["text"] for n in karen.get("/api/v1/notifications").get_json()]
    assert any("ændret" in text for text in texts)


def test_moving_the_walk_to_another_weekday_moves_each_place_to_the_day_after(story):
    mette, karen, ole, event_id, _ = story
    monday = {"starts_at": "2027-06-07T10:00:00+02:00", "ends_at": "2027-06-07T11:30:00+02:00"}
    assert mette.patch(f"/api/v1/events/{event_id}", json=monday).status_code == 200
    assert my_times(karen, event_id) == ["2027-06-14T10:00:00+02:00"]
    assert my_times(ole, event_id) == ["2027-06-21T10:00:00+02:00"]


def test_a_fortnightly_rule_cancels_places_on_the_sundays_that_are_gone_and_tells_them(story):
    mette, karen, ole, event_id, starts = story
    fortnightly = {"rrule": "FREQ=WEEKLY;INTERVAL=2;COUNT=2"}
    assert mette.patch(f"/api/v1/events/{event_id}", json=fortnightly).status_code == 200
    assert my_times(karen, event_id) == []  # 13 June is no longer a walk
    assert my_times(ole, event_id) == ["2027-06-20T10:00:00+02:00"]
    karens = Booking.query.filter_by(status="cancelled").one()
    assert karens.occurrence_start.isoformat().startswith("2027-06-13")
    told = Notification.query.filter_by(kind="occurrence_cancelled").one()
    assert "13 juni" in karen.get("/api/v1/notifications").get_json()[0]["text"]
    assert told.params["title"] == "Søndagsgåtur"
    # Ole keeps his place and hears only that the walk changed.
    assert [n["kind"] for n in ole.get("/api/v1/notifications").get_json()] == ["event_changed"]


def test_a_cancelled_sunday_stays_cancelled_when_the_time_changes(story):
    mette, karen, _, event_id, starts = story
    cancel = {"occurrence_start": starts[3]}
    assert mette.post(f"/api/v1/events/{event_id}/occurrences/cancel", json=cancel).status_code
    later = {"starts_at": "2027-06-06T11:00:00+02:00", "ends_at": "2027-06-06T12:30:00+02:00"}
    assert mette.patch(f"/api/v1/events/{event_id}", json=later).status_code == 200
    occurrences = karen.get(f"/api/v1/events/{event_id}").get_json()["occurrences"]
    assert [(o["starts_at"], o["cancelled"]) for o in occurrences][-1] == (
        "2027-06-27T11:00:00+02:00",
        True,
    )
