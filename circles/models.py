"""Every table of every domain, imported so that Alembic and create_all see them all."""

from circles.accounts.models import (
    ApiToken,
    Consent,
    RecoveryCode,
    RelativeLink,
    SignInCard,
    User,
    UserSession,
)
from circles.core.models import AuditEntry, IdempotencyRecord, scheduler_jobs
from circles.events.models import (
    Booking,
    CalendarFeed,
    Event,
    EventHost,
    EventOccurrence,
    Interest,
    Proposal,
)
from circles.help.models import Arrangement, Block, HelpRequest, Match, Offer, SmsAnswer
from circles.membership.models import Circle, Membership, Municipality, MunicipalStaff
from circles.municipal.models import CheckIn
from circles.notify.models import Delivery, Notification, PushSubscription, SmsUsage
from circles.organizing.models import Call, OutreachItem, Report

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
    "Consent",
    "Circle",
    "Delivery",
    "IdempotencyRecord",
    "Membership",
    "MunicipalStaff",
    "Municipality",
    "Notification",
    "OutreachItem",
    "PushSubscription",
    "RecoveryCode",
    "RelativeLink",
    "Report",
    "SignInCard",
    "SmsAnswer",
    "SmsUsage",
    "User",
    "UserSession",
]
