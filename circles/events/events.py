"""Events: who may see, create and run them; changes reach the bookings."""

from datetime import datetime, timedelta
from functools import cache
from typing import NamedTuple

from sqlalchemy import CompoundSelect, and_, bindparam, case, literal, null, select, union_all

from circles.accounts.models import User
from circles.core import audit
from circles.core.errors import Conflict, Forbidden, Invalid, NotFound
from circles.core.types import utcnow
from circles.db import read_columns
from circles.events import bookings, places, reschedule
from circles.events import times as event_times
from circles.events.models import Booking, Event, EventHost, EventOccurrence
from circles.events.occurrences import (
    exceptions_by_event,
    falling_within,
    not_over,
    slot,
    slots,
    window,
)
from circles.extensions import db
from circles.membership.circles import active_circles, get_circle, is_member, is_organizer
from circles.membership.models import Circle, Membership

UPCOMING_DAYS = 60
TIMED_FIELDS = ("starts_at", "ends_at")


def may_see(user: User, event: Event) -> bool:
    """Members of the event's circle (and admins) see it."""
    return user.is_authenticated and (user.is_admin or is_member(user, event.circle_id))


def may_manage(user: User, event: Event) -> bool:
    """Hosts and the circle's organizers run the event."""
    return user.id in event.host_ids or is_organizer(user, event.circle_id)


def get_event(user: User, event_id: int) -> Event:
    """An event the person may see; 404 for anyone else."""
    event = db.session.get(Event, event_id)
    if event is None or not may_see(user, event):
        raise NotFound("error.not_found")
    return event


def managed_event(user: User, event_id: int) -> Event:
    """An event the person may run: hosts and organizers; other members get 403."""
    event = get_event(user, event_id)
    if not may_manage(user, event):
        raise Forbidden("event.hosts_only")
    return event


class ListedEvent(NamedTuple):
    """What the list of coming events shows of an event, and what its times need."""

    id: int
    circle_id: int
    kind: str
    title: str
    place_name: str
    step_free: bool
    hearing_loop: bool
    capacity: int | None
    status: str
    rrule: str | None
    starts_at: datetime
    ends_at: datetime
    timezone: str


class Change(NamedTuple):
    """A moved or cancelled occurrence, as times.slots reads it."""

    original_start: datetime
    starts_at: datetime
    ends_at: datetime
    cancelled: bool


def upcoming(user: User, now: datetime, circle_id=None, status="scheduled", days=UPCOMING_DAYS):
    """(event, slot) pairs in the person's circles from now on, soonest first, each event a
    ListedEvent; and the places taken and the person's status on those with bookings, per
    (event id, original start), as places.standings takes them."""
    end = now + timedelta(days=days)
    values = {"user_id": user.id, "circle_id": circle_id, "status": status, **window(now, end)}
    found: dict[int, ListedEvent] = {}
    changes: dict[int, list[Change]] = {}
    counted: dict[tuple[int, datetime], tuple[int, str | None]] = {}
    for row in read_columns(_upcoming(circle_id is not None), values):
        fact, original_start, *change, going, my_status = row[_FACT:]
        if going is not None:
            counted[(row[0], original_start)] = (going, my_status)
        if fact == "booked":
            continue
        event = found.get(row[0])
        if event is None:
            event = found[row[0]] = ListedEvent(*row[:_FACT])
        if fact == "change":
            changes.setdefault(event.id, []).append(Change(original_start, *change))
    pairs = []
    for event in found.values():
        if status == "proposed":
            pairs.append((event, event_times.Slot(event.starts_at, event.starts_at, event.ends_at)))
            continue
        coming = slots(event, now, end, changes.get(event.id, []))
        pairs += [(event, s) for s in coming if not s.cancelled]
    return sorted(pairs, key=lambda pair: (pair[1].starts_at, pair[0].id)), counted


_FACT = len(ListedEvent._fields)  # where a row of _upcoming() goes on to what it tells of one


