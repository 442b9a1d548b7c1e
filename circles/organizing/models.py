"""Organizers' records: the call log with follow-ups, the outreach list, and members' reports."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles.accounts.models import User
from circles.core.types import UTCDateTime, one_of, utcnow
from circles.extensions import db

DIRECTIONS = ("in", "out")


class Call(db.Model):
    """One call between an organizer and a member; open while its follow-up is not done."""

    __tablename__ = "calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organizer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    direction: Mapped[str] = mapped_column(String(3), default="out")
    called_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    follow_up_on: Mapped[date | None] = mapped_column(index=True)
    follow_up_done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outreach_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("outreach_items.id", ondelete="SET NULL")
    )

    member: Mapped[User] = relationship(foreign_keys=[member_id])
    organizer: Mapped[User | None] = relationship(foreign_keys=[organizer_id])


class OutreachItem(db.Model):
    """One reason to call: a member who went quiet, a request nobody answered, an empty event.

    dedupe_key keeps the scheduler from listing the same thing twice in a circle, whichever
    process or rerun adds it.
    """

    __tablename__ = "outreach_items"
    __table_args__ = (UniqueConstraint("circle_id", "dedupe_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(String(40))  # quiet_member, unanswered_request, empty_event
    member_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    target_type: Mapped[str | None] = mapped_column(String(40))
    target_id: Mapped[int | None]
    dedupe_key: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    called_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str | None] = mapped_column(Text)

    member: Mapped[User | None] = relationship(foreign_keys=[member_id])
    called_by: Mapped[User | None] = relationship(foreign_keys=[called_by_id])


REASONS = ("unkind", "unsafe", "unwanted_contact", "spam", "other")
# What a report can be about besides a person: the messages members write for others to read,
# and the thread of a match (which organizers may then read).
TARGET_TYPES = ("help_requests", "events", "matches")
OUTCOMES = ("dismissed", "warned", "suspended", "removed")
REPORT_STATUSES = ("open", "handled")


class Report(db.Model):
    """One report, open until an organizer of the circle handles it."""

    __tablename__ = "reports"
    __table_args__ = (one_of("status", REPORT_STATUSES), one_of("outcome", OUTCOMES))

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id"), index=True)
    reporter_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    reported_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    target_type: Mapped[str | None] = mapped_column(String(40))
    target_id: Mapped[int | None]
    reason: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    outcome: Mapped[str | None] = mapped_column(String(20))
    # The organizer's words to the member with a warning, and their own note.
    outcome_note: Mapped[str | None] = mapped_column(Text)
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    reporter: Mapped[User | None] = relationship(foreign_keys=[reporter_id])
    reported_user: Mapped[User | None] = relationship(foreign_keys=[reported_user_id])
