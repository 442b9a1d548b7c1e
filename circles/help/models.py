"""Mutual help: requests, standing offers, matches, their messages, blocks and arrangements."""

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    Update,
    case,
    distinct,
    event,
    func,
    select,
    text,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from circles.accounts.models import User
from circles.core.types import UTCDateTime, one_of, utcnow
from circles.core.vocabulary import CATEGORIES
from circles.extensions import db
from circles.membership.models import Circle, Membership

REQUEST_STATUSES = ("open", "matched", "done", "cancelled", "expired")
MATCH_STATUSES = ("proposed", "accepted", "declined", "cancelled", "done")

# Helpers are found by where they live: a bounding box on the home coordinates uses this index.
# The id rides along so the nearest can be picked from the index alone.
Index("ix_users_latitude_longitude", User.latitude, User.longitude, User.id)
# The people of a postcode (and those placed only at its centre): suggestions for a request
# look among them as well as in its reach.
Index("ix_users_postcode_source", User.postcode, User.location_source)


class HelpRequest(db.Model):
    """A member asking for one kind of help, at a time or 'flexible', at home by default.

    latitude/longitude are the requester's home: used for distances, never shown; when it is
    only their postcode's centre (location_source), no distance from it is shown either.
    """

    __tablename__ = "help_requests"
    __table_args__ = (
        Index("ix_help_requests_status_lat_lon", "status", "latitude", "longitude"),
        # A circle's open requests: a few dozen among its years of history (helpers' lists).
        Index(
            "ix_help_requests_open_circle",
            "circle_id",
            postgresql_where=text("status = 'open'"),
            sqlite_where=text("status = 'open'"),
        ),
        one_of("status", REQUEST_STATUSES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id"), index=True)
    requester_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    category: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(Text, default="")
    needed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(String(200), default="home")
    # The requester chose (in the ask flow) to show the helper her address once both agreed.
    share_address: Mapped[bool] = mapped_column(default=False)
    latitude: Mapped[float]
    longitude: Mapped[float]
    # How the requester's point was found when posted: from a postcode, no distance is claimed.
    location_source: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), default="open")
    # How far the search for helpers reaches now; the widening job raises it step by step.
    radius_km: Mapped[float] = mapped_column(default=2.0)
    widened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    arrangement_id: Mapped[int | None] = mapped_column(ForeignKey("arrangements.id"))
    # Set on requests a job creates (arrangement occurrences), so each is created once.
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    matched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    circle: Mapped[Circle] = relationship()
    requester: Mapped[User] = relationship(foreign_keys=[requester_id])
    matches: Mapped[list["Match"]] = relationship(back_populates="request", order_by="Match.id")


class Offer(db.Model):
    """A standing offer of one kind of help, within a distance, at some usual times."""

    __tablename__ = "offers"
    # Probed per nearby person: "does this one offer this kind of help?"
    __table_args__ = (Index("ix_offers_user_category", "user_id", "category", "active"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(30))
    max_km: Mapped[float] = mapped_column(default=2.0)
    availability: Mapped[list] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


def kind_bit(category: str) -> int:
    """The bit that stands for a kind of help in Membership.offered_kinds."""
    return 1 << CATEGORIES.index(category)


def offered_kinds_update(people: set[int] | None = None) -> Update:
    """Set the people's memberships (everyone's, without people) to the kinds they offer now."""
    bit = case({category: kind_bit(category) for category in CATEGORIES}, value=Offer.category)
    kinds = (
        select(func.coalesce(func.sum(distinct(bit)), 0))
        .where(Offer.user_id == Membership.user_id, Offer.active.is_(True))
        .scalar_subquery()
    )
    found = update(Membership.__table__).values(offered_kinds=kinds)
    return found if people is None else found.where(Membership.user_id.in_(people))


@event.listens_for(Session, "after_flush")
def keep_offered_kinds(session: Session, _context) -> None:
    """After any flush that adds, changes or removes an offer or adds a membership, the
    memberships of those people say again what they offer (in SQL, so whatever order the
    rows were flushed in). The rows' attributes in memory are left as they were: only
    queries read the column."""
    changed = (*session.new, *session.dirty, *session.deleted)
    people = {row.user_id for row in changed if isinstance(row, Offer)}
    people |= {row.user_id for row in session.new if isinstance(row, Membership)}
    if people:
        session.connection().execute(offered_kinds_update(people))


class Match(db.Model):
    """A helper and a request coming together: proposed, then accepted or declined, then done."""

    __tablename__ = "matches"
    __table_args__ = (
        one_of("status", MATCH_STATUSES),
        # A helper's matches, and on PostgreSQL from the index alone what suggestions tally of
        # them (open ones, invitations this week, thanks): years of history stay on disk.
        Index(
            "ix_matches_helper_id",
            "helper_id",
            postgresql_include=["status", "origin", "created_at", "thanked_at"],
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("help_requests.id"), index=True)
    helper_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    origin: Mapped[str] = mapped_column(String(20))  # invite | volunteer
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    thanks_note: Mapped[str | None] = mapped_column(Text)
    thanked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Thanks go both ways: the helper's note to the person helped.
    helper_thanks_note: Mapped[str | None] = mapped_column(Text)
    helper_thanked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    request: Mapped[HelpRequest] = relationship(back_populates="matches")
    helper: Mapped[User] = relationship(foreign_keys=[helper_id])


class Message(db.Model):
    """One message in the thread of a match, written by one of its two sides after agreement."""

    __tablename__ = "match_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("matches.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User | None] = relationship()


class Block(db.Model):
    """One member keeping another out of sight: neither sees nor is suggested the other."""

    __tablename__ = "blocks"
    __table_args__ = (UniqueConstraint("blocker_id", "blocked_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    blocker_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    blocked_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    blocked: Mapped[User] = relationship(foreign_keys=[blocked_id])


class Arrangement(db.Model):
    """A regular phone chat or visit between a relationship pair; a job creates each time."""

    __tablename__ = "arrangements"

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id"), index=True)
    requester_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    helper_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    category: Mapped[str] = mapped_column(String(30))  # phone_chat | visit
    every_weeks: Mapped[int] = mapped_column(default=1)  # 1 weekly, 2 fortnightly
    first_at: Mapped[datetime] = mapped_column(UTCDateTime)
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)
    # No times before this day (the pair's local calendar day); stopped ones are not active.
    paused_until: Mapped[date | None]
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SmsAnswer(db.Model):
    """An SMS a helper sent to answer an invitation (JA or NEJ), kept once per provider id.

    outcome: accepted, declined, unclear (not yes or no), no_invitation (nothing open to
    answer), unknown_sender (the number is nobody's).
    """

    __tablename__ = "sms_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[str] = mapped_column(String(64), unique=True)
    sender: Mapped[str] = mapped_column(String(16), index=True)  # E.164
    text: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    match_id: Mapped[int | None] = mapped_column(ForeignKey("matches.id", ondelete="SET NULL"))
    outcome: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
