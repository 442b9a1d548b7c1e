"""Proposed events: members say they would come, and enough of them make the event real."""

from sqlalchemy import func, select

from circles.accounts.models import User
from circles.core.errors import Conflict
from circles.events.models import Event, Interest
from circles.extensions import db
from circles.membership.circles import organizers_of
from circles.notify import notifications


def interest_count(event: Event) -> int:
    """How many have said they would come to a proposed event."""
    return db.session.scalar(select(func.count(Interest.id)).where(Interest.event_id == event.id))


def show_interest(user: User, event: Event, interested: bool = True) -> Event:
    """Say 'I would come' (or take it back); enough interest makes a proposed event real."""
    if event.status != "proposed":
        raise Conflict("event.not_proposed")
    found = db.session.scalar(
        select(Interest).where(Interest.event_id == event.id, Interest.user_id == user.id)
    )
    if interested and found is None:
        db.session.add(Interest(event_id=event.id, user_id=user.id))
    elif not interested and found is not None:
        db.session.delete(found)
    db.session.flush()
    if interested and interest_count(event) >= event.interest_threshold:
        _make_real(event)
    return event


def _make_real(event: Event) -> None:
    """The proposal has its threshold: schedule it, tell the organizers and those interested."""
    event.status = "scheduled"
    db.session.flush()
    people = set(organizers_of(event.circle_id))
    interested = select(Interest.user_id).where(Interest.event_id == event.id)
    people |= set(db.session.scalars(select(User).where(User.id.in_(interested))))
    people.add(db.session.get(User, event.host_id))
    for person in people:
        notifications.notify(
            person,
            "event_proposal_real",
            link=f"#/events/{event.id}",
            dedupe_key=f"event-real:{event.id}",
            title=event.title,
        )


def is_interested(user: User, event: Event) -> bool:
    """Whether the person has said they would come to the proposed event."""
    query = select(Interest.id).where(Interest.event_id == event.id, Interest.user_id == user.id)
    return db.session.scalar(query) is not None
