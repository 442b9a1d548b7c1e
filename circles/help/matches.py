"""The match lifecycle: invite or volunteer, accept or decline, done, thanks; or cancel.

Names and contact details are shared only once both sides have agreed (accepted or done).
Every step notifies the other side once (dedupe key per match and step).
"""

from sqlalchemy import select

from circles.accounts.models import User
from circles.core import audit
from circles.core.errors import Conflict, Invalid, NotFound
from circles.core.types import utcnow
from circles.extensions import db
from circles.help.models import HelpRequest, Match
from circles.help.requests import OPEN_MATCH, blocked_ids, category_label, may_manage
from circles.membership import circles
from circles.notify import notifications

AGREED = ("accepted", "done")


def get_match(user: User, match_id: int) -> Match:
    """A match its helper, requester or the circle's organizers may see; others get 404."""
    match = db.session.get(Match, match_id)
    if match is None or not (user.id == match.helper_id or may_manage(user, match.request)):
        raise NotFound("error.not_found")
    return match


def agreed(match: Match) -> bool:
    """Whether both sides have agreed, so that each may see the other's name and contacts."""
    return match.status in AGREED


def contact_of(person: User) -> dict:
    """A person's name and the contact details their chosen channels allow."""
    channels = person.contact_channels or []
    return {
        "name": person.name,
        "phone": person.phone if "phone" in channels else None,
        "email": person.email if "email" in channels else None,
    }


def _step(match: Match, kind: str, to: User) -> None:
    request = match.request
    notifications.notify(
        to,
        f"help.{kind}",
        link=f"#/matches/{match.id}",
        dedupe_key=f"match:{match.id}:{kind}",
        category=category_label(request.category, to),
    )


def _on_behalf(actor: User, match: Match, action: str) -> None:
    """An organizer acting for the asking side (the only side they act for) is logged."""
    if actor.id not in (match.helper_id, match.request.requester_id):
        request = match.request
        audit.record(
            actor,
            f"match.{action}",
            circle_id=request.circle_id,
            subject=request.requester,
            target=match,
        )


def propose(actor: User, request: HelpRequest, helper_id: int | None) -> Match:
    """The requester or an organizer invites a helper, or a member volunteers themselves."""
    volunteering = helper_id in (None, actor.id) and actor.id != request.requester_id
    helper = actor if volunteering else db.session.get(User, helper_id or 0)
    if not volunteering and not may_manage(actor, request):
        raise NotFound("error.not_found")
    if helper is None or helper.id == request.requester_id:
        raise Invalid("error.no_such_helper", field="helper_id")
    if not circles.is_member(helper, request.circle_id):
        if volunteering:
            raise NotFound("error.not_found")
        raise Invalid("error.no_such_helper", field="helper_id")
    if helper.id in blocked_ids(request.requester_id):
        raise (NotFound("error.not_found") if volunteering else Invalid("error.no_such_helper"))
    if request.status != "open":
        raise Conflict("error.request_not_open", status=request.status)
    if any(m.helper_id == helper.id and m.status in OPEN_MATCH for m in request.matches):
        raise Conflict("error.match_exists")
    match = Match(
        request=request,
        helper_id=helper.id,
        origin="volunteer" if volunteering else "invite",
        created_by_id=actor.id,
    )
    db.session.add(match)
    db.session.flush()
    _on_behalf(actor, match, "invited")
    db.session.commit()
    if volunteering:
        _step(match, "volunteered", request.requester)
    else:
        _step(match, "invited", helper)
    return match


def _answering_side(actor: User, match: Match) -> None:
    """Only the side that did not propose may accept or decline (or an organizer for them)."""
    if match.origin == "invite":
        allowed = actor.id == match.helper_id
    else:
        allowed = actor.id != match.helper_id and may_manage(actor, match.request)
    if not allowed:
        raise Conflict("error.match_other_side")


def _require(match: Match, action: str, *statuses: str) -> None:
    if match.status not in statuses:
        raise Conflict(f"error.match_cannot_{action}", status=match.status)


def accept(actor: User, match: Match) -> Match:
    """The other side says yes: the request is matched and both see each other."""
    _require(match, "accept", "proposed")
    _answering_side(actor, match)
    request = match.request
    if request.status != "open":
        raise Conflict("error.request_not_open", status=request.status)
    match.status, match.accepted_at = "accepted", utcnow()
    request.status, request.matched_at = "matched", match.accepted_at
    others = [m for m in request.matches if m is not match and m.status == "proposed"]
    for other in others:
        other.status, other.cancel_reason = "cancelled", "matched_elsewhere"
    _on_behalf(actor, match, "accepted")
    db.session.commit()
    to_tell = match.helper if match.origin == "volunteer" else request.requester
    _step(match, "accepted", to_tell)
    for other in others:
        _step(other, "cancelled", other.helper)
    return match


def decline(actor: User, match: Match) -> Match:
    """The other side says no; the request stays open for others."""
    _require(match, "decline", "proposed")
    _answering_side(actor, match)
    match.status = "declined"
    _on_behalf(actor, match, "declined")
    db.session.commit()
    to_tell = match.helper if match.origin == "volunteer" else match.request.requester
    _step(match, "declined", to_tell)
    return match


def done(actor: User, match: Match) -> Match:
    """Either side (or an organizer) marks the help as given."""
    _require(match, "done", "accepted")
    match.status, match.done_at = "done", utcnow()
    match.request.status, match.request.done_at = "done", match.done_at
    _on_behalf(actor, match, "done")
    db.session.commit()
    for person in (match.helper, match.request.requester):
        if person.id != actor.id:
            _step(match, "done", person)
    return match


def thank(actor: User, match: Match, note: str) -> Match:
    """The requester (or an organizer for them) thanks the helper, once, after it is done."""
    _require(match, "thanks", "done")
    if actor.id == match.helper_id:
        raise Conflict("error.thanks_from_requester")
    if match.thanks_note is not None:
        raise Conflict("error.already_thanked")
    match.thanks_note, match.thanked_at = note, utcnow()
    _on_behalf(actor, match, "thanked")
    db.session.commit()
    notifications.notify(
        match.helper,
        "help.thanked",
        link=f"#/matches/{match.id}",
        dedupe_key=f"match:{match.id}:thanked",
        note=note,
    )
    return match


def cancel(actor: User, match: Match, reason: str) -> Match:
    """Either side or an organizer calls it off, with a reason; a matched request reopens."""
    _require(match, "cancel", *OPEN_MATCH)
    was_accepted = match.status == "accepted"
    match.status, match.cancel_reason, match.cancelled_at = "cancelled", reason, utcnow()
    if was_accepted and match.request.status == "matched":
        match.request.status, match.request.matched_at = "open", None
    _on_behalf(actor, match, "cancelled")
    db.session.commit()
    for person in (match.helper, match.request.requester):
        if person.id != actor.id:
            _step(match, "cancelled", person)
    return match


def matches_of(user: User) -> list[Match]:
    """Matches where the person helps or is helped, newest first."""
    query = (
        select(Match)
        .join(HelpRequest)
        .where((Match.helper_id == user.id) | (HelpRequest.requester_id == user.id))
    )
    return list(db.session.scalars(query.order_by(Match.id.desc())))


def first_name(person) -> str:
    """Before agreement a person is known by first name only."""
    return person.name.split()[0] if person.name else ""


def contact(person) -> dict:
    """Name and chosen contact details, for people who have agreed."""
    return {"user_id": person.id, **contact_of(person)}
