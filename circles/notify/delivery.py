"""Notifications beyond the inbox: email, Web Push and SMS, each sent once, in the reader's words.

notify() plans one Delivery per channel the member chose (channels.plan). deliver_pending()
(the scheduled job deliver_pending, or a direct call) claims each due one with a single UPDATE
that only one process can win, sends it, and records the outcome, each claim and each outcome
in a transaction of its own; the emails of one run share one SMTP connection. A failure is
tried again later, a few times.

A claim older than CLAIM_LEASE means its sender died mid-send, and the next run (every
20 seconds) resolves it, within a minute of the death: an email or a push is sent again,
with the same Message-ID or tag so that a copy that did get out is shown once; an SMS, which
nothing can tell from a second one, is not resent but becomes a call for the organizers.

Nobody is left out: a notification that reaches a person by no channel (they do not use the
app, and have no email or SMS), an SMS past the circle's monthly cap and an SMS that failed
become a "call" delivery, which the organizers' side puts on their call list.
"""

import logging
from datetime import datetime, timedelta
from urllib.parse import urlparse

from flask import current_app
from sqlalchemy import select, update

from circles.accounts.models import User
from circles.core.i18n import catalog, translate
from circles.core.types import utcnow
from circles.db import transaction
from circles.extensions import db
from circles.notify import mail, notifications, push, sms, sms_usage
from circles.notify.channels import SMS_ANSWER, plan_call, ways
from circles.notify.models import Delivery, Notification

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# Longer than a healthy send takes; with the job every 20 s, a dead sender's claim is resolved
# within 30 + 20 s. A send still running past it is taken over, and records nothing itself.
CLAIM_LEASE = timedelta(seconds=30)
INTERRUPTED = "interrupted while sending"
SUBJECT_LENGTH = 70


def deliver_pending(now: datetime | None = None, limit: int = 200) -> int:
    """Send the deliveries that are due; how many went out.

    Each claim and each outcome is its own transaction: a message that went out cannot be
    called back, so its record must not wait for (or be undone by) the rest of the batch.
    """
    now = now or utcnow()
    with transaction():
        resolve_interrupted(now)
        due = db.session.scalars(
            select(Delivery.id)
            .where(
                Delivery.status == "pending",
                Delivery.next_attempt_at <= now,
                Delivery.channel != "call",  # organizers pass those on, by phone
            )
            .order_by(Delivery.next_attempt_at, Delivery.id)
            .limit(limit)
        ).all()
    sent = 0
    with mail.Connection(current_app.config) as smtp:
        for delivery_id in due:
            with transaction():
                claimed = claim(delivery_id, now)
            if claimed:
                with transaction():
                    sent += deliver(delivery_id, now, smtp)
    return sent


