"""Events (meals, walks, talks, classes, conversations), places on them, and what they produce."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles.core.types import UTCDateTime, one_of, utcnow
from circles.extensions import db

KINDS = ("meal", "walk", "talk", "class", "conversation", "other")
STATUSES = ("proposed", "scheduled", "cancelled")
BOOKING_STATUSES = ("going", "waiting", "cancelled")
HOLDING = ("going", "waiting")  # the booking statuses that hold a place, or a place in line
PROPOSAL_STATUSES = ("received", "under_consideration", "answered")  # in order: never back


class Event(db.Model):
    """One event, or a series of them when rrule is set (expanded in the event's zone)."""

    __tablename__ = "events"
    __table_args__ = (one_of("status", STATUSES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="other")
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    host_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    place_name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str | None] = mapped_column(String(300))
    # A home address is shown only to those with a place when the host asks for that.
    address_private: Mapped[bool] = mapped_column(default=False)
    step_free: Mapped[bool] = mapped_column(default=False)
    hearing_loop: Mapped[bool] = mapped_column(default=False)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Copenhagen")
    capacity: Mapped[int | None]
    rrule: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), default="scheduled")
    interest_threshold: Mapped[int | None]
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    circle: Mapped["Circle"] = relationship()  # noqa: F821
    hosts: Mapped[list["EventHost"]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )

    @property
    def host_ids(self) -> list[int]:
        """Everyone who hosts it, the main host first."""
        others = sorted(h.user_id for h in self.hosts if h.user_id != self.host_id)
        return [self.host_id, *others]


class EventHost(db.Model):
    """One of an event's hosts; the main host is also on Event.host_id."""

    __tablename__ = "event_hosts"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))

    event: Mapped[Event] = relationship(back_populates="hosts")


class EventOccurrence(db.Model):
    """An exception to a series: one occurrence moved or cancelled, keyed by its original start."""

    __tablename__ = "event_occurrences"
    __table_args__ = (UniqueConstraint("event_id", "original_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    original_start: Mapped[datetime] = mapped_column(UTCDateTime)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Indexed for the events lists, which ask whether a past event was moved to later: without
    # it, every list read the whole country's history of changes (occurrences.not_over).
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    cancelled: Mapped[bool] = mapped_column(default=False)


class Booking(db.Model):
    """A person's place (or place in the queue) on one occurrence of an event."""

    __tablename__ = "bookings"
    __table_args__ = (
        UniqueConstraint("event_id", "occurrence_start", "user_id"),
        one_of("status", BOOKING_STATUSES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Found by the unique constraint's index (event, start, person): an index on the event
    # alone led PostgreSQL to read an event's whole history to count a coming morning's places.
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    # The occurrence's original start: the event's start for a single event.
    occurrence_start: Mapped[datetime] = mapped_column(UTCDateTime)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="going")
    attended: Mapped[bool | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    event: Mapped[Event] = relationship()
    user: Mapped["User"] = relationship(foreign_keys=[user_id])  # noqa: F821


class Interest(db.Model):
    """A member saying 'I would come' to a proposed event."""

    __tablename__ = "event_interests"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Proposal(db.Model):
    """A proposal from a dinner conversation, sent to the municipality's staff."""

    __tablename__ = "proposals"
    __table_args__ = (one_of("status", PROPOSAL_STATUSES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(30), default="received")
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    event: Mapped[Event] = relationship()
    author: Mapped["User"] = relationship(foreign_keys=[author_id])  # noqa: F821


class CalendarFeed(db.Model):
    """A member's secret calendar feed address; rotating it replaces the token."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
