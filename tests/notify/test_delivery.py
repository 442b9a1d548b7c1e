"""Notifications reach members by the channels they chose: email and Web Push, each once."""

import threading
from datetime import timedelta

from sqlalchemy import select

from circles.core import pagination
from circles.core.types import utcnow
from circles.db import transaction
from circles.extensions import db
from circles.notify import delivery, notifications, push
from circles.notify.models import Delivery, PushSubscription
from tests.factories import make_user
from tests.servers import vapid_public_key


def approve(person, key="welcome"):
    """Tell the person they are in (the notification every member gets first), committed as
    the approving request would."""
    with transaction():
        return notifications.notify(
            person, "membership.approved", link="#/circles", dedupe_key=key, circle="Trøjborg"
        )


def subscribe(person, browser):
    """The person's browser accepts Web Push."""
    keys = browser.subscription()["keys"]
    with transaction():
        return push.subscribe(person, browser.endpoint, keys["p256dh"], keys["auth"])


def test_karen_gets_her_welcome_by_email_in_danish_with_the_link(ctx, mail_settings):
    karen = make_user(name="Karen Jensen", email="karen@example.dk", notify_by=["inapp", "email"])
    approve(karen)
    assert delivery.deliver_pending() == 1

    [(recipients, message)] = mail_settings.received
    assert recipients == ["karen@example.dk"]
    assert message["To"] == "Karen Jensen <karen@example.dk>"
    assert message["Subject"] == "Circles: Velkommen! Du er nu medlem af Trøjborg."
    body = message.get_content()
    assert body.startswith("Hej Karen Jensen")
    assert "Se mere i Circles: https://circles.example.dk/#/circles" in body


def test_an_english_speaker_gets_the_email_in_english(ctx, mail_settings):
    tom = make_user(name="Tom", email="tom@example.dk", language="en", notify_by=["email"])
    approve(tom)
    delivery.deliver_pending()
    [(_, message)] = mail_settings.received
    assert message["Subject"] == "Circles: Welcome! You are now a member of Trøjborg."
    assert "See more in Circles: https://circles.example.dk/#/circles" in message.get_content()


def test_the_phone_gets_a_push_it_can_decrypt_signed_by_our_vapid_key(app, ctx, push_service):
    karen = make_user(language="en", notify_by=["inapp", "push"])
    phone = push_service.browser("karens-phone")
    subscribe(karen, phone)
    approve(karen)
    assert delivery.deliver_pending() == 1

    [request] = push_service.received
    assert request["path"] == "/push/karens-phone"
    assert request["headers"]["content-encoding"] == "aes128gcm"
    server_key = push.public_key(app.config["CIRCLES_VAPID_PRIVATE_KEY"])
    assert vapid_public_key(request["headers"]["authorization"]) == server_key
    shown = phone.decrypt(request["body"])
    assert shown["title"] == "News from Circles"
    assert shown["body"] == "Welcome! You are now a member of Trøjborg."
    assert shown["url"].endswith("/#/circles")


def test_no_channel_the_member_did_not_choose_is_used(ctx, mail_settings, push_service):
    karen = make_user(email="karen@example.dk", notify_by=["inapp"])
    subscribe(karen, push_service.browser("phone"))  # allowed in the browser, not chosen
    approve(karen)
    assert delivery.deliver_pending() == 0
    assert mail_settings.received == [] and push_service.received == []
    assert db.session.scalar(select(Delivery)) is None


def test_a_channel_turned_off_before_sending_is_skipped(ctx, mail_settings):
    karen = make_user(email="karen@example.dk", notify_by=["email"])
    approve(karen)
    karen.notify_by = ["inapp"]
    db.session.commit()
    assert delivery.deliver_pending() == 0
    assert mail_settings.received == []
    assert db.session.scalar(select(Delivery.status)) == "skipped"


def test_without_inapp_the_notification_is_kept_but_already_read(ctx):
    karen = make_user(notify_by=["email"])
    approve(karen)
    assert notifications.unread_count(karen) == 0
    assert pagination.count(notifications.inbox(), {"user_id": karen.id}) == 1


def test_no_email_is_planned_without_an_smtp_server(ctx):
    karen = make_user(email="karen@example.dk", notify_by=["email"])
    approve(karen)
    assert db.session.scalar(select(Delivery)) is None


def test_a_second_run_sends_nothing_twice(ctx, mail_settings, push_service):
    karen = make_user(email="karen@example.dk", notify_by=["email", "push"])
    subscribe(karen, push_service.browser("phone"))
    approve(karen, "one")
    approve(karen, "two")
    assert delivery.deliver_pending() == 4
    assert delivery.deliver_pending() == 0
    assert len(mail_settings.received) == 2 and len(push_service.received) == 2


def test_two_schedulers_at_once_send_each_email_once(app, real_commits, ctx, mail_settings):
    people = [make_user(email=f"p{n}@example.dk", notify_by=["email"]) for n in range(12)]
    for person in people:
        approve(person)
    start, counts = threading.Barrier(2), []

    def scheduler():
        with app.app_context():
            start.wait()
            counts.append(delivery.deliver_pending())
            db.session.remove()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sum(counts) == 12
    assert sorted(to[0] for to, _ in mail_settings.received) == sorted(p.email for p in people)


def test_only_one_process_wins_a_claim(ctx, mail_settings):
    karen = make_user(email="karen@example.dk", notify_by=["email"])
    approve(karen)
    pending = db.session.scalar(select(Delivery.id))
    now = utcnow()
    assert delivery.claim(pending, now) is True
    assert delivery.claim(pending, now) is False


