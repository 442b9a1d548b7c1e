"""Keeping a regular arrangement or not: either side or an organizer pauses it or stops it.

A pause holds back every time before the given day (in the asker's own calendar); a stop is
for good. Times already made for the days it no longer covers are called off, and the other
side is told.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from circles.accounts.models import User
from circles.core import audit
from circles.core.errors import Conflict, NotFound
from circles.core.types import utcnow
from circles.extensions import db
from circles.help.models import Arrangement, HelpRequest
from circles.help.requests import category_phrase
from circles.membership import circles
from circles.notify import notifications


def get_arrangement(user: User, arrangement_id: int) -> Arrangement:
    """An arrangement its two sides or the circle's organizers may change; others get 404."""
    found = db.session.get(Arrangement, arrangement_id)
    if found is None or not (
        user.id in (found.requester_id, found.helper_id)
        or circles.is_organizer(user, found.circle_id)
    ):
        raise NotFound("error.not_found")
    return found


def held_back(arrangement: Arrangement, when: datetime, zone: str) -> bool:
    """Whether a time falls on a day the arrangement is paused (or it is stopped)."""
    if not arrangement.active:
        return True
    until = arrangement.paused_until
    return until is not None and when.astimezone(ZoneInfo(zone)).date() < until


def pause(actor: User, arrangement: Arrangement, until: date | None) -> Arrangement:
    """No times before the day `until` (None resumes it at once)."""
    if not arrangement.active:
        raise Conflict("error.arrangement_stopped")
    arrangement.paused_until = until
    _call_off_held_back(arrangement, "arrangement_paused")
    _tell(actor, arrangement, "paused" if until else "resumed", until=until)
    return arrangement


def stop(actor: User, arrangement: Arrangement) -> Arrangement:
    """End the arrangement for good; stopping twice (or both at once) changes nothing more."""
    claimed = db.session.execute(
        update(Arrangement)
        .where(Arrangement.id == arrangement.id, Arrangement.active.is_(True))
        .values(active=False, stopped_at=utcnow())
    ).rowcount
    db.session.refresh(arrangement)
    if claimed:
        _call_off_held_back(arrangement, "arrangement_stopped")
        _tell(actor, arrangement, "stopped")
    return arrangement


def _call_off_held_back(arrangement: Arrangement, reason: str) -> None:
    """Times already made that now fall in the pause, or after a stop, are called off."""
    zone = db.session.get(User, arrangement.requester_id).timezone
    coming = db.session.scalars(
        select(HelpRequest).where(
            HelpRequest.arrangement_id == arrangement.id,
            HelpRequest.status == "matched",
            HelpRequest.needed_at > utcnow(),
        )
    ).all()
    for request in coming:
        if held_back(arrangement, request.needed_at, zone):
            request.status = "cancelled"
            for match in request.matches:
                if match.status == "accepted":
                    match.status, match.cancel_reason = "cancelled", reason
                    match.cancelled_at = utcnow()


def _tell(actor: User, arrangement: Arrangement, what: str, until: date | None = None) -> None:
    """The sides who did not do it are told; an organizer's doing is in the audit log."""
    db.session.flush()
    sides = (arrangement.requester_id, arrangement.helper_id)
    if actor.id not in sides:
        audit.record(
            actor, f"arrangement.{what}", circle_id=arrangement.circle_id, target=arrangement
        )
    for person_id in sides:
        if person_id == actor.id:
            continue
        person = db.session.get(User, person_id)
        notifications.notify(
            person,
            f"help.arrangement_{what}",
            link="#/arrangements",
            category=category_phrase(arrangement.category),
            until=until.isoformat() if until else "",  # written as a day in words when read
        )
