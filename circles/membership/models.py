"""Municipalities, their circles, and who belongs to which circle in what role."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles.accounts.models import User
from circles.core.types import UTCDateTime, utcnow
from circles.extensions import db

ROLES = ("member", "helper", "organizer")
# suspended and removed are an organizer's answers to a report; removed members cannot rejoin.
STATUSES = ("pending", "active", "refused", "left", "suspended", "removed")


class Municipality(db.Model):
    """A Danish municipality (kommune) whose staff follow its circles in aggregate."""

    __tablename__ = "municipalities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    code: Mapped[str | None] = mapped_column(String(3), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    circles: Mapped[list["Circle"]] = relationship(back_populates="municipality")


class Circle(db.Model):
    """A local membership group with a round area: centre and radius."""

    __tablename__ = "circles"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(String(2000), default="")
    latitude: Mapped[float]
    longitude: Mapped[float]
    radius_km: Mapped[float]
    min_age: Mapped[int] = mapped_column(default=50)
    open: Mapped[bool] = mapped_column(default=True)
    # Whether members, not only organizers, may put events on the calendar.
    members_may_create_events: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    municipality: Mapped[Municipality] = relationship(back_populates="circles")
    memberships: Mapped[list["Membership"]] = relationship(back_populates="circle")


class Membership(db.Model):
    """One person's place in one circle; a person may hold different roles in each."""

    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("user_id", "circle_id"),
        # A circle's active members from the index alone: matching joins the people in a
        # bounding box to them (and it serves every lookup by circle_id, its first column).
        Index("ix_memberships_circle_status_user", "circle_id", "status", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id"))
    role: Mapped[str] = mapped_column(String(20), default="member")
    status: Mapped[str] = mapped_column(String(20), default="pending")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # When the member left (or their account was deleted): the retention job counts from it.
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Vetting of a helper: an organizer met them in person and checked references on
    # vetted_on; it lapses on vetting_expires_on, and a reminder goes out before that.
    vetted_on: Mapped[date | None]
    references_checked: Mapped[bool] = mapped_column(default=False)
    vetting_expires_on: Mapped[date | None] = mapped_column(index=True)
    vetted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    vetting_reminded_on: Mapped[date | None]

    user: Mapped[User] = relationship(back_populates="memberships", foreign_keys=[user_id])
    circle: Mapped[Circle] = relationship(back_populates="memberships")

    @property
    def is_active(self) -> bool:
        """Whether the membership gives its rights now."""
        return self.status == "active"


class MunicipalStaff(db.Model):
    """A person who works for a municipality and may see its aggregates."""

    __tablename__ = "municipal_staff"
    __table_args__ = (UniqueConstraint("user_id", "municipality_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()
    municipality: Mapped[Municipality] = relationship()
