"""Sign-in cards cannot make an organizer into anyone else: Mette, organizer of Trøjborg, tries
to print a card for Lars (organizer of Frederiksbjerg, with a password, a member of Trøjborg too)
to read Frederiksbjerg's members. Cards are for members without a password or any role; a card
session has member rights only, ends with the card's own limit, and the member hears of it."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from circles.accounts.models import SignInCard, UserSession
from circles.core.models import AuditEntry
from circles.extensions import db
from circles.notify.models import Notification
from circles.organizing import printing
from tests.factories import add_member, make_admin, make_circle, make_member, make_staff

FREDERIKSBJERG = (56.1475, 10.2010)


@pytest.fixture
def aarhus(app, ctx, make_client, monkeypatch):
    """Trøjborg run by Mette, Frederiksbjerg run by Lars, and Inger, who has no smartphone."""
    trojborg = make_circle("Trøjborg")
    frederiksbjerg = make_circle("Frederiksbjerg", centre=FREDERIKSBJERG)
    mette = make_member(trojborg, role="organizer", name="Mette Holm")
    lars = make_member(frederiksbjerg, role="organizer", name="Lars Bak", home=FREDERIKSBJERG)
    add_member(lars, trojborg)
    make_member(frederiksbjerg, name="Birthe Fødselsdag", phone="86 55 44 33")
    desk = make_client(mette)
    inger = desk.post(
        f"/api/v1/circles/{trojborg.id}/members",
        json={"name": "Inger Ødegård", "phone": "86123456", "birth_date": "1941-04-02",
              "postcode": "8000"},
    ).get_json()["user_id"]  # fmt: skip
    links = []
    drawn = printing.sign_in_card
    monkeypatch.setattr(printing, "sign_in_card", lambda *a: links.append(a[2]) or drawn(*a))
    return {"trojborg": trojborg, "frederiksbjerg": frederiksbjerg, "mette": desk,
            "mette_user": mette, "lars": lars, "inger": inger, "codes": links}  # fmt: skip


def print_card(people, user_id):
    url = f"/api/v1/circles/{people['trojborg'].id}/members/{user_id}/sign-in-card"
    return people["mette"].post(url)


def sign_in_with_card(app, people):
    code = people["codes"][-1].rsplit("/", 1)[1]
    client = app.test_client()
    signed = client.post("/api/v1/auth/card", json={"code": code})
    assert signed.status_code == 200, signed.get_json()
    return client, signed


def test_mette_cannot_print_a_card_for_lars_who_runs_a_circle_and_has_a_password(aarhus):
    refused = print_card(aarhus, aarhus["lars"].id)
    assert refused.status_code == 403
    assert "adgangskode" in refused.get_json()["message"]
    assert db.session.query(SignInCard).count() == 0
    assert not aarhus["codes"]


@pytest.mark.parametrize("who", ["password", "staff", "admin"])
def test_no_card_for_anyone_with_a_password_or_a_role(aarhus, who):
    trojborg = aarhus["trojborg"]
    if who == "password":
        person = make_member(trojborg, name="Poul Kode")
    elif who == "staff":
        person = make_staff(trojborg.municipality)
        add_member(person, trojborg)
    else:
        person = make_admin()
        add_member(person, trojborg)
    if who != "password":
        person.password_hash = None  # a role is enough, password or not
        db.session.commit()
    assert print_card(aarhus, person.id).status_code == 403


def test_a_card_session_has_member_rights_only_even_when_a_role_is_granted_later(app, aarhus):
    assert print_card(aarhus, aarhus["inger"]).status_code == 200
    tablet, signed = sign_in_with_card(app, aarhus)
    assert tablet.get("/api/v1/me").get_json()["id"] == aarhus["inger"]
    frederiksbjerg = aarhus["frederiksbjerg"]
    inger = db.session.get(type(aarhus["lars"]), aarhus["inger"])
    add_member(inger, frederiksbjerg, role="organizer")  # appointed while the tablet is signed in
    members = tablet.get(f"/api/v1/circles/{frederiksbjerg.id}/members")
    assert members.status_code in (401, 403)
    assert "Birthe" not in members.get_data(True)
    assert tablet.get(f"/organize/circles/{frederiksbjerg.id}/today").status_code in (302, 401, 403)


def test_a_card_session_is_not_remembered_beyond_the_cards_own_limit(app, aarhus):
    assert print_card(aarhus, aarhus["inger"]).status_code == 200
    tablet, signed = sign_in_with_card(app, aarhus)
    card = db.session.query(SignInCard).one()
    # Kept on the tablet across restarts, but the server ends it at the card's own limit.
    session_row = db.session.query(UserSession).filter_by(user_id=aarhus["inger"]).one()
    assert session_row.by_card and session_row.expires_at <= card.expires_at
    with time_machine.travel(card.created_at + timedelta(days=20)):
        assert tablet.get("/api/v1/me").status_code == 200
    with time_machine.travel(card.expires_at + timedelta(minutes=1)):
        assert tablet.get("/api/v1/me").status_code == 401


def test_inger_is_told_when_a_card_is_printed_for_her(aarhus):
    assert print_card(aarhus, aarhus["inger"]).status_code == 200
    told = db.session.query(Notification).filter_by(user_id=aarhus["inger"]).one()
    assert told.kind == "card.printed"
    assert told.params["circle"] == "Trøjborg" and told.params["organizer"] == "Mette Holm"


def test_printing_cards_is_limited_and_every_card_audited(aarhus, make_client):
    for _ in range(3):
        assert print_card(aarhus, aarhus["inger"]).status_code == 200
    too_many = print_card(aarhus, aarhus["inger"])
    assert too_many.status_code == 429 and int(too_many.headers["Retry-After"]) > 0
    printed = db.session.query(AuditEntry).filter_by(action="sign_in_card.printed").count()
    assert printed == 3
    with time_machine.travel(datetime.now(UTC) + timedelta(days=1, minutes=1)):
        # A day on, Mette's organizer session has timed out when idle: she signs in again.
        aarhus["mette"] = make_client(aarhus["mette_user"])
        assert print_card(aarhus, aarhus["inger"]).status_code == 200