@cache
def _upcoming(in_one_circle: bool) -> CompoundSelect:
    """The events of upcoming(), by :user_id (in :circle_id), :status, :start and :end, as rows
    of a ListedEvent's columns, then what a row tells of one occurrence of it that may fall in
    the window: a change of it (the columns of a Change, "change"; a row with none for an
    event without changes), or the places taken on it and :user_id's status ("booked": those
    starting in the window with bookings). A moved occurrence's places come with its change.

    One statement for the events, their changes and their bookings, read as plain rows, built
    once: the home screen lists them on every visit, and a statement for the bookings (7% of
    the list's instructions), the ORM's loading, and building the statement each cost more
    than running it. The person's circles are inside the one statement. Bookings are read of the
    window's occurrences only, by the index on their event and start, not the history's."""
    mine = active_circles(bindparam("user_id"))
    if in_one_circle:
        mine = mine.where(Membership.circle_id == bindparam("circle_id"))
    start, end = bindparam("start"), bindparam("end")
    listed = and_(
        Event.circle_id.in_(mine),
        Event.status == bindparam("status"),
        Event.starts_at <= end,
        not_over(start),
    )
    # The places on each change's own occurrence, whether it was moved into the window or not.
    places_on_change = places.standings_of(EventOccurrence.event_id, EventOccurrence.original_start)
    with_changes = (
        select(
            *(getattr(Event, name) for name in ListedEvent._fields),
            case((EventOccurrence.event_id.is_not(None), "change")).label("fact"),
            *(getattr(EventOccurrence, name) for name in Change._fields),
            *places_on_change,
        )
        .outerjoin(EventOccurrence, and_(EventOccurrence.event_id == Event.id, falling_within()))
        .where(listed)
    )
    booked = (
        select(
            Booking.event_id,
            *(null() for _ in ListedEvent._fields[1:]),
            literal("booked"),
            Booking.occurrence_start,
            *(null() for _ in Change._fields[1:]),
            *places.standing_columns(),
        )
        .where(
            Booking.event_id.in_(select(Event.id).where(listed)),
            Booking.occurrence_start.between(bindparam("earliest"), end),
        )
        .group_by(Booking.event_id, Booking.occurrence_start)
    )
    return union_all(with_changes, booked)


def check_hosts(circle_id: int, host_ids: list[int]) -> list[User]:
    """Hosts must be active members of the circle."""
    hosts = []
    for host_id in dict.fromkeys(host_ids):
        host = db.session.get(User, host_id)
        if host is None or not is_member(host, circle_id):
            raise Invalid("event.host_not_member", field="host_ids")
        hosts.append(host)
    return hosts


def _times(data: dict, zone: str, current: Event | None = None) -> dict:
    """Times made UTC and checked: end after start, a real local time, a sound repetition."""
    for field in TIMED_FIELDS:
        if field in data:
            data[field] = event_times.to_utc(data[field], zone, field)
    starts = data.get("starts_at", current.starts_at if current else None)
    ends = data.get("ends_at", current.ends_at if current else None)
    if ends <= starts:
        raise Invalid("event.ends_before_start", field="ends_at")
    if ends - starts > event_times.LONGEST:
        raise Invalid("event.too_long", field="ends_at")
    rule = data.get("rrule", current.rrule if current else None)
    data["rrule"] = event_times.check_rrule(rule, starts, zone)
    return data


def create(actor: User, data: dict) -> Event:
    """A new event, or a proposed one that waits for enough interest."""
    circle = get_circle(data.pop("circle_id"))
    if not is_member(actor, circle.id) and not actor.is_admin:
        raise NotFound("error.not_found")
    proposed = data.pop("proposed", False)
    if proposed and not data.get("interest_threshold"):
        raise Invalid("event.threshold_needed", field="interest_threshold")
    if not proposed and not may_create(actor, circle):
        raise Forbidden("event.organizers_create")
    zone = data.pop("timezone", None) or actor.timezone
    hosts = check_hosts(circle.id, data.pop("host_ids", None) or [actor.id])
    event = Event(
        circle_id=circle.id,
        host_id=hosts[0].id,
        created_by_id=actor.id,
        timezone=zone,
        status="proposed" if proposed else "scheduled",
        **_times(data, zone),
    )
    event.hosts = [EventHost(user_id=host.id) for host in hosts]
    db.session.add(event)
    if actor.id not in event.host_ids:
        db.session.flush()
        audit.record(actor, "event.created", circle_id=circle.id, target=event)
    db.session.flush()
    return event


def may_create(user: User, circle: Circle) -> bool:
    """Organizers always; members when the circle allows it."""
    return is_organizer(user, circle.id) or (
        circle.members_may_create_events and is_member(user, circle.id)
    )


