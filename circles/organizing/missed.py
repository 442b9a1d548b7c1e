"""Messages that never reached a member: failed email, push and SMS deliveries, for organizers.

A member who did not get a reminder is someone to call. Listed are the failed deliveries of
the last two weeks to the circle's active members, unless the member got the notification
another way (another channel sent it) or it is on the outreach list already (an SMS that
failed becomes a call there, with its own words).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import aliased

from circles.accounts.models import User
from circles.core.i18n import current_language, translate
from circles.extensions import db
from circles.membership import circles
from circles.membership.models import Membership
from circles.notify import delivery, notifications
from circles.notify.models import Delivery, Notification

WINDOW = timedelta(days=14)
CHANNELS = ("email", "push", "sms")
LIMIT = 200


@dataclass
class Missed:
    """One message that did not reach a member, and why, in plain words."""

    delivery_id: int
    member: User
    channel: str
    reason: str  # interrupted, refused, not_delivered, unreachable, other
    failed_at: datetime
    what: str  # the message itself, in the reader's language

    @property
    def channel_text(self) -> str:
        """How it was to be sent, in words."""
        return translate(f"missed.channel.{self.channel}")

    @property
    def reason_text(self) -> str:
        """Why it did not arrive, in words."""
        return translate(f"missed.reason.{self.reason}")


def reason(failed: Delivery) -> str:
    """What went wrong, from the delivery's last error and the SMS provider's report."""
    error = failed.last_error or ""
    kind, _, detail = error.partition(": ")
    if error == delivery.INTERRUPTED:
        return "interrupted"
    if failed.receipt:
        return "not_delivered"  # the provider took the SMS, the phone never got it
    if kind in {"SMTPRecipientsRefused", "SMTPSenderRefused", "SMTPDataError"} or (
        kind in {"HTTPError", "WebPushException"} and " 4" in f" {detail}"[:30]
    ):
        return "refused"  # the address, the number or the message was turned down
    if kind.endswith(("ConnectionError", "RefusedError", "Timeout", "TimeoutError")) or kind in {
        "SMTPServerDisconnected",
        "SMTPConnectError",
        "HTTPError",
        "WebPushException",
        "gaierror",
    }:
        return "unreachable"  # the mail, SMS or push service was down or could not be reached
    return "other"


def of_circle(organizer: User, circle_id: int, now: datetime) -> list[Missed]:
    """The circle's members' messages that did not arrive, newest first (its organizers)."""
    circles.organized_circle(organizer, circle_id)
    other = aliased(Delivery)
    reached_otherwise = exists().where(
        other.notification_id == Delivery.notification_id,
        or_(other.status == "sent", other.channel == "call"),
    )
    rows = db.session.execute(
        select(Delivery, Notification, User)
        .join(Notification, Delivery.notification_id == Notification.id)
        .join(User, User.id == Notification.user_id)
        .join(
            Membership,
            and_(
                Membership.user_id == User.id,
                Membership.circle_id == circle_id,
                Membership.status == "active",
            ),
        )
        .where(
            Delivery.status == "failed",
            Delivery.channel.in_(CHANNELS),
            Delivery.claimed_at >= now - WINDOW,
            ~reached_otherwise,
        )
        .order_by(Delivery.claimed_at.desc(), Delivery.id.desc())
        .limit(LIMIT)
    ).all()
    language = current_language()
    return [
        Missed(
            delivery_id=failed.id,
            member=member,
            channel=failed.channel,
            reason=reason(failed),
            failed_at=failed.receipt_at or failed.claimed_at,
            what=notifications.text(notification, language),
        )
        for failed, notification, member in rows
    ]
