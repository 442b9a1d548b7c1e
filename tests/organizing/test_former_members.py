"""Karen leaves Trøjborg. For a while Mette, its organizer, can still phone her (to say goodbye,
to return a borrowed key); after CIRCLES_FORMER_MEMBER_CONTACT_DAYS only Karen's name is left."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests.factories import make_circle, make_member

LEFT = datetime(2026, 3, 2, 10, tzinfo=UTC)
CONTACTS = ("phone", "email", "address", "postcode", "place_name", "birth_date")


@pytest.fixture
def karen_has_left(ctx, make_client):
    circle = make_circle("Trøjborg")
    mette = make_member(circle, role="organizer", name="Mette Holm")
    karen = make_member(circle, name="Karen Jensen", phone="86 12 34 56", postcode="8000",
                        address="Tordenskjoldsgade 7", email="karen.j@example.dk")  # fmt: skip
    with time_machine.travel(LEFT, tick=False):
        left = make_client(karen).post(f"/api/v1/circles/{circle.id}/leave")
        assert left.status_code == 204
    # Mette signs in on the day she looks (a session lasts a month).
    return circle, lambda: make_client(mette), karen


def desk_card(sign_in, circle, karen):
    mette = sign_in() if callable(sign_in) else sign_in
    return mette.get(f"/api/v1/circles/{circle.id}/members/{karen.id}").get_json()


def test_mette_still_sees_karens_contacts_for_90_days(karen_has_left):
    circle, mette, karen = karen_has_left
    with time_machine.travel(LEFT + timedelta(days=89)):
        card = desk_card(mette, circle, karen)
        assert card["status"] == "left" and card["phone"] == "86 12 34 56"
        assert card["birth_date"] == "1950-06-01" and card["email"] == "karen.j@example.dk"


def test_after_90_days_only_karens_name_is_left_in_the_api_and_on_the_pages(karen_has_left):
    circle, mette, karen = karen_has_left
    with time_machine.travel(LEFT + timedelta(days=91)):
        mette = mette()
        card = desk_card(mette, circle, karen)
        assert card["name"] == "Karen Jensen" and card["status"] == "left"
        assert all(card[key] is None for key in CONTACTS), card
        assert card["contacts_hidden"] is True
        found = mette.get(f"/api/v1/circles/{circle.id}/members?q=Karen").get_json()
        assert [c["phone"] for c in found] == [None]
        # Her old number no longer finds her: that would confirm it.
        assert mette.get(f"/api/v1/circles/{circle.id}/members?q=86123456").get_json() == []
        page = mette.get(f"/organize/circles/{circle.id}/members/{karen.id}").get_data(True)
        desk = mette.get(f"/organize/circles/{circle.id}/desk?q=Karen").get_data(True)
        for text in (page, desk):
            assert "Karen Jensen" in text
            assert "86 12 34 56" not in text and "Tordenskjoldsgade" not in text
        assert "karen.j@example.dk" not in page and "1950" not in page


def test_the_period_is_configurable(karen_has_left, app, monkeypatch):
    circle, mette, karen = karen_has_left
    monkeypatch.setitem(app.config, "CIRCLES_FORMER_MEMBER_CONTACT_DAYS", 10)
    with time_machine.travel(LEFT + timedelta(days=9)):
        assert desk_card(mette, circle, karen)["phone"] == "86 12 34 56"
    with time_machine.travel(LEFT + timedelta(days=11)):
        assert desk_card(mette, circle, karen)["phone"] is None


def test_members_who_stay_are_shown_in_full(ctx, make_client):
    circle = make_circle()
    mette = make_member(circle, role="organizer")
    inger = make_member(circle, name="Inger Ødegård", phone="86 99 88 77")
    with time_machine.travel(datetime.now(UTC) + timedelta(days=400)):
        card = desk_card(make_client(mette), circle, inger)
        assert card["phone"] == "86 99 88 77" and card["contacts_hidden"] is False


def test_the_call_log_forgets_a_former_members_phone_too(karen_has_left, make_client):
    circle, mette, karen = karen_has_left
    with time_machine.travel(LEFT + timedelta(days=10)):
        desk = mette()
        body = {"member_id": karen.id, "note": "Sagde farvel", "follow_up_on": "2026-06-15"}
        logged = desk.post(f"/api/v1/circles/{circle.id}/calls", json=body)
        assert logged.status_code == 201, logged.get_json()
        assert logged.get_json()["member_phone"] == "86 12 34 56"
    with time_machine.travel(LEFT + timedelta(days=105)):
        desk = mette()
        calls = desk.get(f"/api/v1/circles/{circle.id}/calls").get_json()
        assert [c["member_phone"] for c in calls] == [None]
        assert calls[0]["member_name"] == "Karen Jensen"
        today = desk.get(f"/organize/circles/{circle.id}/today").get_data(True)
        assert "Karen Jensen" in today and "86 12 34 56" not in today
