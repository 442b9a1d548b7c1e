"""Messages an organizer must pass on by phone: the notification side's "call" deliveries.

A notification becomes a call when it reaches the person by no other way (no app, no email,
no SMS), when the circle's SMS for the month are used up, or when an SMS never arrived. Each
goes once on the person's home circle's call list, saying what to tell them.
"""

from datetime import datetime

from sqlalchemy import select

from circles.extensions import db
from circles.notify import delivery, sms_usage
from circles.notify.models import Delivery, Notification
from circles.organizing import outreach

# Why a call is needed, from what became of the SMS (if one was tried).
REASONS = {"failed": "sms_failed", "over_cap": "sms_over_cap"}


def list_calls(now: datetime, limit: int = 200) -> int:
    """Put each waiting message on its circle's call list; how many were listed."""
    due = db.session.scalars(
        select(Delivery.id)
        .where(Delivery.channel == "call", Delivery.status == "pending")
        .order_by(Delivery.id)
        .limit(limit)
    ).all()
    return sum(_list(delivery_id, now) for delivery_id in due if delivery.claim(delivery_id, now))


def _list(delivery_id: int, now: datetime) -> int:
    call = db.session.get(Delivery, delivery_id)
    notification = call.notification
    circle_id = sms_usage.home_circle_id(notification.user_id)
    if circle_id is None:
        call.status = "skipped"  # in no circle: there are no organizers to call them
        return 0
    outreach.add(
        circle_id,
        reason(notification),
        f"notification:{notification.id}",
        member_id=notification.user_id,
        target=notification,
    )
    call.status, call.sent_at = "sent", now
    return 1


def reason(notification: Notification) -> str:
    """pass_on_message, or sms_failed / sms_over_cap when an SMS was tried."""
    tried = db.session.scalar(
        select(Delivery.status).where(
            Delivery.notification_id == notification.id, Delivery.channel == "sms"
        )
    )
    return REASONS.get(tried, "pass_on_message")
