"""The outside channels that reach a person (email, Web Push, SMS); a notification queued on them.

Nobody is left out: a notification that reaches a person by no channel (they do not use the
app, and have no email or SMS) becomes a "call" delivery, which organizers pass on by phone.
"""

from flask import current_app
from sqlalchemy import exists, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from circles.accounts.models import SignInCard, User
from circles.extensions import db
from circles.notify import mail, sms
from circles.notify.models import Delivery, Notification, PushSubscription

# Kinds of notification that answer an SMS someone sent us: they go back by SMS, always.
SMS_ANSWER = "sms."


def channels(user: User, config) -> list[str]:
    """The outside channels (email, push, sms) that reach the person now, of those they chose."""
    chosen = []
    # An address nobody has confirmed may be someone else's: nothing goes to it (the inbox has all).
    confirmed = user.email and user.email_confirmed_at is not None
    if "email" in user.notify_by and confirmed and mail.configured(config):
        chosen.append("email")
    if "push" in user.notify_by and db.session.scalar(
        select(exists().where(PushSubscription.user_id == user.id))
    ):
        chosen.append("push")
    if "sms" in user.notify_by and user.phone_e164 and sms.configured(config):
        chosen.append("sms")
    return chosen


def uses_app(user: User) -> bool:
    """Whether the person can open the app: a password, or a sign-in card they have used."""
    if user.password_hash:
        return True
    return bool(
        db.session.scalar(
            select(exists().where(SignInCard.user_id == user.id, SignInCard.used_at.is_not(None)))
        )
    )


def ways(notification: Notification, user: User, config) -> list[str]:
    """The channels the notification goes out by; "call" when nothing else would reach them."""
    if notification.kind.startswith(SMS_ANSWER):
        return ["sms"] if user.phone_e164 and sms.configured(config) else []
    chosen = channels(user, config)
    if not chosen and not uses_app(user):
        return ["call"]
    return chosen


def plan(notification: Notification, user: User) -> None:
    """Queue the notification on each outside channel the person chose (inside notify)."""
    for channel in ways(notification, user, current_app.config):
        db.session.add(Delivery(notification=notification, channel=channel))


def plan_call(notification_id: int) -> None:
    """An organizer must pass the notification on by phone (once, however often asked)."""
    # INSERT ... ON CONFLICT DO NOTHING: one already on the call list stays, and no error (nor
    # savepoint) can leave the surrounding transaction, an idempotency claim say, unusable.
    dialect = db.session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    db.session.execute(
        insert(Delivery)
        .values(notification_id=notification_id, channel="call")
        .on_conflict_do_nothing(index_elements=["notification_id", "channel"])
    )