def claim(delivery_id: int, now: datetime) -> bool:
    """Take the delivery for this process; False if another process has it or it is done.

    An SMS also takes one of its circle's SMS for the month, in the same commit; past the cap
    it is not sent, and an organizer is asked to call instead.
    """
    # The clock, not the run's start: a long run's last claims must not look old already.
    claimed = db.session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id, Delivery.status == "pending")
        .values(status="sending", claimed_at=max(now, utcnow()), attempts=Delivery.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    won = claimed.rowcount == 1
    if won and not _take_sms_allowance(delivery_id, now):
        won = False
    return won


def _take_sms_allowance(delivery_id: int, now: datetime) -> bool:
    """For an SMS, count it against the circle's month; False (and over_cap) at the cap."""
    delivery = db.session.get(Delivery, delivery_id)
    if delivery.channel != "sms":
        return True
    config = current_app.config
    circle_id = sms_usage.home_circle_id(delivery.notification.user_id)
    cap = config["CIRCLES_SMS_MONTHLY_CAP_PER_CIRCLE"]
    if sms_usage.take(circle_id, sms_usage.month_of(now, config), cap):
        return True
    delivery.status, delivery.last_error = "over_cap", f"monthly SMS cap of {cap} reached"
    if not delivery.notification.kind.startswith(SMS_ANSWER):
        plan_call(delivery.notification_id)
    return False


def deliver(delivery_id: int, now: datetime, smtp: mail.Connection | None = None) -> int:
    """Send a claimed delivery and record what happened; 1 if it went out.

    smtp: the run's SMTP connection, shared by its emails (else one of its own).
    """
    delivery = db.session.get(Delivery, delivery_id)
    attempt = delivery.attempts  # this claim's number: a takeover claims again, and counts
    notification = delivery.notification
    user = db.session.get(User, notification.user_id)
    config = current_app.config
    provider_id = None
    try:
        if delivery.channel not in ways(notification, user, config):
            sent = False  # the member turned the channel off, or it can no longer reach them
        elif delivery.channel == "email":
            sent = send_email(user, notification, config, smtp, delivery)
        elif delivery.channel == "sms":
            provider_id = send_sms(user, notification, config, delivery.id)
            sent = True
        else:
            sent = push.send(user, push_message(user, notification, config), config)
    except Exception as error:  # any failure to send is worth another try, up to a limit
        log.warning("delivery %s by %s failed: %s", delivery.id, delivery.channel, error)
        if not still_ours(delivery, attempt):
            return 0
        delivery.last_error = f"{error.__class__.__name__}: {error}"[:1000]
        if delivery.channel == "sms":  # not taken by the provider: not counted either
            circle_id = sms_usage.home_circle_id(user.id)
            sms_usage.give_back(circle_id, sms_usage.month_of(now, config))
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = "failed"
            if delivery.channel == "sms" and not notification.kind.startswith(SMS_ANSWER):
                plan_call(notification.id)
        else:
            delivery.status = "pending"
            delivery.next_attempt_at = now + timedelta(minutes=2**delivery.attempts)
        return 0
    if not still_ours(delivery, attempt):
        return int(sent)
    delivery.provider_id = provider_id or delivery.provider_id
    if delivery.channel == "sms" and not sent:  # taken for the month, but never sent
        sms_usage.give_back(sms_usage.home_circle_id(user.id), sms_usage.month_of(now, config))
    if not sent and "call" in ways(notification, user, config):
        plan_call(notification.id)  # the channel went away, and nothing else reaches them now
    delivery.status = "sent" if sent else "skipped"
    delivery.sent_at = now if sent else None
    return int(sent)


def still_ours(delivery: Delivery, attempt: int) -> bool:
    """Whether this process's claim still holds (locking the row): a send that outlived its
    lease was taken over, and the process that took it records the outcome, not this one."""
    status, attempts = db.session.execute(
        select(Delivery.status, Delivery.attempts)
        .where(Delivery.id == delivery.id)
        .with_for_update()
    ).one()
    if (status, attempts) == ("sending", attempt):
        return True
    log.warning("delivery %s was taken over while this process was sending it", delivery.id)
    db.session.expire(delivery)  # nothing of this try is written over the other's outcome
    return False


def resolve_interrupted(now: datetime) -> None:
    """Claims older than the lease, whose senders died mid-send: try again, or call.

    An email or push goes back to pending, due at once (or failed after the last attempt); an
    SMS may have gone out, and a second one cannot be told from the first, so it is failed
    and an organizer is asked to call instead (its month's SMS stays counted).
    """
    stale = db.session.scalars(
        select(Delivery)
        .where(Delivery.status == "sending", Delivery.claimed_at < now - CLAIM_LEASE)
        .with_for_update(skip_locked=True)
    ).all()
    for delivery in stale:
        log.warning("delivery %s by %s was interrupted", delivery.id, delivery.channel)
        delivery.last_error = INTERRUPTED
        if delivery.channel == "sms" or delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = "failed"
            if delivery.channel == "sms" and not delivery.notification.kind.startswith(SMS_ANSWER):
                plan_call(delivery.notification_id)
        else:
            delivery.status, delivery.next_attempt_at = "pending", now


def link(notification: Notification, config) -> str:
    """The notification's place in the app, as a full address."""
    base = config["CIRCLES_BASE_URL"].rstrip("/")
    target = notification.link or ""
    if target.startswith(("http://", "https://")):
        return target
    return f"{base}/{target.lstrip('/')}"


def send_email(
    user: User,
    notification: Notification,
    config,
    smtp: mail.Connection | None = None,
    delivery: Delivery | None = None,
) -> bool:
    """The notification as an email in the person's language, with the link.

    smtp: the connection to send it on (else one of its own); delivery: gives the email a
    Message-ID that every try of this delivery shares.
    """
    words = notifications.text(notification, user.language)
    short = words if len(words) <= SUBJECT_LENGTH else words[: SUBJECT_LENGTH - 1] + "…"
    subject = translate("email.subject", user.language, text=short)
    body = translate(
        "email.body", user.language, name=user.name, text=words, link=link(notification, config)
    )
    message = mail.message(
        config, user.name, user.email, subject, body, message_id(delivery, config)
    )
    if smtp is None:
        mail.send(config, message)
    else:
        smtp.send(message)
    return True


def message_id(delivery: Delivery | None, config) -> str | None:
    """The Message-ID every try of the delivery shares, at the service's own domain."""
    if delivery is None:
        return None
    domain = urlparse(config["CIRCLES_BASE_URL"]).hostname or "circles"
    return f"<delivery-{delivery.id}.{delivery.notification_id}@{domain}>"


def push_message(user: User, notification: Notification, config) -> dict:
    """What the service worker shows: a title, the text and where a tap leads."""
    return {
        "title": translate("push.title", user.language),
        "body": notifications.text(notification, user.language),
        "url": link(notification, config),
        "tag": f"notification-{notification.id}",
    }


def send_sms(user: User, notification: Notification, config, delivery_id: int) -> str:
    """The notification as a short SMS in the person's language; the provider's message id."""
    text = notifications.text(notification, user.language)
    own = f"sms_text.{notification.kind}"  # an SMS of its own, e.g. to answer JA or NEJ to
    if own in catalog(user.language) and notifications.COPY_FOR not in notification.params:
        try:
            text = translate(own, user.language, **notification.params)
        except KeyError:  # stored before the SMS text asked for this parameter
            text = translate("sms_text.notification", user.language, text=text)
    elif not notification.kind.startswith(SMS_ANSWER):
        text = translate("sms_text.notification", user.language, text=text)
    return sms.send(config, user.phone_e164, text, reference=f"delivery-{delivery_id}")
