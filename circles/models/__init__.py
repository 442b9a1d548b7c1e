"""All models, imported so that Alembic and the app see every table."""

from circles.models.audit import AuditEntry
from circles.models.checkins import CheckIn
from circles.models.circles import Circle, Membership, Municipality, MunicipalStaff
from circles.models.idempotency import IdempotencyRecord
from circles.models.notifications import Notification
from circles.models.outreach import OutreachItem
from circles.models.users import ApiToken, User

__all__ = [
    "AuditEntry",
    "ApiToken",
    "CheckIn",
    "Circle",
    "IdempotencyRecord",
    "Membership",
    "MunicipalStaff",
    "Municipality",
    "Notification",
    "OutreachItem",
    "User",
]
