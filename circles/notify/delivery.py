"""Notifications beyond the inbox: email and Web Push, each sent once, in the member's language.

notify() plans one Delivery per channel the member chose (channels.plan). deliver_pending()
(the scheduled job deliver_pending, or a direct call) claims each due one with a single UPDATE
that only one process can win, sends it, and records the outcome. A failure is tried again later,
a few times; a claim that never finished (the sender died mid-send) is given up rather than risk
sending twice.
"""

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from circles.accounts.models import User
from circles.core.i18n import translate
from circles.core.types import utcnow
from circles.extensions import db
from circles.notify import mail, notifications, push
from circles.notify.channels import channels
from circles.notify.models import Delivery, Notification

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
STALE_CLAIM = timedelta(minutes=15)
SUBJECT_LENGTH = 70


def deliver_pending(now: datetime | None = None, limit: int = 200) -> int:
    """Send the deliveries that are due; how many went out."""
    now = now or utcnow()
    give_up_stale_claims(now)
    due = db.session.scalars(
        select(Delivery.id)
        .where(Delivery.status == "pending", Delivery.next_attempt_at <= now)
        .order_by(Delivery.next_attempt_at, Delivery.id)
        .limit(limit)
    ).all()
    return sum(deliver(delivery_id, now) for delivery_id in due if claim(delivery_id, now))


def claim(delivery_id: int, now: datetime) -> bool:
    """Take the delivery for this process; False if another process has it or it is done."""
    claimed = db.session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id, Delivery.status == "pending")
        .values(status="sending", claimed_at=now, attempts=Delivery.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return claimed.rowcount == 1


def deliver(delivery_id: int, now: datetime) -> int:
    """Send a claimed delivery and record what happened; 1 if it went out."""
    delivery = db.session.get(Delivery, delivery_id)
    notification = delivery.notification
    user = db.session.get(User, notification.user_id)
    config = current_app.config
    try:
        if delivery.channel not in channels(user, config):
            sent = False  # the member turned the channel off, or it can no longer reach them
        elif delivery.channel == "email":
            sent = send_email(user, notification, config)
        else:
            sent = push.send(user, push_message(user, notification, config), config)
    except Exception as error:  # any failure to send is worth another try, up to a limit
        log.warning("delivery %s by %s failed: %s", delivery.id, delivery.channel, error)
        delivery.last_error = f"{error.__class__.__name__}: {error}"[:1000]
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = "failed"
        else:
            delivery.status = "pending"
            delivery.next_attempt_at = now + timedelta(minutes=2**delivery.attempts)
        db.session.commit()
        return 0
    delivery.status = "sent" if sent else "skipped"
    delivery.sent_at = now if sent else None
    db.session.commit()
    return int(sent)


def give_up_stale_claims(now: datetime) -> None:
    """A claim this old means its sender died mid-send; it may have gone out, so do not resend."""
    db.session.execute(
        update(Delivery)
        .where(Delivery.status == "sending", Delivery.claimed_at < now - STALE_CLAIM)
        .values(status="failed", last_error="interrupted while sending")
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def link(notification: Notification, config) -> str:
    """The notification's place in the app, as a full address."""
    base = config["CIRCLES_BASE_URL"].rstrip("/")
    target = notification.link or ""
    if target.startswith(("http://", "https://")):
        return target
    return f"{base}/{target.lstrip('/')}"


def send_email(user: User, notification: Notification, config) -> bool:
    """The notification as an email in the person's language, with the link."""
    words = notifications.text(notification, user.language)
    short = words if len(words) <= SUBJECT_LENGTH else words[: SUBJECT_LENGTH - 1] + "…"
    subject = translate("email.subject", user.language, text=short)
    body = translate(
        "email.body", user.language, name=user.name, text=words, link=link(notification, config)
    )
    mail.send(config, mail.message(config, user.name, user.email, subject, body))
    return True


def push_message(user: User, notification: Notification, config) -> dict:
    """What the service worker shows: a title, the text and where a tap leads."""
    return {
        "title": translate("push.title", user.language),
        "body": notifications.text(notification, user.language),
        "url": link(notification, config),
        "tag": f"notification-{notification.id}",
    }
