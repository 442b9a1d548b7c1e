"""Issue 13's "What must be true", items 1-8, checked on the demo data through the API and the
organizer pages, as real people would meet them (the browser plays the journey in
tests/browser/test_demo_journey.py)."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from circles.accounts.models import User
from circles.core.types import utcnow
from circles.db import transaction
from circles.demo.data import DEMO_PASSWORD, load_demo
from circles.events.models import Event
from circles.extensions import db
from circles.help.models import HelpRequest, Match
from circles.membership.models import Circle
from circles.notify.models import Notification
from tests.organizing.test_inger_story import press


@pytest.fixture
def demo(app, ctx):
    """The demo as `flask circles demo` loads it; a client for any demo person by first name."""
    with transaction():
        load_demo()
    people = {u.name.split()[0].lower(): u for u in db.session.scalars(select(User)) if u.name}
    trojborg = db.session.scalar(select(Circle).where(Circle.name == "Trøjborg"))

    def signed_in(first_name):
        client = app.test_client()
        email = people[first_name].email
        answer = client.post("/api/v1/auth/login", json={"email": email, "password": DEMO_PASSWORD})
        assert answer.status_code == 200, answer.get_json()
        return client

    return people, trojborg, signed_in


def open_request(person, category) -> HelpRequest:
    return db.session.scalar(
        select(HelpRequest).filter_by(requester_id=person.id, category=category, status="open")
    )


def test_1_nothing_can_be_written_before_both_agree_and_organizers_cannot_read_it(demo):
    people, trojborg, signed_in = demo
    mette, jonas = signed_in("mette"), signed_in("jonas")
    shopping = open_request(people["mette"], "shopping")
    invite = {"request_id": shopping.id, "helper_id": people["jonas"].id}
    match = mette.post("/api/v1/matches", json=invite).get_json()
    early = jonas.post(f"/api/v1/matches/{match['id']}/messages", json={"body": "Hej"})
    assert early.status_code == 409, early.get_json()
    assert jonas.post(f"/api/v1/matches/{match['id']}/accept").status_code == 200
    written = jonas.post(f"/api/v1/matches/{match['id']}/messages", json={"body": "Hej Mette"})
    assert written.status_code == 201, written.get_json()
    assert mette.get(f"/api/v1/matches/{match['id']}/messages").status_code == 200
    # Karen and Søren agree on her IT help: Mette organizes Trøjborg, yet cannot read them.
    karen, soren = signed_in("karen"), signed_in("søren")
    it_help = open_request(people["karen"], "it_help")
    ask_soren = {"request_id": it_help.id, "helper_id": people["søren"].id}
    theirs = karen.post("/api/v1/matches", json=ask_soren)
    assert theirs.status_code == 201, theirs.get_json()
    path = f"/api/v1/matches/{theirs.get_json()['id']}"
    assert soren.post(f"{path}/accept").status_code == 200
    assert soren.post(f"{path}/messages", json={"body": "Jeg kommer torsdag"}).status_code == 201
    assert karen.get(f"{path}/messages").status_code == 200
    db.session.expire_all()
    heard = db.session.scalars(select(Notification).filter_by(user_id=people["karen"].id))
    assert "help.message" in [n.kind for n in heard]  # by each channel she chose
    assert mette.get(f"{path}/messages").status_code in (403, 404)
    assert signed_in("lars").get(f"{path}/messages").status_code in (403, 404)


def test_2_a_member_known_by_postcode_is_never_given_a_distance(demo):
    people, trojborg, signed_in = demo
    mette = signed_in("mette")
    joined = mette.post(f"/api/v1/circles/{trojborg.id}/members",
                        json={"name": "Erik Holm", "phone": "20 11 22 33",
                              "birth_date": "1944-03-02", "postcode": "8000"})  # fmt: skip
    assert joined.status_code == 201, joined.get_json()
    erik = db.session.get(User, joined.get_json()["user_id"])
    offer = mette.post("/api/v1/offers", json={"category": "shopping", "user_id": erik.id})
    assert offer.status_code == 201, offer.get_json()
    shopping = open_request(people["mette"], "shopping")
    ranked = mette.get(f"/api/v1/requests/{shopping.id}/suggestions").get_json()
    [for_erik] = [s for s in ranked if s["helper_id"] == erik.id]
    reasons = " ".join(for_erik["reasons"])
    assert "bor i 8000 Aarhus C" in reasons and not re.search(r"\d+ ?(m|km) væk", reasons), reasons


def test_5_karen_is_never_suggested_poul_whom_she_reported(demo):
    people, trojborg, signed_in = demo
    karen = signed_in("karen")
    it_help = open_request(people["karen"], "it_help")
    ranked = karen.get(f"/api/v1/requests/{it_help.id}/suggestions").get_json()
    assert people["poul"].id not in [s["helper_id"] for s in ranked]
    assert ranked, "Karen is suggested someone"


def test_5_karen_is_not_shown_poul_s_requests_until_her_report_is_handled(demo):
    people, trojborg, signed_in = demo
    desk = signed_in("mette")
    poul = people["poul"]
    member_page = f"/organize/circles/{trojborg.id}/members/{poul.id}"
    posted = press(desk, member_page, f"{member_page}/request", category="garden",
                   description="Poul vil have slået græs")  # fmt: skip
    assert posted.status_code == 302, posted.get_data(True)[-500:]
    nearby = signed_in("karen").get("/api/v1/requests?near=1").get_json()
    assert "Poul vil have slået græs" not in [r.get("description") for r in nearby]
    soren_sees = signed_in("søren").get("/api/v1/requests?near=1").get_json()
    assert "Poul vil have slået græs" in [r.get("description") for r in soren_sees]


def test_6_a_request_posted_at_the_desk_tells_the_helpers_nearby(demo):
    people, trojborg, signed_in = demo
    desk = signed_in("mette")
    inger = people["inger"]
    member_page = f"/organize/circles/{trojborg.id}/members/{inger.id}"
    posted = press(desk, member_page, f"{member_page}/request", category="shopping",
                   description="Indkøb i Netto")  # fmt: skip
    assert posted.status_code == 302, posted.get_data(True)[-500:]
    db.session.expire_all()
    told = db.session.scalars(select(Notification).filter_by(kind="help.nearby")).all()
    assert people["jonas"].id in [n.user_id for n in told]  # he offers shopping, 3 km


def test_6_booking_inger_on_the_full_meal_says_her_place_on_the_waiting_list(demo):
    people, trojborg, signed_in = demo
    desk = signed_in("mette")
    inger = people["inger"]
    meal = db.session.scalar(select(Event).where(Event.title == "Fællesspisning hos Karen"))
    member_page = f"/organize/circles/{trojborg.id}/members/{inger.id}"
    page = desk.get(member_page).get_data(True)
    [slot] = re.findall(rf'value="({meal.id}@[^"]+)"', page)
    booked = press(desk, member_page, f"{member_page}/book", occurrence=slot)
    assert booked.status_code == 302
    shown = desk.get(member_page).get_data(True)
    assert "står på ventelisten som nummer 1" in shown
    assert "Pladsen er booket" not in shown


def test_7_a_forty_year_old_may_offer_to_help_in_a_demo_circle(demo, app):
    client = app.test_client()
    client.post("/api/v1/auth/register", json={
        "email": "mikkel@example.dk", "password": "a good long password", "name": "Mikkel Berg",
        "birth_date": "1986-03-09", "postcode": "8000"})  # fmt: skip
    listed = client.get("/api/v1/circles").get_json()
    trojborg = next(c for c in listed if c["name"] == "Trøjborg")
    assert (trojborg["may_join"], trojborg["may_help"]) == (False, True)
    offered = client.post(f"/api/v1/circles/{trojborg['id']}/join", json={"role": "helper"})
    assert offered.status_code == 201, offered.get_json()
    assert (offered.get_json()["role"], offered.get_json()["status"]) == ("helper", "pending")


def test_8_karen_cannot_book_her_own_meal(demo):
    people, trojborg, signed_in = demo
    meal = db.session.scalar(select(Event).where(Event.title == "Fællesspisning hos Karen"))
    when = {"occurrence_start": meal.starts_at.isoformat()}
    refused = signed_in("karen").post(f"/api/v1/events/{meal.id}/rsvp", json=when)
    assert refused.status_code == 409, refused.get_json()
    assert refused.get_json()["key"] == "event.host_cannot_book"


def test_8_karen_and_soren_make_a_weekly_chat_and_either_may_pause_or_stop_it(demo):
    people, trojborg, signed_in = demo
    karen, soren = signed_in("karen"), signed_in("søren")
    made = karen.post("/api/v1/arrangements", json={
        "helper_id": people["søren"].id, "category": "phone_chat", "every_weeks": 1,
        "first_at": (utcnow() + timedelta(days=2)).isoformat()})  # fmt: skip
    assert made.status_code == 201, made.get_json()
    path = f"/api/v1/arrangements/{made.get_json()['id']}"
    pause_until = (utcnow() + timedelta(days=20)).date().isoformat()
    assert soren.patch(path, json={"paused_until": pause_until}).status_code == 200
    assert karen.delete(path).status_code in (200, 204)
    db.session.expire_all()
    assert db.session.scalar(select(Match).where(Match.status == "proposed")) is None
