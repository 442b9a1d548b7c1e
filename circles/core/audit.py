"""The audit log: written with the act itself (one transaction, so both land or neither),
read by members for what was done on their behalf (organizers read theirs in organizing)."""

from sqlalchemy import Select, insert, or_, select
from sqlalchemy.orm import selectinload

from circles.core.models import AuditEntry
from circles.core.types import utcnow
from circles.extensions import db


def record(actor, action: str, *, circle_id=None, subject=None, target=None, **details):
    """Log that actor did action (to or for subject, on target) in the same transaction."""
    entry = AuditEntry(
        actor_id=actor.id,
        action=action,
        circle_id=circle_id,
        subject_id=subject.id if subject is not None else None,
        target_type=target.__tablename__ if target is not None else None,
        target_id=target.id if target is not None else None,
        details=details,
    )
    db.session.add(entry)
    return entry


def record_many(actor, action: str, circle_id: int | None, subject_ids: list[int]) -> None:
    """Log the same act for many members at once (a list import), in one statement."""
    if subject_ids:
        now = utcnow()
        rows = [
            {
                "actor_id": actor.id,
                "action": action,
                "circle_id": circle_id,
                "subject_id": subject_id,
                "details": {},
                "created_at": now,
            }
            for subject_id in subject_ids
        ]
        db.session.execute(insert(AuditEntry), rows)


def newest_first(query: Select) -> Select:
    """The query's entries newest first, with the people they name loaded alongside."""
    people = (selectinload(AuditEntry.actor), selectinload(AuditEntry.subject))
    return query.options(*people).order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())


def done_for(member) -> Select:
    """What others (organizers, admins) did for or to the member, newest first (a query)."""
    query = select(AuditEntry).where(
        AuditEntry.subject_id == member.id,
        or_(AuditEntry.actor_id.is_(None), AuditEntry.actor_id != member.id),
    )
    return newest_first(query)
