"""A circle's audit log for its organizers: who did what, by actor, member, action and day."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, or_, select

from circles.accounts.models import User
from circles.core import audit
from circles.core.i18n import catalog, current_language, translate
from circles.core.models import AuditEntry
from circles.membership import circles


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
    return audit.newest_first(query)


def described(entry) -> str:
    """The act in a plain sentence in the reader's language; unknown acts by their code."""
    key = f"audit.{entry.action}"
    if key not in catalog(current_language()):
        return translate("audit.other", action=entry.action)
    actor = entry.actor.name if entry.actor else translate("audit.system")
    member = entry.subject.name if entry.subject else ""
    return translate(key, actor=actor, member=member)
