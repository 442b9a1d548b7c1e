"""Notifications sent beyond the inbox: one delivery per notification and channel, and the
browsers that asked for Web Push."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles.extensions import db
from circles.models.notifications import Notification
from circles.models.types import UTCDateTime, utcnow


class Delivery(db.Model):
    """Sending one notification by one channel (email or push), at most once.

    status: pending (waiting, maybe for a retry) -> sending (claimed by one process) -> sent,
    or failed (gave up), or skipped (the channel no longer applies). The unique pair and the
    claim (an UPDATE from pending that only one process can win) keep two schedulers from
    sending the same thing twice.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("notification_id", "channel"),
        Index("ix_deliveries_due", "status", "next_attempt_at"),
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
