"""The audit log: written with the act itself (the caller commits, so both land or neither),
read by organizers for their circle and by members for what was done on their behalf."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, insert, or_, select
from sqlalchemy.orm import selectinload

from circles.accounts.models import User
from circles.core.models import AuditEntry
from circles.core.types import utcnow
from circles.extensions import db
from circles.membership import circles


def record(actor: User, action: str, *, circle_id=None, subject=None, target=None, **details):
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


def record_many(actor: User, action: str, circle_id: int | None, subject_ids: list[int]) -> None:
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


def _newest_first(query: Select) -> Select:
    people = (selectinload(AuditEntry.actor), selectinload(AuditEntry.subject))
    return query.options(*people).order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())


def done_for(member: User) -> Select:
    """What others (organizers, admins) did for or to the member, newest first (a query)."""
    query = select(AuditEntry).where(
        AuditEntry.subject_id == member.id,
        or_(AuditEntry.actor_id.is_(None), AuditEntry.actor_id != member.id),
    )
    return _newest_first(query)


def of_circle(viewer: User, circle_id: int, filters: dict, zone: str) -> Select:
    """A circle's log for its organizers, filtered by actor, member, action and local days."""
    circles.organized_circle(viewer, circle_id)
    query = select(AuditEntry).where(AuditEntry.circle_id == circle_id)
    if "actor_id" in filters:
        query = query.where(AuditEntry.actor_id == filters["actor_id"])
    if "member_id" in filters:
        query = query.where(AuditEntry.subject_id == filters["member_id"])
    if "action" in filters:  # "request" finds request.posted and request.changed
        action = filters["action"]
        query = query.where(
            or_(AuditEntry.action == action, AuditEntry.action.startswith(f"{action}."))
        )
    tz = ZoneInfo(zone)
    if "from" in filters:
        start = datetime.combine(filters["from"], time(), tz)
        query = query.where(AuditEntry.created_at >= start.astimezone(UTC))
    if "to" in filters:
        end = datetime.combine(filters["to"] + timedelta(days=1), time(), tz)
        query = query.where(AuditEntry.created_at < end.astimezone(UTC))
    return _newest_first(query)
