"""Calendars: one event as .ics, and a secret feed of all a member has a place on."""

import secrets
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar import Event as CalendarEvent
from sqlalchemy import select

from circles.accounts.models import User
from circles.core.errors import NotFound
from circles.core.types import utcnow
from circles.events import bookings, events, occurrences
from circles.events.models import CalendarFeed, Event
from circles.extensions import db

FEED_PAST_DAYS, FEED_FUTURE_DAYS = 30, 365


def shows_address(user: User, event: Event) -> bool:
    """A private address is for those with a place, the hosts and the organizers."""
    return (
        not event.address_private
        or events.may_manage(user, event)
        or bookings.has_place(user, event)
    )


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Circles//circles//DA")
    calendar.add("version", "2.0")
    return calendar


def _entry(event: Event, user: User, uid: str, starts: datetime, ends: datetime, off=False):
    entry = CalendarEvent()
    entry.add("uid", uid)
    entry.add("summary", event.title)
    entry.add("description", event.description or "")
    where = [event.place_name, event.address if shows_address(user, event) else None]
    entry.add("location", ", ".join(part for part in where if part))
    zone = ZoneInfo(event.timezone)
    entry.add("dtstart", starts.astimezone(zone))
    entry.add("dtend", ends.astimezone(zone))
    entry.add("dtstamp", utcnow())
    if off or event.status == "cancelled":
        entry.add("status", "CANCELLED")
    return entry


def _occurrence_uid(event: Event, original_start: datetime) -> str:
    """One occurrence's UID, the same in its own file and in the feed: phones never double it."""
    stamp = original_start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"event-{event.id}-{stamp}@circles"


def event_ics(user: User, event: Event, original_start: datetime | None = None) -> bytes:
    """The event for a phone calendar: one occurrence when named (what was booked, no
    repetition), else the whole series with its moves and cancellations."""
    calendar = _calendar()
    uid = f"event-{event.id}@circles"
    if event.rrule and original_start is not None:
        slot = occurrences.slot(event, original_start)
        uid = _occurrence_uid(event, slot.original_start)
        entry = _entry(event, user, uid, slot.starts_at, slot.ends_at, off=slot.cancelled)
        calendar.add_component(entry)
        calendar.add_missing_timezones()
        return calendar.to_ical()
    if not event.rrule:  # a single event: where its one occurrence is now
        slot = occurrences.slot(event, None)
        calendar.add_component(
            _entry(event, user, uid, slot.starts_at, slot.ends_at, off=slot.cancelled)
        )
        calendar.add_missing_timezones()
        return calendar.to_ical()
    main = _entry(event, user, uid, event.starts_at, event.ends_at)
    main.add("rrule", _rrule_dict(event.rrule))
    calendar.add_component(main)
    for exception in occurrences.exceptions_of(event):
        zone = ZoneInfo(event.timezone)
        if exception.cancelled:
            main.add("exdate", exception.original_start.astimezone(zone))
            continue
        moved = _entry(event, user, uid, exception.starts_at, exception.ends_at)
        moved.add("recurrence-id", exception.original_start.astimezone(zone))
        calendar.add_component(moved)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _rrule_dict(rule: str) -> dict:
    """An RRULE string as the dict icalendar writes back out."""
    return {key: value.split(",") for key, value in (p.split("=", 1) for p in rule.split(";"))}


def feed_ics(user: User) -> bytes:
    """Every occurrence the person has a place on, from a month ago to a year ahead."""
    now = utcnow()
    calendar = _calendar()
    calendar.add("x-wr-calname", "Circles")
    start, end = now - timedelta(days=FEED_PAST_DAYS), now + timedelta(days=FEED_FUTURE_DAYS)
    for event, slot in bookings.my_places(user, start, end):
        uid = _occurrence_uid(event, slot.original_start)
        entry = _entry(event, user, uid, slot.starts_at, slot.ends_at, off=slot.cancelled)
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed(user: User, rotate: bool = False) -> CalendarFeed:
    """The person's feed token, made on first use; rotating makes the old address stop working."""
    found = db.session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == user.id))
    if found is None:
        found = CalendarFeed(user_id=user.id, token=secrets.token_urlsafe(32))
        db.session.add(found)
    elif rotate:
        found.token, found.created_at = secrets.token_urlsafe(32), utcnow()
    db.session.flush()
    return found


def feed_owner(token: str) -> User:
    """Whose feed the token opens; 404 for unknown or rotated tokens."""
    found = db.session.scalar(select(CalendarFeed).where(CalendarFeed.token == token))
    if found is None:
        raise NotFound("error.not_found")
    owner = db.session.get(User, found.user_id)
    if not owner.active:
        raise NotFound("error.not_found")
    return owner
