"""A series changes its start or its rule: places follow to the matching new occurrences.

The matching new occurrence of an old one is the old one shifted by the same wall-clock
change as the series' first start (a walk moved from Tuesday 10:00 to Wednesday 11:00 moves
every Tuesday to the Wednesday after it), if the new series still has it. Where it has not (a
shorter run, a fortnightly rule, another weekday), places on that occurrence are cancelled and
their holders told. A cancelled occurrence stays cancelled at its new place; an occurrence moved
on its own takes the series' new time. Only occurrences still to come change: past ones keep
their attendance.
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from circles.accounts.models import User
from circles.core.i18n import moment_phrase
from circles.events import times as event_times
from circles.events.models import HOLDING, Booking, Event, EventOccurrence
from circles.events.times import SPOKEN
from circles.extensions import db
from circles.notify import notifications


def _target(event: Event, old_key: datetime, shift) -> datetime | None:
    """The new original start matching an old one, or None when the new series lacks it."""
    wall = event_times.local(old_key, event.timezone) + shift
    moment = wall.replace(tzinfo=ZoneInfo(event.timezone)).astimezone(UTC)
    if event.rrule:
        return moment if event_times.is_original_start(event, moment) else None
    return moment if moment == event.starts_at else None


def follow(event: Event, old_start: datetime, now: datetime) -> list[tuple[User, datetime]]:
    """Move the coming bookings and exceptions of the changed event.

    Returns (person, when) for each place cancelled because its occurrence is gone, to tell.
    """
    shift = event_times.local(event.starts_at, event.timezone) - event_times.local(
        old_start, event.timezone
    )
    exceptions = {
        e.original_start: e
        for e in db.session.scalars(
            select(EventOccurrence).where(
                EventOccurrence.event_id == event.id, EventOccurrence.original_start >= now
            )
        )
    }
    bookings = db.session.scalars(
        select(Booking).where(Booking.event_id == event.id, Booking.occurrence_start >= now)
    ).all()
    keys = sorted({b.occurrence_start for b in bookings} | set(exceptions))
    targets = {key: _target(event, key, shift) for key in keys}
    # Later first when moving later (earlier first when earlier), so a key is free when taken.
    later = shift.total_seconds() > 0
    length = event.ends_at - event.starts_at
    for key in sorted(exceptions, reverse=later):
        exception = exceptions[key]
        if targets[key] is None or not exception.cancelled:
            db.session.delete(exception)  # the series' new time wins over an earlier move
        else:
            exception.original_start = targets[key]
            exception.starts_at, exception.ends_at = targets[key], targets[key] + length
        db.session.flush()
    gone = []
    for booking in sorted(bookings, key=lambda b: b.occurrence_start, reverse=later):
        target = targets[booking.occurrence_start]
        if target is None:
            if booking.status in HOLDING:
                booking.status = "cancelled"
                moved = exceptions.get(booking.occurrence_start)
                when = moved.starts_at if moved is not None else booking.occurrence_start
                gone.append((db.session.get(User, booking.user_id), when))
        elif target != booking.occurrence_start:
            _free(event, target, booking.user_id)
            booking.occurrence_start = target
        db.session.flush()
    return gone


def _free(event: Event, key: datetime, user_id: int) -> None:
    """A place the person gave back earlier on the target occurrence makes way for the moved one."""
    stale = db.session.scalar(
        select(Booking).where(
            Booking.event_id == event.id,
            Booking.occurrence_start == key,
            Booking.user_id == user_id,
        )
    )
    if stale is not None:
        db.session.delete(stale)
        db.session.flush()


def tell_cancelled(event: Event, gone: list[tuple[User, datetime]]) -> None:
    """Each person whose occurrence disappeared hears it, with its time in their own words."""
    for person, when in gone:
        notifications.notify(
            person,
            "occurrence_cancelled",
            link=f"#/events/{event.id}",
            title=event.title,
            when=moment_phrase(when, person.timezone, SPOKEN),
        )
