"""Writing the audit log; the caller commits with the act itself, so both land or neither."""

from circles.extensions import db
from circles.models import AuditEntry, User


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
