"""The audit log: written with the act itself (one transaction, so both land or neither),
read by members for what was done on their behalf (organizers read theirs in organizing)."""

from sqlalchemy import or_, select

from circles.core.models import AuditEntry
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


def newest_first(query) -> list[AuditEntry]:
    """The entries the query finds, newest first."""
    return list(
        db.session.scalars(query.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()))
    )


def done_for(member) -> list[AuditEntry]:
    """What others (organizers, admins) did for or to the member, newest first."""
    query = select(AuditEntry).where(
        AuditEntry.subject_id == member.id,
        or_(AuditEntry.actor_id.is_(None), AuditEntry.actor_id != member.id),
    )
    return newest_first(query)
