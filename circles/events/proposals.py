"""Proposals from dinner conversations: participants send them, municipal staff answer."""

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from circles.accounts.models import User
from circles.core import audit
from circles.core.errors import Conflict, Forbidden, Invalid, NotFound
from circles.core.types import utcnow
from circles.events.bookings import has_place
from circles.events.models import PROPOSAL_STATUSES, Event, Proposal
from circles.extensions import db
from circles.membership.circles import is_organizer, staff_municipality_ids
from circles.membership.models import Circle
from circles.notify import notifications

ORDER = PROPOSAL_STATUSES  # a proposal moves along these, never back


# What a listed proposal shows of its event, circle and author: loaded with the page.
WITH = (
    selectinload(Proposal.event).selectinload(Event.circle),
    selectinload(Proposal.author),
)


def is_participant(user: User, event: Event) -> bool:
    """Hosts and those with a place took part in the conversation."""
    return user.id in event.host_ids or has_place(user, event)


def submit(user: User, event: Event, text: str) -> Proposal:
    """A participant sends a proposal from the conversation to the municipality."""
    if event.kind != "conversation":
        raise Conflict("proposal.only_conversations")
    if not is_participant(user, event):
        raise Forbidden("proposal.participants_only")
    proposal = Proposal(event_id=event.id, author_id=user.id, text=text)
    db.session.add(proposal)
    db.session.flush()
    return proposal


def of_event(user: User, event: Event) -> Select:
    """The conversation's proposals, for its participants and the circle's organizers."""
    if not (is_participant(user, event) or is_organizer(user, event.circle_id)):
        raise Forbidden("proposal.participants_only")
    query = select(Proposal).where(Proposal.event_id == event.id)
    return query.options(*WITH).order_by(Proposal.created_at, Proposal.id)


def _staff_query(user: User):
    circles = select(Circle.id).where(Circle.municipality_id.in_(staff_municipality_ids(user)))
    events = select(Event.id).where(Event.circle_id.in_(circles))
    return select(Proposal).where(Proposal.event_id.in_(events))


def for_staff(user: User, status: str | None = None) -> Select:
    """Proposals from the circles of the municipalities the person works for, newest first."""
    query = _staff_query(user)
    if status:
        query = query.where(Proposal.status == status)
    return query.options(*WITH).order_by(Proposal.created_at.desc(), Proposal.id.desc())


def mine(user: User) -> Select:
    """The proposals the person wrote, to follow their status."""
    query = select(Proposal).where(Proposal.author_id == user.id)
    return query.options(*WITH).order_by(Proposal.created_at.desc(), Proposal.id.desc())


def answer(staff: User, proposal_id: int, status: str, text: str | None) -> Proposal:
    """Staff move a proposal on (never back); the author and the event's hosts are told."""
    proposal = db.session.scalar(_staff_query(staff).where(Proposal.id == proposal_id))
    if proposal is None:
        raise NotFound("error.not_found")
    if ORDER.index(status) < ORDER.index(proposal.status):
        raise Conflict("proposal.no_going_back")
    if status == "answered" and not (text or proposal.answer):
        raise Invalid("proposal.answer_needed", field="answer")
    proposal.status = status
    if text is not None:
        proposal.answer = text
    proposal.answered_by_id, proposal.updated_at = staff.id, utcnow()
    audit.record(staff, "proposal.status", target=proposal, status=status)
    db.session.flush()
    event = proposal.event
    for user_id in {proposal.author_id, *event.host_ids}:
        notifications.notify(
            db.session.get(User, user_id),
            f"proposal_{status}",
            link=f"#/events/{event.id}",
            dedupe_key=f"proposal:{proposal.id}:{status}",
            title=event.title,
        )
    return proposal
