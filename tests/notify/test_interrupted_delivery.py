"""A sender killed in the middle of an email: the reminder still reaches Karen, once, within a
minute, sent again by the next run (the scheduler's job comes every 20 seconds). Killed in the
middle of an SMS, which may have gone out: it is not sent again, and an organizer calls."""

import os
import subprocess
import sys
import time

from sqlalchemy import select

from circles.config import PROJECT_DIR
from circles.core.types import utcnow
from circles.db import transaction
from circles.extensions import db
from circles.jobs import all_jobs
from circles.notify import delivery, notifications
from circles.notify.models import Delivery
from tests.factories import make_circle, make_member, make_user
from tests.servers import SMS_TOKEN

# A process of its own that sends what is due, as the scheduler's job does.
SENDER = """
from circles import create_app
from circles.notify import delivery
with create_app().app_context():
    delivery.deliver_pending()
"""


def start_sender(database_url: str, **settings) -> subprocess.Popen:
    """A delivering process against the test database, with these CIRCLES_* settings."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret",
        "CIRCLES_BASE_URL": "https://circles.example.dk",
        **{f"CIRCLES_{name}": str(value) for name, value in settings.items()},
    }
    return subprocess.Popen(
        [sys.executable, "-c", SENDER],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
    )


def test_a_sender_killed_mid_email_is_resolved_by_the_next_run_within_a_minute(
    app, real_commits, ctx, database_url, mail_settings
):
    karen = make_user(email="karen@example.dk", notify_by=["email"])
    with transaction():
        notifications.notify(karen, "membership.approved", link="#/circles", circle="Trøjborg")
    mail_settings.hold_next = True
    sender = start_sender(
        database_url, SMTP_HOST="127.0.0.1", SMTP_PORT=mail_settings.port, SMTP_STARTTLS="0"
    )
    try:
        assert mail_settings.held.wait(60), "the sender never reached DATA"
    finally:
        sender.kill()  # SIGKILL in the middle of the email: no goodbye, no outcome written
        sender.wait(10)
    killed = time.monotonic()
    mail_settings.release.set()  # the server never answered 250: the email is not taken
    db.session.rollback()
    assert db.session.scalar(select(Delivery.status)) == "sending"  # left claimed

    interval = all_jobs()["deliver_pending"].interval.total_seconds()
    # The scheduler's runs, more often here to time the moment it becomes resolvable.
    while time.monotonic() - killed < 60 and not delivery.deliver_pending(utcnow()):
        time.sleep(1)
    resolvable_after = time.monotonic() - killed
    print(f"resolvable {resolvable_after:.1f} s after the kill; runs every {interval:.0f} s")
    assert resolvable_after + interval <= 60  # the job, every 20 s, resolves it within a minute

    db.session.rollback()
    row = db.session.scalar(select(Delivery))
    assert (row.status, row.attempts, row.last_error) == ("sent", 2, "interrupted while sending")
    [(to, message)] = mail_settings.received  # once, not lost and not twice
    assert to == ["karen@example.dk"]
    assert message["Message-ID"] == f"<delivery-{row.id}.{row.notification_id}@circles.example.dk>"


def test_a_sender_killed_mid_sms_does_not_send_it_twice_and_an_organizer_calls_within_a_minute(
    app, real_commits, ctx, database_url, sms_settings
):
    soren = make_member(make_circle(), role="helper", name="Søren", phone="20 12 34 56",
                        notify_by=["sms"])  # fmt: skip
    with transaction():
        notifications.notify(soren, "membership.approved", link="#/circles", circle="Trøjborg")
    sms_settings.hold_next = True
    sender = start_sender(database_url, SMS_URL=sms_settings.url, SMS_TOKEN=SMS_TOKEN)
    try:
        assert sms_settings.held.wait(60), "the sender never reached the provider"
    finally:
        sender.kill()  # the provider has the SMS; the sender died before hearing so
        sender.wait(10)
    killed = time.monotonic()
    sms_settings.release.set()

    def sms_status():
        db.session.rollback()
        return db.session.scalar(select(Delivery.status).where(Delivery.channel == "sms"))

    assert sms_status() == "sending"
    interval = all_jobs()["deliver_pending"].interval.total_seconds()
    while time.monotonic() - killed < 60 and sms_status() == "sending":
        delivery.deliver_pending(utcnow())
        time.sleep(1)
    resolved_after = time.monotonic() - killed
    print(f"resolvable {resolved_after:.1f} s after the kill; runs every {interval:.0f} s")
    assert resolved_after + interval <= 60

    db.session.rollback()
    rows = {d.channel: d for d in db.session.scalars(select(Delivery))}
    assert (rows["sms"].status, rows["sms"].last_error) == ("failed", "interrupted while sending")
    assert rows["call"].status == "pending"  # on the organizers' call list at the next listing
    assert len(sms_settings.sent) == 1  # the one that went out; never a second
