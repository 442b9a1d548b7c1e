"""All models, imported so that Alembic and the app see every table."""

from circles.models.audit import AuditEntry
from circles.models.calls import Call
from circles.models.checkins import CheckIn
from circles.models.circles import Circle, Membership, Municipality, MunicipalStaff
from circles.models.delivery import Delivery, PushSubscription
from circles.models.events import (
    Booking,
    CalendarFeed,
    Event,
    EventHost,
    EventOccurrence,
    Interest,
    Proposal,
)
from circles.models.help_requests import Arrangement, Block, HelpRequest, Match, Offer
from circles.models.idempotency import IdempotencyRecord
from circles.models.notifications import Notification
from circles.models.outreach import OutreachItem
from circles.models.reports import Report
from circles.models.scheduler import scheduler_jobs
from circles.models.users import ApiToken, SignInCard, User

__all__ = [
    "Arrangement",
    "Block",
    "HelpRequest",
    "Match",
    "Offer",
    "Booking",
    "CalendarFeed",
    "Event",
    "EventHost",
    "EventOccurrence",
    "Interest",
    "Proposal",
    "scheduler_jobs",
    "AuditEntry",
    "Call",
    "ApiToken",
    "CheckIn",
    "Circle",
    "Delivery",
    "IdempotencyRecord",
    "Membership",
    "MunicipalStaff",
    "Municipality",
    "Notification",
    "OutreachItem",
    "PushSubscription",
    "Report",
    "SignInCard",
    "User",
]
