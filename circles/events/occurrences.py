"""An event's occurrences: the series' slots with their moved and cancelled exceptions."""

from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import Select, and_, bindparam, or_, select

from circles.core.errors import Invalid
from circles.events import times as event_times
from circles.events.models import Event, EventOccurrence
from circles.extensions import db


def exceptions_of(event: Event) -> list[EventOccurrence]:
    """The series' moved and cancelled occurrences."""
    return exceptions_by_event([event.id]).get(event.id, [])


def exceptions_by_event(
    event_ids: list[int], within: tuple[datetime, datetime] | None = None
) -> dict[int, list[EventOccurrence]]:
    """The moved and cancelled occurrences of several events, in one query.

    Within (start, end), only those that can change an occurrence in that window: a series'
    own start there moved or cancelled, or a walk moved into it. A weekly walk's years of
    cancelled mornings are not read to list the coming month."""
    found: dict[int, list[EventOccurrence]] = {}
    if event_ids:
        values = {"event_ids": event_ids, **(window(*within) if within else {})}
        for exception in db.session.scalars(_exceptions(within is not None), values):
            found.setdefault(exception.event_id, []).append(exception)
    return found


@cache
def _exceptions(within: bool) -> Select:
    """The exceptions of :event_ids (within: falling_within()); built once, as the reminders
    ask on every run."""
    event_ids = bindparam("event_ids", expanding=True)
    query = select(EventOccurrence).where(EventOccurrence.event_id.in_(event_ids))
    return query.where(falling_within()) if within else query


def window(start: datetime, end: datetime) -> dict:
    """The values of falling_within()'s parameters for the window start..end."""
    return {"earliest": start - event_times.LONGEST, "start": start, "end": end}


def falling_within():
    """SQL: the exceptions that may change an occurrence in :start..:end, as times.slots looks
    for them: a series' own start there (from :earliest, the longest an occurrence lasts
    before :start) moved or cancelled, or one moved into it (window() gives the values)."""
    start, end = bindparam("start"), bindparam("end")
    own_start_near = EventOccurrence.original_start.between(bindparam("earliest"), end)
    moved_in = and_(EventOccurrence.starts_at < end, EventOccurrence.ends_at > start)
    return or_(own_start_near, moved_in)


def slots(event: Event, start: datetime, end: datetime, exceptions=None) -> list[event_times.Slot]:
    """The event's occurrences between start and end (its exceptions looked up unless given)."""
    if exceptions is None:
        exceptions = exceptions_of(event)
    return event_times.slots(event, exceptions, start, end)


def not_over(now: datetime):
    """Events that may still have an occurrence after now: series, one-offs not yet ended,
    and one-offs moved to later; past one-offs are not even loaded."""
    moved_later = select(EventOccurrence.event_id).where(EventOccurrence.ends_at > now)
    return or_(Event.rrule.is_not(None), Event.ends_at > now, Event.id.in_(moved_later))


def slot(event: Event, original_start: datetime | None) -> event_times.Slot:
    """One occurrence by its original start; a single event's only one when not given."""
    if original_start is None:
        if event.rrule:
            raise Invalid("event.occurrence_needed", field="occurrence_start")
        original_start = event.starts_at
    exception = db.session.scalar(
        select(EventOccurrence).where(
            EventOccurrence.event_id == event.id, EventOccurrence.original_start == original_start
        )
    )
    if exception is not None:
        return event_times.from_exception(exception)
    if not event_times.is_original_start(event, original_start):
        raise Invalid("event.no_such_occurrence", field="occurrence_start")
    return event_times.Slot(original_start, original_start, original_start + duration(event))


def occurrence_key(event: Event, value: datetime | None) -> datetime | None:
    """An occurrence named in the input (its original start, as the member wrote it), as UTC."""
    if value is None:
        return None
    return event_times.to_utc(value, event.timezone, "occurrence_start")


def duration(event: Event) -> timedelta:
    """How long each occurrence lasts."""
    return event.ends_at - event.starts_at
