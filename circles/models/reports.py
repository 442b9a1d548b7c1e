"""Reports: a member tells the organizers about a person or a message that worries them."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles.extensions import db
from circles.models.types import UTCDateTime, utcnow
from circles.models.users import User

REASONS = ("unkind", "unsafe", "unwanted_contact", "spam", "other")
# What a report can be about besides a person: the messages members write for others to read.
TARGET_TYPES = ("help_requests", "events")
OUTCOMES = ("dismissed", "warned", "suspended", "removed")


class Report(db.Model):
    """One report, open until an organizer of the circle handles it."""

    __tablename__ = "reports"

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
