"""Event jobs: reminders to those with a place, and warnings about events nobody has joined."""

from datetime import datetime, timedelta

from sqlalchemy import select

from circles.accounts.models import User
from circles.core.i18n import moment_phrase
from circles.events import events, places
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
    when = moment_phrase(slot.starts_at, person.timezone, SPOKEN)
    sent = notifications.notify(
        person, kind, link=f"#/events/{event.id}", dedupe_key=key, title=event.title, when=when
    )
    return sent is not None


def _people(ids) -> dict[int, User]:
    """The people with these ids, in one query."""
    ids = set(ids)
    return (
        {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}
    )


@every("event_reminders", minutes=5)
def send_reminders(now: datetime) -> int:
    """Remind those with a place 24 hours and 2 hours before each occurrence.

    Runs every five minutes: who has had each reminder is looked up first, in one query, so
    a run with nobody new to remind costs a few statements, not one attempt per booking.
    """
    due = []
    for event, slot in events.scheduled_between(now, now + REMINDERS[-1][0]):
        lead, kind = next((lead, kind) for lead, kind in REMINDERS if slot.starts_at - now <= lead)
        due.append((event, slot, kind, f"{kind}:{event.id}:{slot.starts_at.isoformat()}"))
    told = notifications.sent_already([key for *_, key in due])
    going = places.going_on([(event, slot) for event, slot, *_ in due])
    waiting = [
        (user_id, kind, event, slot, key)
        for event, slot, kind, key in due
        for user_id in going[(event.id, slot.original_start)]
        if (user_id, key) not in told
    ]
    people = _people(user_id for user_id, *_ in waiting)
    return sum(_tell(people[user_id], *rest) for user_id, *rest in waiting)


@every("empty_events", minutes=15)
def flag_empty_events(now: datetime) -> int:
    """An occurrence within a day that nobody has joined: its hosts and organizers are told,
    and it goes on the outreach list."""
    sent = 0
    coming = events.scheduled_between(now, now + EMPTY_WITHIN)
    going = places.going_on(coming)
    empty = [(e, s) for e, s in coming if not going[(e.id, s.original_start)]]
    keys = {
        (e.id, s.original_start): f"empty_event:{e.id}:{s.starts_at.isoformat()}" for e, s in empty
    }
    # Occurrences already on the outreach list were flagged by an earlier run: skipped.
    listed = outreach.listed(list(keys.values()))
    for event, slot in empty:
        key = keys[(event.id, slot.original_start)]
        if key in listed:
            continue
        outreach.add(event.circle_id, "empty_event", key, target=event)
        people = {*events.hosts_of(event), *circles.organizers_of(event.circle_id)}
        for person in sorted(people, key=lambda p: p.id):
            sent += _tell(person, "event_empty", event, slot, key)
    return sent