def update(actor: User, event: Event, changes: dict) -> Event:
    """Change an event (hosts, organizers); those with a place hear about a new time or place."""
    if event.status == "cancelled":
        raise Conflict("event.cancelled")
    if "host_ids" in changes:
        hosts = check_hosts(event.circle_id, changes.pop("host_ids"))
        event.host_id = hosts[0].id
        # Keep the rows of hosts who stay: replacing them would clash on (event, user).
        kept = {h.user_id: h for h in event.hosts}
        event.hosts = [kept.get(host.id) or EventHost(user_id=host.id) for host in hosts]
    if set(changes) & {"starts_at", "ends_at", "rrule"}:
        changes = _times(changes, event.timezone, event)
    old_start, old_rule = event.starts_at, event.rrule
    for field, value in changes.items():
        setattr(event, field, value)
    gone = []
    if event.starts_at != old_start or event.rrule != old_rule:
        gone = reschedule.follow(event, old_start, utcnow())
    if not may_manage_silently(actor, event):
        audit.record(actor, "event.changed", circle_id=event.circle_id, target=event)
    db.session.flush()

    reschedule.tell_cancelled(event, gone)
    bookings.fill_from_waiting_lists(event)
    if set(changes) & {"starts_at", "ends_at", "place_name", "address", "rrule"}:
        bookings.tell_booked(event, "event_changed", title=event.title)
    return event


def may_manage_silently(actor: User, event: Event) -> bool:
    """A host changing their own event is not an organizer act that needs logging."""
    return actor.id in event.host_ids


def cancel(actor: User, event: Event) -> None:
    """Call the event off; everyone with a place is told."""
    if event.status == "cancelled":
        raise Conflict("event.cancelled")
    event.status = "cancelled"
    if not may_manage_silently(actor, event):
        audit.record(actor, "event.cancelled", circle_id=event.circle_id, target=event)
    db.session.flush()

    bookings.tell_booked(event, "event_cancelled", title=event.title)


def change_occurrence(actor: User, event: Event, original_start, starts_at=None, ends_at=None):
    """Move one occurrence, or cancel it (no new times); its bookings follow it."""
    if event.status != "scheduled":
        raise Conflict("event.not_scheduled")
    current = slot(event, original_start)
    exception = db.session.scalar(
        select(EventOccurrence).where(
            EventOccurrence.event_id == event.id,
            EventOccurrence.original_start == current.original_start,
        )
    ) or EventOccurrence(event_id=event.id, original_start=current.original_start)
    if starts_at is None:
        exception.starts_at, exception.ends_at, exception.cancelled = (
            current.starts_at,
            current.ends_at,
            True,
        )
    else:
        times = _times({"starts_at": starts_at, "ends_at": ends_at, "rrule": None}, event.timezone)
        exception.starts_at, exception.ends_at = times["starts_at"], times["ends_at"]
        exception.cancelled = False
    db.session.add(exception)
    if not may_manage_silently(actor, event):
        db.session.flush()
        audit.record(
            actor,
            "event.occurrence_changed",
            circle_id=event.circle_id,
            target=event,
            cancelled=exception.cancelled,
        )
    db.session.flush()

    kind = "occurrence_cancelled" if exception.cancelled else "occurrence_moved"
    bookings.tell_booked(
        event, kind, current.original_start, moment=current.starts_at, title=event.title
    )
    return event_times.Slot(
        current.original_start, exception.starts_at, exception.ends_at, exception.cancelled
    )


def hosts_of(event: Event) -> list[User]:
    """The event's hosts, the main host first, in one query."""
    ids = event.host_ids
    found = {user.id: user for user in db.session.scalars(select(User).where(User.id.in_(ids)))}
    return [found[host_id] for host_id in ids if host_id in found]


def scheduled_between(start: datetime, end: datetime, circle_ids=None):
    """(event, slot) for every occurrence of a scheduled event starting from start to end."""
    query = select(Event).where(Event.status == "scheduled", Event.starts_at <= end)
    if circle_ids is not None:
        query = query.where(Event.circle_id.in_(circle_ids))
    found = list(db.session.scalars(query.where(not_over(start)).order_by(Event.id)))
    exceptions = exceptions_by_event([event.id for event in found], within=(start, end))
    pairs = []
    for event in found:
        pairs += [
            (event, s)
            for s in slots(event, start, end, exceptions.get(event.id, []))
            if not s.cancelled and start <= s.starts_at <= end
        ]
    return sorted(pairs, key=lambda pair: (pair[1].starts_at, pair[0].id))
