"""The organizers' call log: each phone call with a member, and the follow-up it needs."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles.extensions import db
from circles.models.types import UTCDateTime, utcnow
from circles.models.users import User

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
