"""Municipalities, their circles, and who belongs to which circle in what role."""

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint, event, inspect
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from circles.accounts.models import User
from circles.core import geo
from circles.core.types import UTCDateTime, one_of, utcnow
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
    """A local membership group and its area: within a radius of its centre, its postcodes, and
    a polygon drawn on a map (see membership.areas)."""

    __tablename__ = "circles"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(String(2000), default="")
    latitude: Mapped[float]
    longitude: Mapped[float]
    radius_km: Mapped[float]
    # Postcodes whose people count as living in the area wherever the postcode's centre lies.
    area_postcodes: Mapped[list] = mapped_column(JSON, default=list)
    # A GeoJSON Polygon or MultiPolygon ([longitude, latitude] positions), or None.
    area_polygon: Mapped[dict | None] = mapped_column(JSON)
    min_age: Mapped[int] = mapped_column(default=50)
    open: Mapped[bool] = mapped_column(default=True)
    # Whether members, not only organizers, may put events on the calendar.
    members_may_create_events: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    municipality: Mapped[Municipality] = relationship(back_populates="circles")
    memberships: Mapped[list["Membership"]] = relationship(back_populates="circle")

    @property
    def area_places(self) -> list[str]:
        """The circle's postcodes with their districts' names: '8000 Aarhus C'."""
        return [f"{code} {geo.postcode_place(code).name}" for code in self.area_postcodes or []]


class Membership(db.Model):
    """One person's place in one circle; a person may hold different roles in each."""

    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("user_id", "circle_id"),
        # A circle's active members near a place from the index alone (suggestions read the
        # squares in reach of a request, never the members' accounts); it serves every lookup
        # by circle_id, its first column, and every list of a circle's members by status.
        Index(
            "ix_memberships_circle_square",
            "circle_id",
            "status",
            "square_row",
            "square_col",
            "user_id",
            "offered_kinds",
        ),
        one_of("role", ROLES),
        one_of("status", STATUSES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id"))
    role: Mapped[str] = mapped_column(String(20), default="member")
    status: Mapped[str] = mapped_column(String(20), default="pending")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # When the person left or was removed: organizers see a former member's contact details
    # for CIRCLES_FORMER_MEMBER_CONTACT_DAYS after it, then the name only.
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Vetting of a helper: an organizer met them in person and checked references on
    # vetted_on; it lapses on vetting_expires_on, and a reminder goes out before that.
    vetted_on: Mapped[date | None]
    references_checked: Mapped[bool] = mapped_column(default=False)
    vetting_expires_on: Mapped[date | None] = mapped_column(index=True)
    vetted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    vetting_reminded_on: Mapped[date | None]
    # The grid square of the member's home (geo.square_of), kept in step with the account by
    # keep_home_squares; None while the member has no home.
    square_row: Mapped[int | None]
    square_col: Mapped[int | None]
    # The kinds of help the member offers (a bit per vocabulary.CATEGORIES), kept in step with
    # their active offers by help.models.keep_offered_kinds: suggestions find the nearest who
    # offer a kind from this index alone, not by asking each member's offers.
    offered_kinds: Mapped[int] = mapped_column(default=0, server_default="0")

    user: Mapped[User] = relationship(back_populates="memberships", foreign_keys=[user_id])
    circle: Mapped[Circle] = relationship(back_populates="memberships")

    @property
    def is_active(self) -> bool:
        """Whether the membership gives its rights now."""
        return self.status == "active"


def home_square(person: User | None) -> tuple[int | None, int | None]:
    """The grid square of the person's home, as their memberships keep it; (None, None) while
    they have none."""
    placed = person is not None and person.has_location
    return geo.square_of(person.latitude, person.longitude) if placed else (None, None)


def _place(membership: Membership, person: User | None) -> None:
    membership.square_row, membership.square_col = home_square(person)


def _moved(person: User) -> bool:
    state = inspect(person)
    return any(state.attrs[name].history.has_changes() for name in ("latitude", "longitude"))


@event.listens_for(Session, "before_flush")
def keep_home_squares(session: Session, _context, _instances) -> None:
    """Every membership carries its member's home square, set here whichever way a membership
    is made and a home is placed or moved (or erased), so that no caller can forget it."""
    for row in session.new:
        if isinstance(row, Membership):
            person = row.user or (session.get(User, row.user_id) if row.user_id else None)
            _place(row, person)
    for person in session.dirty:
        if isinstance(person, User) and _moved(person):
            for row in person.memberships:
                _place(row, person)


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
