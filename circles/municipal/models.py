"""Check-ins and the dashboard's frozen months: what the municipal figures are read from."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from circles.core.types import UTCDateTime, utcnow
from circles.extensions import db

# The answers, scored 1-3 as the UCLA three-item scale does.
ANSWERS = ("hardly_ever", "some_of_the_time", "often")
ITEMS = ("companionship", "left_out", "isolated")


class CheckIn(db.Model):
    """One check-in: three UCLA items (total 3-9) and the direct question, each scored 1-3.

    membership_days is how long the member had belonged to the circle when answering, so
    the dashboard can show how scores move with time in membership without joining back.
    """

    __tablename__ = "checkins"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id"), index=True)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    companionship: Mapped[int] = mapped_column(SmallInteger)
    left_out: Mapped[int] = mapped_column(SmallInteger)
    isolated: Mapped[int] = mapped_column(SmallInteger)
    lonely_direct: Mapped[int] = mapped_column(SmallInteger)
    membership_days: Mapped[int] = mapped_column(default=0)

    @property
    def total(self) -> int:
        """The UCLA three-item total, 3-9."""
        return self.companionship + self.left_out + self.isolated


class DashboardMonth(db.Model):
    """The raw grouped counts of one finished month of a municipality, computed once and kept.

    counts maps each figure to rows of [group..., count...] (see municipal.frozen); a month's
    row is never updated, so the dashboard's frame of a finished year never changes.
    """

    __tablename__ = "dashboard_months"
    __table_args__ = (UniqueConstraint("municipality_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipalities.id", ondelete="CASCADE")
    )
    month: Mapped[str] = mapped_column(String(7))  # 2026-03, in the municipality's zone
    counts: Mapped[dict] = mapped_column(JSON)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
