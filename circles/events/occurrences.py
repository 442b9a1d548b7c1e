"""An event's occurrences: the series' slots with their moved and cancelled exceptions."""

from datetime import datetime, timedelta

from sqlalchemy import select

from circles.core.errors import Invalid
from circles.events import times as event_times
from circles.events.models import Event, EventOccurrence
from circles.extensions import db


def exceptions_of(event: Event) -> list[EventOccurrence]:
    """The series' moved and cancelled occurrences."""
    return list(
        db.session.scalars(select(EventOccurrence).where(EventOccurrence.event_id == event.id))
    )


def slots(event: Event, start: datetime, end: datetime) -> list[event_times.Slot]:
    """The event's occurrences between start and end."""
    return event_times.slots(event, exceptions_of(event), start, end)


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
