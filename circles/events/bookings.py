"""Places on events: booking, the waiting list, giving a place back, and attendance."""

from datetime import datetime

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import selectinload

from circles.accounts import relatives
from circles.accounts.models import User
from circles.core import audit
from circles.core.errors import Conflict, Forbidden, Invalid
from circles.core.i18n import moment_phrase
from circles.core.types import utcnow
from circles.events.models import HOLDING, Booking, Event
from circles.events.occurrences import slot, slots
from circles.events.times import SPOKEN
from circles.extensions import db
from circles.membership.circles import is_member, is_organizer
from circles.notify import notifications


def _lock(event: Event) -> None:
    """Serialise bookings of one event until commit, so two people never both take the last place.

    PostgreSQL locks the event's row; SQLite has no row locks, so a no-op write takes its
    database write lock before anything is counted.
    """
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(update(Event).where(Event.id == event.id).values(id=Event.id))
    else:
        db.session.execute(select(Event.id).where(Event.id == event.id).with_for_update())


def _find(event: Event, original_start: datetime, user_id: int) -> Booking | None:
    return db.session.scalar(
        select(Booking).where(
            Booking.event_id == event.id,
            Booking.occurrence_start == original_start,
            Booking.user_id == user_id,
        )
    )


def going_count(event: Event, original_start: datetime) -> int:
    """Places taken on one occurrence."""
    return db.session.scalar(
        select(func.count(Booking.id)).where(
            Booking.event_id == event.id,
            Booking.occurrence_start == original_start,
            Booking.status == "going",
        )
    )


def places_left(event: Event, original_start: datetime) -> int | None:
    """Free places on one occurrence; None when there is no limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - going_count(event, original_start), 0)


def viewer(actor: User, user_id: int | None) -> User:
    """Whose eyes an event is seen with: the member a relative acts for, else the actor."""
    if user_id is not None and user_id != actor.id:
        person = db.session.get(User, user_id)
        if person is not None and relatives.may_act_for(actor, person, "book_events"):
            return person
    return actor


def _target(actor: User, event: Event, user_id: int | None) -> User:
    """Who the place is for: oneself, or (organizers, a relative) a member of the circle."""
    if user_id is None or user_id == actor.id:
        return actor
    person = db.session.get(User, user_id)
    helps = person is not None and relatives.may_act_for(actor, person, "book_events")
    if not helps and not is_organizer(actor, event.circle_id):
        raise Forbidden("error.organizers_only")
    member = db.session.get(User, user_id)
    if member is None or not is_member(member, event.circle_id):
        raise Invalid("event.not_a_member", field="user_id")
    return member


def book(actor: User, event: Event, original_start=None, user_id=None) -> Booking:
    """Take a place, or a place on the waiting list when the occurrence is full."""
    member = _target(actor, event, user_id)
    if member.id in event.host_ids:
        # The host's place is hers already; a booking would take one from a guest.
        raise Conflict(
            "event.host_cannot_book" if member is actor else "event.host_cannot_be_booked"
        )
    if event.status != "scheduled":
        raise Conflict("event.not_scheduled")
    occurrence = slot(event, original_start)
    if occurrence.cancelled:
        raise Conflict("event.occurrence_cancelled")
    if occurrence.ends_at <= utcnow():
        raise Conflict("event.over")
    _lock(event)
    booking = _find(event, occurrence.original_start, member.id)
    if booking is not None and booking.status in HOLDING:
        return booking
    booking = booking or Booking(
        event_id=event.id, occurrence_start=occurrence.original_start, user_id=member.id
    )
    left = places_left(event, occurrence.original_start)
    booking.status = "going" if left is None or left > 0 else "waiting"
    booking.created_at, booking.created_by_id, booking.attended = utcnow(), actor.id, None
    db.session.add(booking)
    if member is not actor:
        db.session.flush()
        audit.record(
            actor,
            "event.booked_for",
            circle_id=event.circle_id,
            subject=member,
            target=booking,
            status=booking.status,
        )
    db.session.flush()
    if member is not actor:
        notifications.notify(
            member,
            "event_booked_for_you",
            link=f"#/events/{event.id}",
            title=event.title,
            status=booking.status,
        )
    return booking


def waiting_place(booking: Booking) -> int:
    """Where a waiting booking stands in the queue of its occurrence: 1 is next in line."""
    return db.session.scalar(
        select(func.count(Booking.id)).where(
            Booking.event_id == booking.event_id,
            Booking.occurrence_start == booking.occurrence_start,
            Booking.status == "waiting",
            (Booking.created_at < booking.created_at)
            | ((Booking.created_at == booking.created_at) & (Booking.id <= booking.id)),
        )
    )


def give_back(actor: User, event: Event, original_start=None, user_id=None) -> Booking | None:
    """Say 'not going': the place goes to the first on the waiting list, who is told."""
    member = _target(actor, event, user_id)
    occurrence = slot(event, original_start)
    _lock(event)
    booking = _find(event, occurrence.original_start, member.id)
    if booking is None or booking.status not in HOLDING:
        return booking
    booking.status = "cancelled"
    if member is not actor:
        audit.record(
            actor, "event.unbooked_for", circle_id=event.circle_id, subject=member, target=booking
        )
    # The freed place goes to the waiting list in the same transaction, under the same lock:
    # nobody booking in between can take it ahead of those waiting.
    _fill(event, occurrence.original_start)
    return booking


def _fill(event: Event, original_start: datetime) -> list[Booking]:
    """Move people up from the waiting list while there are places; tell each of them.

    Takes the event's lock (again, if the caller holds it already: that is harmless).
    """
    _lock(event)
    moved = []
    waiting = select(Booking).where(
        Booking.event_id == event.id,
        Booking.occurrence_start == original_start,
        Booking.status == "waiting",
    )
    for booking in db.session.scalars(waiting.order_by(Booking.created_at, Booking.id)).all():
        left = places_left(event, original_start)
        if left is not None and left <= 0:
            break
        booking.status = "going"
        moved.append(booking)
    for booking in moved:
        notifications.notify(
            db.session.get(User, booking.user_id),
            "event_moved_up",
            link=f"#/events/{event.id}",
            title=event.title,
        )
    return moved


def fill_from_waiting_lists(event: Event) -> None:
    """After a change of capacity: give the new places to those waiting, on every occurrence."""
    starts = db.session.scalars(
        select(Booking.occurrence_start)
        .where(Booking.event_id == event.id, Booking.status == "waiting")
        .distinct()
    )
    for original_start in list(starts):
        _fill(event, original_start)


def booked_query(event: Event, original_start: datetime | None = None, status="going") -> Select:
    """The bookings of an event (or one occurrence) in a status, in the order they came."""
    query = select(Booking).where(Booking.event_id == event.id, Booking.status == status)
    if original_start is not None:
        query = query.where(Booking.occurrence_start == original_start)
    return query.options(selectinload(Booking.user)).order_by(Booking.created_at, Booking.id)


def booked(event: Event, original_start: datetime | None = None, status="going") -> list[Booking]:
    """The bookings of an event (or one occurrence) in a status, all of them."""
    return list(db.session.scalars(booked_query(event, original_start, status)))


def tell_booked(event: Event, kind: str, occurrence_start=None, moment=None, **params) -> None:
    """Tell everyone with a place (on one occurrence, or any to come) about a change; moment,
    when given, is written out in each person's language and zone as {when}."""
    now = utcnow()
    people = {
        b.user_id
        for b in booked(event, occurrence_start)
        if occurrence_start is not None or b.occurrence_start >= now
    }
    for user_id in people:
        person = db.session.get(User, user_id)
        if moment is not None:
            params["when"] = moment_phrase(moment, person.timezone, SPOKEN)
        notifications.notify(person, kind, link=f"#/events/{event.id}", **params)


