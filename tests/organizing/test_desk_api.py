"""Inger phones the organizer: Mette registers her, asks for help, offers and books for her,
and Inger can later read who did what on her behalf."""

from circles.accounts import services as accounts
from circles.accounts.models import User
from circles.core.i18n import local_today
from circles.core.models import AuditEntry
from circles.extensions import db
from circles.help.models import Offer
from tests.factories import PASSWORD, make_circle, make_event, make_member

INGER = {
    "name": "Inger Holm",
    "phone": "+45 86 12 34 56",
    "birth_date": "1941-04-02",
    "postcode": "8000",
    "address": "Tordenskjoldsgade 12",
}


def test_organizer_registers_a_caller_and_acts_for_her(app, make_client, ctx):
    circle = make_circle()
    organizer = make_member(circle, role="organizer", name="Mette")
    mette = make_client(organizer)
    walk = make_event(circle, organizer, capacity=10)

    registered = mette.post(f"/api/v1/circles/{circle.id}/members", json=INGER)
    assert registered.status_code == 201, registered.get_json()
    card = registered.get_json()
    assert card["phone"] == INGER["phone"] and card["signs_in"] is False
    assert card["status"] == "active" and card["contact_channels"] == ["phone"]
    inger_id = card["user_id"]

    by_phone = mette.get(f"/api/v1/circles/{circle.id}/members?q=86123456").get_json()
    by_name = mette.get(f"/api/v1/circles/{circle.id}/members?q=holm").get_json()
    assert [m["user_id"] for m in by_phone] == [m["user_id"] for m in by_name] == [inger_id]

    asked = mette.post(
        "/api/v1/requests",
        json={"category": "transport", "requester_id": inger_id, "circle_id": circle.id},
    )
    assert asked.status_code == 201, asked.get_json()
    offered = mette.post("/api/v1/offers", json={"category": "phone_chat", "user_id": inger_id})
    assert offered.status_code == 201 and offered.get_json()["user_id"] == inger_id
    assert db.session.get(Offer, offered.get_json()["id"]).created_by_id == organizer.id
    booked = mette.post(f"/api/v1/events/{walk.id}/rsvp", json={"user_id": inger_id})
    assert booked.status_code in (200, 201), booked.get_json()

    inger = db.session.get(User, inger_id)
    accounts.set_password(inger, PASSWORD)  # later she gets a sign-in card and a password
    inger.email = "inger@example.dk"
    db.session.commit()
    done = make_client(inger).get("/api/v1/me/on-my-behalf").get_json()
    assert [e["action"] for e in done] == [
        "event.booked_for",
        "offer.posted",
        "request.posted",
        "member.registered",
    ]
    assert all(e["actor_name"] == "Mette" for e in done)
    assert done[-1]["text"] == "Mette meldte Inger Holm ind."


def test_the_circle_log_filters_by_member_action_and_day(make_client, ctx):
    circle = make_circle()
    organizer = make_member(circle, role="organizer", name="Mette")
    mette = make_client(organizer)
    inger = mette.post(f"/api/v1/circles/{circle.id}/members", json=INGER).get_json()
    other = dict(INGER, name="Poul", phone="22 33 44 55")
    poul = mette.post(f"/api/v1/circles/{circle.id}/members", json=other).get_json()
    mette.post("/api/v1/offers", json={"category": "garden", "user_id": poul["user_id"]})
    log = f"/api/v1/circles/{circle.id}/audit"

    assert len(mette.get(log).get_json()) == 3
    mine = mette.get(f"{log}?member_id={poul['user_id']}").get_json()
    assert [e["action"] for e in mine] == ["offer.posted", "member.registered"]
    offers = mette.get(f"{log}?action=offer").get_json()
    assert [e["member_name"] for e in offers] == ["Poul"]
    # Days are Mette's own (Copenhagen's): from 23:00 UTC in winter that is already tomorrow.
    today = local_today(organizer.timezone).isoformat()
    assert len(mette.get(f"{log}?from={today}&to={today}&actor_id={organizer.id}").get_json()) == 3
    assert mette.get(f"{log}?to=2020-01-01").get_json() == []
    backwards = mette.get(f"{log}?from=2026-02-01&to=2026-01-01")
    assert backwards.status_code == 422 and "from" in backwards.get_json()["errors"]["query"]
    assert inger["user_id"] in {e["member_id"] for e in mette.get(log).get_json()}


def test_bad_or_duplicate_callers_are_refused_naming_the_field(make_client, ctx):
    circle = make_circle()
    mette = make_client(make_member(circle, role="organizer"))
    url = f"/api/v1/circles/{circle.id}/members"
    assert mette.post(url, json=INGER).status_code == 201
    again = mette.post(url, json=dict(INGER, name="Inger H.", phone="86-12-34-56 "))
    assert again.status_code == 409 and "phone" in again.get_json()["errors"]["json"]
    young = mette.post(url, json=dict(INGER, phone="11111111", birth_date="1990-01-01"))
    assert young.status_code == 422 and "birth_date" in young.get_json()["errors"]["json"]
    nowhere = mette.post(url, json=dict(INGER, phone="22222222", postcode="0001"))
    assert nowhere.status_code == 422 and "postcode" in nowhere.get_json()["errors"]["json"]
    nameless = mette.post(url, json={k: v for k, v in INGER.items() if k != "name"})
    assert "name" in nameless.get_json()["errors"]["json"]
    assert db.session.query(AuditEntry).count() == 1  # refused callers leave nothing behind


def test_an_organizer_cannot_offer_for_someone_outside_their_circles(make_client, ctx):
    circle = make_circle()
    mette = make_client(make_member(circle, role="organizer"))
    stranger = make_member(make_circle("Risskov", centre=(56.193, 10.229)))
    refused = mette.post("/api/v1/offers", json={"category": "garden", "user_id": stranger.id})
    assert refused.status_code == 403
    assert db.session.query(Offer).count() == 0
