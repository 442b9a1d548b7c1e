"""The outreach list: people and things an organizer should look at, ideally by phoning someone."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles.extensions import db
from circles.models.types import UTCDateTime, utcnow
from circles.models.users import User


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