def has_place(user: User, event: Event) -> bool:
    """Whether the person has a place on some occurrence still to come (or just past)."""
    return (
        db.session.scalar(
            select(func.count(Booking.id)).where(
                Booking.event_id == event.id, Booking.user_id == user.id, Booking.status == "going"
            )
        )
        > 0
    )


def mark_attendance(actor: User, event: Event, original_start, attended_ids: list[int]):
    """After the occurrence: the host marks who came; everyone else with a place did not."""
    occurrence = slot(event, original_start)
    if occurrence.ends_at > utcnow():
        raise Conflict("event.not_over")
    bookings = booked(event, occurrence.original_start)
    known = {b.user_id for b in bookings}
    if not set(attended_ids) <= known:
        raise Invalid("event.attendee_unknown", field="attended")
    for booking in bookings:
        booking.attended = booking.user_id in attended_ids
    if actor.id not in event.host_ids:
        audit.record(actor, "event.attendance", circle_id=event.circle_id, target=event)
    db.session.flush()
    return bookings


def my_status(user: User, event: Event, original_start: datetime) -> str | None:
    """The person's standing on one occurrence: going, waiting, or None."""
    booking = _find(event, original_start, user.id)
    return booking.status if booking is not None and booking.status in HOLDING else None


def my_places(user: User, start: datetime, end: datetime) -> list[tuple[Event, object]]:
    """(event, slot) for every occurrence the person has a place on, between start and end."""
    query = select(Booking).where(Booking.user_id == user.id, Booking.status == "going")
    by_event: dict[int, set] = {}
    for booking in db.session.scalars(query):
        by_event.setdefault(booking.event_id, set()).add(booking.occurrence_start)
    pairs = []
    for event_id, starts in by_event.items():
        event = db.session.get(Event, event_id)
        if event.status != "scheduled":
            continue
        pairs += [(event, s) for s in slots(event, start, end) if s.original_start in starts]
    return sorted(pairs, key=lambda pair: pair[1].starts_at)
