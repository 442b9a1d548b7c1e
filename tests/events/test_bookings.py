"""Places on events: the waiting list, private addresses, attendance, interest in proposals."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import time_machine

from circles.core.models import AuditEntry
from circles.events.models import Booking
from circles.extensions import db
from circles.notify.models import Notification
from tests.factories import book, make_circle, make_event, make_member


@pytest.fixture
def circle(ctx):
    return make_circle()


@pytest.fixture
def organizer(circle):
    return make_member(circle, role="organizer", name="Mette")


def test_a_full_meal_puts_people_on_the_waiting_list_and_a_freed_place_goes_to_the_first(
    circle, organizer, make_client
):
    meal = make_event(circle, organizer, kind="meal", title="Fællesspisning", capacity=2)
    karen, soren, inge, lis = (
        make_member(circle, name=n) for n in ("Karen", "Søren", "Inge", "Lis")
    )
    clients = {p.name: make_client(p) for p in (karen, soren, inge, lis)}
    statuses = [
        clients[n].post(f"/api/v1/events/{meal.id}/rsvp", json={}).get_json()["status"]
        for n in ("Karen", "Søren", "Inge", "Lis")
    ]
    assert statuses == ["going", "going", "waiting", "waiting"]
    assert clients["Inge"].get(f"/api/v1/events/{meal.id}").get_json()["occurrences"][0] == {
        **clients["Inge"].get(f"/api/v1/events/{meal.id}").get_json()["occurrences"][0],
        "places_left": 0,
        "my_status": "waiting",
    }

    assert clients["Søren"].delete(f"/api/v1/events/{meal.id}/rsvp").status_code == 204
    inge_now = clients["Inge"].get(f"/api/v1/events/{meal.id}").get_json()["occurrences"][0]
    assert inge_now["my_status"] == "going"
    told = clients["Inge"].get("/api/v1/notifications").get_json()
    assert "plads" in told[0]["text"]
    assert clients["Lis"].get("/api/v1/notifications").get_json() == []
    going = db.session.query(Booking).filter_by(event_id=meal.id, status="going").count()
    assert going == 2


def test_saying_not_going_by_post_frees_the_place_too(circle, organizer, make_client):
    walk = make_event(circle, organizer, capacity=1)
    karen = make_member(circle)
    make_client(karen).post(f"/api/v1/events/{walk.id}/rsvp", json={})
    answer = make_client(karen).post(f"/api/v1/events/{walk.id}/rsvp", json={"going": False})
    assert answer.status_code == 201 and answer.get_json()["status"] == "cancelled"


def test_raising_the_capacity_moves_people_up(circle, organizer, make_client):
    walk = make_event(circle, organizer, capacity=1)
    first, second = make_member(circle), make_member(circle)
    book(walk, first)
    book(walk, second, status="waiting")
    make_client(organizer).patch(f"/api/v1/events/{walk.id}", json={"capacity": 2})
    db.session.expire_all()
    assert db.session.query(Booking).filter_by(user_id=second.id).one().status == "going"


def test_a_private_address_is_shown_only_to_those_with_a_place(circle, organizer, make_client):
    meal = make_event(
        circle, organizer, kind="meal", address="Tordenskjoldsgade 5, 2. th", address_private=True
    )
    karen = make_client(make_member(circle))
    before = karen.get(f"/api/v1/events/{meal.id}").get_json()
    assert before["address"] is None and before["address_hidden"] is True
    assert "Tordenskjold" not in karen.get(f"/api/v1/events/{meal.id}.ics").get_data(as_text=True)
    karen.post(f"/api/v1/events/{meal.id}/rsvp", json={})
    after = karen.get(f"/api/v1/events/{meal.id}").get_json()
    assert after["address"] == "Tordenskjoldsgade 5, 2. th"
    assert "Tordenskjold" in karen.get(f"/api/v1/events/{meal.id}.ics").get_data(as_text=True)
    assert make_client(organizer).get(f"/api/v1/events/{meal.id}").get_json()["address"]


def test_an_organizer_books_for_a_member_who_is_not_online_and_it_is_logged(
    circle, organizer, make_client
):
    walk = make_event(circle, organizer)
    karen = make_member(circle, name="Karen")
    mette = make_client(organizer)
    booked = mette.post(f"/api/v1/events/{walk.id}/rsvp", json={"user_id": karen.id})
    assert booked.status_code == 201 and booked.get_json()["user_id"] == karen.id
    assert db.session.query(AuditEntry).filter_by(action="event.booked_for").count() == 1
    assert db.session.query(Notification).filter_by(user_id=karen.id).count() == 1
    other = make_client(make_member(circle))
    refused = other.post(f"/api/v1/events/{walk.id}/rsvp", json={"user_id": karen.id})
    assert refused.status_code == 403


def test_the_host_marks_attendance_only_after_the_event(circle, organizer, make_client):
    walk = make_event(circle, organizer, starts_in=timedelta(hours=1))
    karen, soren = make_member(circle), make_member(circle)
    book(walk, karen)
    book(walk, soren)
    mette = make_client(organizer)
    marked = {"attended": [karen.id]}
    assert mette.post(f"/api/v1/events/{walk.id}/attendance", json=marked).status_code == 409
    assert (
        make_client(karen).post(f"/api/v1/events/{walk.id}/attendance", json=marked).status_code
        == 403
    )
    with time_machine.travel(walk.ends_at + timedelta(minutes=5)):
        # An organizer's session times out when idle (CIRCLES_PRIVILEGED_IDLE_MINUTES): hours
        # later she signs in afresh.
        done = make_client(organizer).post(f"/api/v1/events/{walk.id}/attendance", json=marked)
        assert done.status_code == 200
        assert {b["user_id"]: b["attended"] for b in done.get_json()} == {
            karen.id: True,
            soren.id: False,
        }
        late = make_client(karen).post(f"/api/v1/events/{walk.id}/rsvp", json={})
        assert late.status_code == 409
    listed = mette.get(f"/api/v1/events/{walk.id}/bookings").get_json()
    assert [b["name"] for b in listed] == [karen.name, soren.name]


def test_a_proposed_walk_becomes_real_when_enough_say_they_would_come(
    circle, organizer, make_client
):
    karen = make_member(circle, name="Karen")
    idea = {
        "circle_id": circle.id,
        "kind": "walk",
        "title": "Gåtur søndag morgen?",
        "starts_at": "2027-05-02T09:00:00+02:00",
        "ends_at": "2027-05-02T10:00:00+02:00",
        "proposed": True,
        "interest_threshold": 2,
    }
    proposal = make_client(karen).post("/api/v1/events", json=idea).get_json()
    assert proposal["status"] == "proposed"
    soren, inge = make_client(make_member(circle)), make_client(make_member(circle))
    ideas = soren.get("/api/v1/events?status=proposed&days=366").get_json()
    assert [i["title"] for i in ideas] == ["Gåtur søndag morgen?"]
    assert soren.post(f"/api/v1/events/{proposal['id']}/rsvp", json={}).status_code == 409
    first = soren.post(f"/api/v1/events/{proposal['id']}/interest").get_json()
    assert first == {**first, "status": "proposed", "interest_count": 1}
    second = inge.post(f"/api/v1/events/{proposal['id']}/interest").get_json()
    assert second["status"] == "scheduled"
    told = make_client(organizer).get("/api/v1/notifications").get_json()
    assert "bliver til noget" in told[0]["text"]
    assert inge.post(f"/api/v1/events/{proposal['id']}/interest").status_code == 409
    assert soren.post(f"/api/v1/events/{proposal['id']}/rsvp", json={}).status_code == 201


def test_a_proposal_needs_a_threshold(circle, make_client):
    karen = make_client(make_member(circle))
    idea = {
        "circle_id": circle.id,
        "title": "Noget?",
        "proposed": True,
        "starts_at": "2027-05-02T09:00:00+02:00",
        "ends_at": "2027-05-02T10:00:00+02:00",
    }
    response = karen.post("/api/v1/events", json=idea)
    assert response.status_code == 422
    assert "interest_threshold" in response.get_json()["errors"]["json"]


def test_capacity_holds_when_many_sign_up_at_the_same_moment(
    app, real_commits, circle, organizer, make_client
):
    walk = make_event(circle, organizer, capacity=3)
    people = [make_member(circle, name=f"Person {n}") for n in range(10)]
    clients = [make_client(person) for person in people]
    path = f"/api/v1/events/{walk.id}/rsvp"

    def sign_up(client):
        return client.post(path, json={}).status_code

    with ThreadPoolExecutor(max_workers=10) as pool:
        codes = list(pool.map(sign_up, clients))
    assert codes == [201] * 10
    db.session.expire_all()
    statuses = [b.status for b in db.session.query(Booking).filter_by(event_id=walk.id)]
    assert statuses.count("going") == 3 and statuses.count("waiting") == 7


def test_moving_a_single_event_keeps_its_bookings_and_tells_those_booked(
    circle, organizer, make_client
):
    walk = make_event(circle, organizer)
    karen = make_member(circle)
    book(walk, karen)
    later = {"starts_at": "2027-09-01T15:00:00+02:00", "ends_at": "2027-09-01T16:00:00+02:00"}
    assert make_client(organizer).patch(f"/api/v1/events/{walk.id}", json=later).status_code == 200
    me = make_client(karen)
    [place] = me.get(f"/api/v1/events/{walk.id}").get_json()["occurrences"]
    assert place["my_status"] == "going" and place["starts_at"] == "2027-09-01T15:00:00+02:00"
    assert "ændret" in me.get("/api/v1/notifications").get_json()[0]["text"]