def test_a_failed_send_is_tried_again_later(app, ctx, mail_settings, monkeypatch):
    karen = make_user(email="karen@example.dk", notify_by=["email"])
    approve(karen)
    monkeypatch.setitem(app.config, "CIRCLES_SMTP_PORT", 1)  # nobody listens there
    now = utcnow()
    assert delivery.deliver_pending(now) == 0
    failed = db.session.scalar(select(Delivery))
    assert (failed.status, failed.attempts) == ("pending", 1)
    assert delivery.deliver_pending(now) == 0  # not due again yet

    monkeypatch.setitem(app.config, "CIRCLES_SMTP_PORT", mail_settings.port)
    assert delivery.deliver_pending(now + timedelta(minutes=3)) == 1
    assert len(mail_settings.received) == 1


def test_sending_stops_after_the_last_attempt(app, ctx, mail_settings, monkeypatch):
    karen = make_user(email="karen@example.dk", notify_by=["email"])
    approve(karen)
    monkeypatch.setitem(app.config, "CIRCLES_SMTP_PORT", 1)
    later = utcnow()
    for _ in range(delivery.MAX_ATTEMPTS + 1):
        delivery.deliver_pending(later)
        later += timedelta(hours=1)
    given_up = db.session.scalar(select(Delivery))
    assert (given_up.status, given_up.attempts) == ("failed", delivery.MAX_ATTEMPTS)
    assert "ConnectionRefusedError" in given_up.last_error


def test_an_expired_subscription_is_removed(ctx, push_service):
    karen = make_user(notify_by=["push"])
    old, new = push_service.browser("old"), push_service.browser("new")
    subscribe(karen, old)
    subscribe(karen, new)
    push_service.answers["/push/old"] = 410
    approve(karen)
    assert delivery.deliver_pending() == 1
    assert [s.endpoint for s in push.subscriptions(karen)] == [new.endpoint]


def test_a_push_service_that_fails_is_tried_again(ctx, push_service):
    karen = make_user(notify_by=["push"])
    subscribe(karen, push_service.browser("phone"))
    push_service.answers["/push/phone"] = 503
    approve(karen)
    now = utcnow()
    assert delivery.deliver_pending(now) == 0
    push_service.answers.clear()
    assert delivery.deliver_pending(now + timedelta(minutes=3)) == 1
    assert db.session.scalar(select(PushSubscription)) is not None


def test_a_batch_of_emails_goes_through_one_smtp_connection(ctx, mail_settings):
    for n in range(6):
        approve(make_user(email=f"p{n}@example.dk", notify_by=["email"]))
    assert delivery.deliver_pending() == 6
    assert len(mail_settings.received) == 6
    assert mail_settings.connections == 1


def test_after_a_refused_email_the_next_goes_on_a_fresh_connection(ctx, mail_settings):
    for name in ("anna", "bent", "carl"):
        approve(make_user(email=f"{name}@example.dk", notify_by=["email"]))
    mail_settings.refuse.add("bent@example.dk")
    assert delivery.deliver_pending() == 2
    assert sorted(to[0] for to, _ in mail_settings.received) == [
        "anna@example.dk",
        "carl@example.dk",
    ]
    assert mail_settings.connections == 2
    bents = db.session.scalar(select(Delivery).where(Delivery.status == "pending"))
    assert bents.attempts == 1 and "SMTPRecipientsRefused" in bents.last_error


def test_an_email_interrupted_midway_is_sent_again_after_half_a_minute_as_the_same_message(
    ctx, mail_settings
):
    karen = make_user(email="karen@example.dk", notify_by=["email"])
    approve(karen)
    now = utcnow()
    row = db.session.scalar(select(Delivery))
    delivery.claim(row.id, now)  # and the process died before it could say how it went
    assert delivery.deliver_pending(now + timedelta(seconds=10)) == 0  # it may still be sending
    assert delivery.deliver_pending(now + timedelta(seconds=31)) == 1
    db.session.refresh(row)
    assert (row.status, row.attempts, row.last_error) == ("sent", 2, "interrupted while sending")
    [(_, message)] = mail_settings.received
    assert message["Message-ID"] == f"<delivery-{row.id}.{row.notification_id}@circles.example.dk>"


def test_a_send_that_outlived_its_claim_leaves_the_outcome_to_the_run_that_took_it_over(
    app, real_commits, ctx, mail_settings
):
    approve(make_user(email="karen@example.dk", notify_by=["email"]))
    mail_settings.hold_next, mail_settings.accept_held = True, True  # a very slow mail server
    slow = []

    def slow_run():
        with app.app_context():
            slow.append(delivery.deliver_pending())
            db.session.remove()

    thread = threading.Thread(target=slow_run)
    thread.start()
    assert mail_settings.held.wait(30)
    later = utcnow() + delivery.CLAIM_LEASE + timedelta(seconds=1)
    assert delivery.deliver_pending(later) == 1  # taken over, as if its sender had died
    mail_settings.release.set()  # and the slow one gets its answer after all
    thread.join(30)
    assert slow == [1]

    db.session.rollback()
    row = db.session.scalar(select(Delivery))
    assert (row.status, row.attempts) == ("sent", 2)
    assert row.sent_at == later  # the run that took it over wrote the outcome, and only it
    ids = {message["Message-ID"] for _, message in mail_settings.received}
    assert len(mail_settings.received) == 2 and len(ids) == 1  # two copies, shown as one
