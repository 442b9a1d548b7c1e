"""Stories of confirming an email: Circles sends nothing to an address until its owner says so."""

import re

from flask import current_app

from circles.accounts.models import User
from circles.extensions import db
from circles.notify import channels
from tests.accounts.test_getting_back_in import arrived
from tests.factories import make_user

KAREN = {
    "name": "Karen Jensen",
    "email": "karen@example.dk",
    "password": "correct horse battery",
    "birth_date": "1948-03-14",
    "postcode": "8000",
}


def confirmation_token(message) -> str:
    return re.search(r"#/confirm-email/([\w-]+)", message.get_content()).group(1)


def test_karen_registers_confirms_her_email_and_only_then_gets_emails(client, mail_settings):
    registered = client.post("/api/v1/auth/register", json=KAREN)
    assert registered.get_json()["email_confirmed"] is False
    [(recipients, message)] = arrived(mail_settings.received)
    assert recipients == ["karen@example.dk"]
    assert message["Subject"] == "Circles: bekræft din e-mail"
    client.patch("/api/v1/me", json={"notify_by": ["inapp", "email"]})
    karen = db.session.scalar(db.select(User))
    assert channels.channels(karen, current_app.config) == []  # not confirmed: no email yet

    token = confirmation_token(message)
    confirmed = client.post("/api/v1/auth/email-confirmation/confirm", json={"token": token})
    assert confirmed.status_code == 204
    assert client.get("/api/v1/me").get_json()["email_confirmed"] is True
    db.session.refresh(karen)
    assert channels.channels(karen, current_app.config) == ["email"]


def test_karen_asks_for_the_link_again_and_the_old_one_stops_working(make_client, mail_settings):
    karen = make_user(email="karen@example.dk", email_confirmed_at=None)
    signed_in = make_client(karen)
    for count in (1, 2):  # the second asked for once the first arrived: they go in the background
        assert signed_in.post("/api/v1/me/email-confirmation").status_code == 202
        arrived(mail_settings.received, count)
    first, second = (confirmation_token(m) for _, m in mail_settings.received)
    old = signed_in.post("/api/v1/auth/email-confirmation/confirm", json={"token": first})
    assert old.status_code == 422
    new = signed_in.post("/api/v1/auth/email-confirmation/confirm", json={"token": second})
    assert new.status_code == 204
    # Once confirmed there is nothing to send.
    assert signed_in.post("/api/v1/me/email-confirmation").status_code == 409


def test_a_new_address_must_be_confirmed_and_a_link_for_the_old_one_fails(
    make_client, mail_settings
):
    karen = make_user(email="karen@example.dk", email_confirmed_at=None)
    signed_in = make_client(karen)
    signed_in.post("/api/v1/me/email-confirmation")
    old_link = confirmation_token(arrived(mail_settings.received)[0][1])
    changed = signed_in.patch("/api/v1/me", json={"email": "karen.jensen@example.dk"})
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["email_confirmed"] is False
    [_, (recipients, message)] = arrived(mail_settings.received, 2)
    assert recipients == ["karen.jensen@example.dk"]
    stale = signed_in.post("/api/v1/auth/email-confirmation/confirm", json={"token": old_link})
    assert stale.status_code == 422
    fresh = {"token": confirmation_token(message)}
    assert signed_in.post("/api/v1/auth/email-confirmation/confirm", json=fresh).status_code == 204


def test_an_address_someone_else_has_cannot_be_taken(make_client):
    make_user(email="karen@example.dk")
    other = make_client(make_user(email="soren@example.dk"))
    taken = other.patch("/api/v1/me", json={"email": "Karen@example.dk"})
    assert taken.status_code == 409
    assert "email" in taken.get_json()["errors"]["json"]


def test_a_reset_link_that_reached_the_inbox_confirms_the_address(client, mail_settings):
    make_user(email="karen@example.dk", email_confirmed_at=None)
    client.post("/api/v1/auth/password-reset", json={"email": "karen@example.dk"})
    message = arrived(mail_settings.received)[0][1]
    token = re.search(r"#/reset/([\w-]+)", message.get_content()).group(1)
    body = {"token": token, "password": "min nye lange adgangskode"}
    assert client.post("/api/v1/auth/password-reset/confirm", json=body).get_json()[
        "email_confirmed"
    ]
