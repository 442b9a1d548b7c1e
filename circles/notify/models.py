"""Messages to one person: the inbox, each delivery beyond it, push subscriptions, SMS used."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles.core.types import UTCDateTime, one_of, utcnow
from circles.extensions import db


class Notification(db.Model):
    """A message kept as a catalog key with parameters, so it reads in the member's language.

    Its params are written out when read (circles.core.i18n.phrase), in the reader's language
    then. fallback_text holds the words of a notification written before that (migration
    0024), shown only if its key no longer fits its params. dedupe_key makes sending
    idempotent: the same key for the same person is stored once, whichever process or retry
    tries to send it.
    """

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("user_id", "dedupe_key"),
        # The inbox, newest first, straight from the index, however long it is (migration 0031).
        Index("ix_notifications_user_id_created_at", "user_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(60))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    link: Mapped[str | None] = mapped_column(String(300))
    fallback_text: Mapped[str | None] = mapped_column(Text)
    dedupe_key: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


# pending: to send (again at next_attempt_at); sending: claimed by a worker; then one of the
# three ends: sent, skipped (nothing to send it to), failed (given up).
DELIVERY_STATUSES = ("pending", "sending", "sent", "skipped", "failed", "over_cap")


class Delivery(db.Model):
    """Sending one notification by one channel (email, push, sms, or call), at most once.

    status: pending (waiting, maybe for a retry) -> sending (claimed by one process) -> sent,
    or failed (gave up, or the SMS provider reported it undeliverable), or skipped (the channel
    no longer applies), or over_cap (the circle's SMS for the month are used up). The unique
    pair and the claim (an UPDATE from pending that only one process can win) keep two
    schedulers from sending the same thing twice. "call" means an organizer must pass it on by
    phone: the organizers' side puts it on their call list.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("notification_id", "channel"),
        Index("ix_deliveries_due", "status", "next_attempt_at"),
        one_of("status", DELIVERY_STATUSES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    notification_id: Mapped[int] = mapped_column(ForeignKey("notifications.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    # SMS: the provider's message id, and the last delivery report it sent about it.
    provider_id: Mapped[str | None] = mapped_column(String(64), index=True)
    receipt: Mapped[str | None] = mapped_column(String(20))
    receipt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    notification: Mapped[Notification] = relationship()


class PushSubscription(db.Model):
    """A browser or phone that accepts Web Push for a person; endpoint and keys come from it."""

    __tablename__ = "push_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    endpoint: Mapped[str] = mapped_column(String(1000), unique=True)
    p256dh: Mapped[str] = mapped_column(String(200))
    auth: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SmsUsage(db.Model):
    """How many SMS a circle has sent in a month (its local month, "2026-12"), against its cap.

    Taken one at a time with UPDATE ... WHERE used < cap, so two schedulers cannot both send
    the last one.
    """

    __tablename__ = "sms_usage"
    __table_args__ = (UniqueConstraint("circle_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"))
    month: Mapped[str] = mapped_column(String(7))
    used: Mapped[int] = mapped_column(default=0)
