"""Reports about a person or a message, and what organizers do about them."""

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from circles.accounts.models import User
from circles.core import audit
from circles.core.errors import Conflict, Invalid, NotFound
from circles.core.types import utcnow
from circles.events import events
from circles.extensions import db
from circles.help import requests as help_requests
from circles.help import threads
from circles.membership import circles
from circles.membership.models import Membership
from circles.notify import notifications
from circles.organizing.models import Report

# Each outcome, and the membership status it leaves the reported person in (None: unchanged).
OUTCOME_STATUS = {"dismissed": None, "warned": None, "suspended": "suspended", "removed": "removed"}


def _message(reporter: User, target_type: str, target_id: int):
    """The message the reporter saw, its author and circle; 404 for what they may not see."""
    if target_type == "help_requests":
        request = help_requests.visible_request(reporter, target_id)
        return request.requester_id, request.circle_id
    if target_type == "matches":
        match = threads.readable_match(reporter, target_id)
        if not threads.party(reporter, match):
            raise NotFound("error.not_found")  # organizers read a reported thread; not report it
        return threads.other_side(reporter, match).id, match.request.circle_id
    event = events.get_event(reporter, target_id)
    return event.created_by_id, event.circle_id


def _shared_circle(reporter: User, reported_id: int) -> int:
    """A circle both people are active in; reporting strangers is not possible."""
    reported = db.session.get(User, reported_id)
    mine = set(circles.active_circle_ids(reporter))
    theirs = circles.active_circle_ids(reported) if reported else []
    shared = [c for c in theirs if c in mine]
    if not shared:
        raise Invalid("report.not_in_your_circle", field="reported_user_id")
    return shared[0]


def report(reporter: User, fields: dict) -> Report:
    """File a report about a person or a message; the circle's organizers are told."""
    if fields.get("target_type"):
        reported_id, circle_id = _message(reporter, fields["target_type"], fields["target_id"])
    else:
        reported_id = fields["reported_user_id"]
        circle_id = _shared_circle(reporter, reported_id)
    if reported_id == reporter.id:
        raise Invalid("report.not_yourself", field="reported_user_id")
    filed = Report(
        circle_id=circle_id,
        reporter_id=reporter.id,
        reported_user_id=reported_id,
        target_type=fields.get("target_type"),
        target_id=fields.get("target_id"),
        reason=fields["reason"],
        text=fields.get("text", ""),
    )
    db.session.add(filed)
    db.session.flush()
    link = f"/organize/circles/{circle_id}/reports"
    for organizer in circles.organizers_of(circle_id):
        if organizer.id not in (reporter.id, reported_id):
            notifications.notify(organizer, "report.received", link=link)
    return filed


def mine(reporter: User) -> Select:
    """The person's own reports, newest first (a query, to be paged)."""
    query = select(Report).where(Report.reporter_id == reporter.id)
    return query.order_by(Report.created_at.desc(), Report.id.desc())


def of_circle(organizer: User, circle_id: int, status: str | None = None) -> Select:
    """The circle's reports for its organizers, open ones first, newest first within."""
    circles.organized_circle(organizer, circle_id)
    query = select(Report).where(Report.circle_id == circle_id)
    if status:
        query = query.where(Report.status == status)
    order = (Report.status.desc(), Report.created_at.desc(), Report.id.desc())  # open > handled
    people = (selectinload(Report.reporter), selectinload(Report.reported_user))
    return query.options(*people).order_by(*order)


def handle(organizer: User, report_id: int, outcome: str, note: str) -> Report:
    """Dismiss, warn, suspend or remove; the member and the reporter are told; audited."""
    found = db.session.get(Report, report_id)
    if found is None or not circles.is_organizer(organizer, found.circle_id):
        raise NotFound("error.not_found")
    if found.status != "open":
        raise Conflict("report.handled_already")
    if outcome == "warned" and not note.strip():
        raise Invalid("report.warning_needs_words", field="note")
    found.status, found.outcome, found.outcome_note = "handled", outcome, note
    found.handled_by_id, found.handled_at = organizer.id, utcnow()
    membership = circles.membership_of(found.circle_id, found.reported_user_id)
    if OUTCOME_STATUS[outcome] and membership is not None:
        membership.status = OUTCOME_STATUS[outcome]
        if membership.status == "removed":
            membership.ended_at = utcnow()  # organizers see contacts for a while, then not
        audit.record(
            organizer,
            f"membership.{outcome}",
            circle_id=found.circle_id,
            subject=found.reported_user,
            target=membership,
        )
    audit.record(
        organizer,
        "report.handled",
        circle_id=found.circle_id,
        subject=found.reported_user,
        target=found,
        outcome=outcome,
    )
    db.session.flush()
    _tell(found)
    return found


def _tell(found: Report) -> None:
    """The reported member hears what was decided; the reporter only that it was handled."""
    circle = circles.get_circle(found.circle_id)
    if found.outcome != "dismissed" and found.reported_user is not None:
        params = {"circle": circle.name, "note": found.outcome_note or ""}
        notifications.notify(found.reported_user, f"moderation.{found.outcome}", **params)
    if found.reporter is not None:
        notifications.notify(found.reporter, "report.handled", link="#/reports")


def reinstate(organizer: User, circle_id: int, user_id: int) -> Membership:
    """Lift a suspension; audited, and the member is told."""
    circle = circles.organized_circle(organizer, circle_id)
    membership = circles.membership_of(circle_id, user_id)
    if membership is None:
        raise NotFound("error.not_found")
    if membership.status != "suspended":
        raise Conflict("report.not_suspended")
    membership.status, membership.ended_at = "active", None
    audit.record(organizer, "membership.reinstated", circle_id=circle_id, subject=membership.user)
    db.session.flush()
    notifications.notify(membership.user, "moderation.reinstated", circle=circle.name)
    return membership
