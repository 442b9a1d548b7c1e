"""A member who did not get a message is someone to call: the organizers see each one that
did not arrive, and why, on their "today" page and through the API."""

from datetime import timedelta

from circles.core.types import utcnow
from circles.db import transaction
from circles.notify import delivery, notifications, push
from tests.factories import make_admin, make_circle, make_member

URL = "/api/v1/circles/{}/missed-messages"


def welcome(person):
    """A message for the person, committed as the approving request would."""
    with transaction():
        return notifications.notify(person, "membership.approved", circle="Trøjborg")


def send_until_given_up(start):
    """The scheduler's runs, an hour apart, until every try is used; the time after them."""
    later = start
    for _ in range(delivery.MAX_ATTEMPTS):
        delivery.deliver_pending(later)
        later += timedelta(hours=1)
    return later


def test_mette_sees_whose_email_did_not_arrive_and_why_and_calls_them(
    app, ctx, make_client, mail_settings, push_service, monkeypatch
):
    trojborg = make_circle(name="Trøjborg")
    mette = make_member(trojborg, role="organizer", name="Mette Holm")
    karen = make_member(trojborg, name="Karen Jensen", phone="86 12 34 56",
                        email="karen@example.dk", notify_by=["email"])  # fmt: skip
    bent = make_member(trojborg, name="Bent Madsen", email="bent@example.dk", notify_by=["email"])
    lis = make_member(
        trojborg, name="Lis Berg", email="lis@example.dk", notify_by=["email", "push"]
    )
    phone = push_service.browser("lis")
    keys = phone.subscription()["keys"]
    with transaction():
        push.subscribe(lis, phone.endpoint, keys["p256dh"], keys["auth"])
    anna = make_member(trojborg, name="Anna Holm", email="anna@example.dk", notify_by=["email"])
    mail_settings.refuse.add("karen@example.dk")  # her mailbox is gone
    welcome(karen)
    welcome(anna)  # hers arrives
    later = send_until_given_up(utcnow())
    monkeypatch.setitem(app.config, "CIRCLES_SMTP_PORT", 1)  # the mail server is down for days
    welcome(bent)
    welcome(lis)  # her phone got it, though her email did not: no need to call
    send_until_given_up(later)

    page = make_client(mette).get(f"/organize/circles/{trojborg.id}/today").get_data(True)
    missed = page[page.index("Beskeder der ikke nåede frem") :]
    assert "Karen Jensen</a> · 86 12 34 56" in missed
    assert "E-mail" in missed and "Adressen eller nummeret blev afvist." in missed
    assert "Bent Madsen" in missed
    assert "Tjenesten, der skulle sende den, svarede ikke" in missed
    assert "Lis Berg" not in missed and "Anna Holm" not in missed

    with transaction():
        mette.language = "en"
    listed = make_client(mette).get(URL.format(trojborg.id)).get_json()
    assert [(m["member_name"], m["reason"]) for m in listed] == [
        ("Bent Madsen", "unreachable"),
        ("Karen Jensen", "refused"),
    ]
    karens = listed[1]
    assert karens["channel_text"] == "Email"
    assert karens["reason_text"] == "The address or number was turned down."
    assert karens["member_phone"] == "86 12 34 56"
    assert "Trøjborg" in karens["what"]


def test_only_the_circles_organizers_and_admins_see_its_missed_messages(
    client, ctx, make_client, mail_settings
):
    trojborg = make_circle(name="Trøjborg")
    karen = make_member(trojborg, email="karen@example.dk", notify_by=["email"])
    mail_settings.refuse.add("karen@example.dk")
    welcome(karen)
    send_until_given_up(utcnow())
    url, page = URL.format(trojborg.id), f"/organize/circles/{trojborg.id}/today"
    elsewhere = make_client(make_member(make_circle(name="Viby"), role="organizer"))
    assert elsewhere.get(url).status_code == 403
    assert elsewhere.get(page).status_code == 403
    assert make_client(karen).get(url).status_code == 403
    assert client.get(url).status_code == 401
    assert make_client(make_admin()).get(url).status_code == 200
    assert make_client(make_admin()).get(URL.format(99999)).status_code == 404
    assert len(make_client(make_member(trojborg, role="organizer")).get(url).get_json()) == 1
