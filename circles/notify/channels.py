"""The outside channels that reach a person (email, Web Push); a notification queued on them."""

from flask import current_app
from sqlalchemy import exists, select

from circles.accounts.models import User
from circles.extensions import db
from circles.notify import mail
from circles.notify.models import Delivery, Notification, PushSubscription


def channels(user: User, config) -> list[str]:
    """The outside channels (email, push) that can reach the person now, of those they chose."""
    chosen = []
    if "email" in user.notify_by and user.email and mail.configured(config):
        chosen.append("email")
    if "push" in user.notify_by and db.session.scalar(
        select(exists().where(PushSubscription.user_id == user.id))
    ):
        chosen.append("push")
    return chosen


def plan(notification: Notification, user: User) -> None:
    """Queue the notification on each outside channel the person chose (inside notify)."""
    for channel in channels(user, current_app.config):
        db.session.add(Delivery(notification=notification, channel=channel))
