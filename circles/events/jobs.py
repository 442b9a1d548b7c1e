"""Event jobs: reminders to those with a place, and warnings about events nobody has joined."""

from datetime import datetime, timedelta

from circles.accounts.models import User
from circles.core.i18n import local_text
from circles.events import bookings, events
from circles.events.times import SPOKEN
from circles.extensions import db
from circles.jobs import every
from circles.membership import circles
from circles.notify import notifications
from circles.organizing import outreach

# Nearest first: an occurrence two hours away gets the 2-hour reminder, not a late 24-hour one.
REMINDERS = ((timedelta(hours=2), "event_reminder_2h"), (timedelta(hours=24), "event_reminder_24h"))
EMPTY_WITHIN = timedelta(hours=24)


def _tell(person: User, kind: str, event, slot, key: str) -> bool:
    """Send once per key; True if this call sent it."""
    when = local_text(slot.starts_at, person.language, person.timezone, SPOKEN)
    sent = notifications.notify(
        person, kind, link=f"#/events/{event.id}", dedupe_key=key, title=event.title, when=when
    )
    return sent is not None


@every("event_reminders", minutes=5)
def send_reminders(now: datetime) -> int:
    """Remind those with a place 24 hours and 2 hours before each occurrence."""
    sent = 0
    for event, slot in events.scheduled_between(now, now + REMINDERS[-1][0]):
        lead, kind = next((lead, kind) for lead, kind in REMINDERS if slot.starts_at - now <= lead)
        key = f"{kind}:{event.id}:{slot.starts_at.isoformat()}"  # a moved occurrence is new
        for booking in bookings.booked(event, slot.original_start):
            sent += _tell(db.session.get(User, booking.user_id), kind, event, slot, key)
    return sent


@every("empty_events", minutes=15)
def flag_empty_events(now: datetime) -> int:
    """An occurrence within a day that nobody has joined: its hosts and organizers are told,
    and it goes on the outreach list."""
    sent = 0
    for event, slot in events.scheduled_between(now, now + EMPTY_WITHIN):
        if bookings.going_count(event, slot.original_start) > 0:
            continue
        key = f"empty_event:{event.id}:{slot.starts_at.isoformat()}"
        outreach.add(event.circle_id, "empty_event", key, target=event)
        people = {*events.hosts_of(event), *circles.organizers_of(event.circle_id)}
        for person in sorted(people, key=lambda p: p.id):
            sent += _tell(person, "event_empty", event, slot, key)
    return sent
