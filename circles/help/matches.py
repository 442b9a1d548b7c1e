"""The match lifecycle: invite or volunteer, accept or decline, done, thanks; or cancel.

Names and contact details are shared only once both sides have agreed (accepted or done).
Every step notifies the other side once (dedupe key per match and step). An organizer of the
request's circle may take any step for either side (on_behalf_of: a member without the app);
each such step is in the audit log, for that member to read.
"""

from datetime import datetime
from functools import cache
from itertools import accumulate
from typing import NamedTuple

from sqlalchemy import Select, bindparam, case, select, union, update
from sqlalchemy.orm import aliased

from circles.accounts.models import User
from circles.core import audit
from circles.core.errors import Conflict, Forbidden, Invalid, NotFound
from circles.core.types import utcnow
from circles.extensions import db
from circles.help.models import HelpRequest, Match
from circles.help.requests import (
    OPEN_MATCH,
    blocked,
    blocked_ids,
    category_phrase,
    lock_request,
    may_manage,
    when_text,
)
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


def shared_address(request: HelpRequest) -> str | None:
    """The asker's address, for her agreed helper: only for help at home, if she chose to."""
    if request.place != "home" or not request.share_address:
        return None
    person = request.requester
    town = " ".join(filter(None, (person.postcode, person.place_name)))
    return ", ".join(filter(None, (person.address, town))) or None


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
        category=category_phrase(request.category),
        when=when_text(request.needed_at, to),  # for an SMS, which has no app to look in
    )


def acting_for(actor: User, match: Match, on_behalf_of: int | None) -> User:
    """Whom the step is taken as: the caller, or (the circle's organizers) a side of the match."""
    if on_behalf_of is None or on_behalf_of == actor.id:
        return actor
    if not circles.is_organizer(actor, match.request.circle_id):
        raise Forbidden("error.organizers_only")
    if on_behalf_of not in (match.helper_id, match.request.requester_id):
        raise Invalid("error.not_in_match", field="on_behalf_of")
    return db.session.get(User, on_behalf_of)


def _on_behalf(actor: User, match: Match, action: str, person: User | None = None) -> None:
    """A step an organizer took (for person, else for the asking side) is logged."""
    person = person or actor
    sides = (match.helper_id, match.request.requester_id)
    if actor.id != person.id or actor.id not in sides:
        request = match.request
        audit.record(
            actor,
            f"match.{action}",
            circle_id=request.circle_id,
            subject=person if person.id in sides else request.requester,
            target=match,
        )


def _proposer(actor: User, request: HelpRequest, on_behalf_of: int | None) -> User:
    """Who proposes: the caller, or (the circle's organizers) a member of the circle."""
    if on_behalf_of is None or on_behalf_of == actor.id:
        return actor
    if not circles.is_organizer(actor, request.circle_id):
        raise Forbidden("error.organizers_only")
    person = db.session.get(User, on_behalf_of)
    if person is None or not circles.is_member(person, request.circle_id):
        raise Invalid("error.no_such_user", field="on_behalf_of")
    return person


def propose(
    actor: User, request: HelpRequest, helper_id: int | None, on_behalf_of: int | None = None
) -> Match:
    """The requester or an organizer invites a helper, or a member volunteers themselves.

    With on_behalf_of, an organizer does either for a member who phoned them.
    """
    person = _proposer(actor, request, on_behalf_of)
    volunteering = helper_id in (None, person.id) and person.id != request.requester_id
    helper = person if volunteering else db.session.get(User, helper_id or 0)
    if not volunteering and not may_manage(person, request):
        raise NotFound("error.not_found")
    if helper is None or helper.id == request.requester_id:
        raise Invalid("error.no_such_helper", field="helper_id")
    if not circles.is_member(helper, request.circle_id):
        if volunteering:
            raise NotFound("error.not_found")
        raise Invalid("error.no_such_helper", field="helper_id")
    if helper.id in blocked_ids(request.requester_id):
        raise (NotFound("error.not_found") if volunteering else Invalid("error.no_such_helper"))
    lock_request(request)
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
    _on_behalf(actor, match, "volunteered" if volunteering else "invited", person)
    if volunteering:
        _step(match, "volunteered", request.requester)
    else:
        _step(match, "invited", helper)
    return match


def _answering_side(person: User, match: Match) -> None:
    """Only the side that did not propose may accept or decline (or an organizer for them)."""
    if match.origin == "invite":
        allowed = person.id == match.helper_id
    else:
        allowed = person.id != match.helper_id and may_manage(person, match.request)
    if not allowed:
        raise Conflict("error.match_other_side")


def _require(match: Match, action: str, *statuses: str) -> None:
    if match.status not in statuses:
        raise Conflict(f"error.match_cannot_{action}", status=match.status)


def accept(actor: User, match: Match, on_behalf_of: int | None = None) -> Match:
    """The other side says yes: the request is matched and both see each other."""
    person = acting_for(actor, match, on_behalf_of)
    lock_request(match.request)
    _require(match, "accept", "proposed")
    _answering_side(person, match)
    request = match.request
    if request.status != "open":
        raise Conflict("error.request_not_open", status=request.status)
    match.status, match.accepted_at = "accepted", utcnow()
    request.status, request.matched_at = "matched", match.accepted_at
    others = [m for m in request.matches if m is not match and m.status == "proposed"]
    for other in others:
        other.status, other.cancel_reason = "cancelled", "matched_elsewhere"
    _on_behalf(actor, match, "accepted", person)
    to_tell = match.helper if match.origin == "volunteer" else request.requester
    _step(match, "accepted", to_tell)
    for other in others:
        _step(other, "cancelled", other.helper)
    return match


def decline(actor: User, match: Match, on_behalf_of: int | None = None) -> Match:
    """The other side says no; the request stays open for others."""
    person = acting_for(actor, match, on_behalf_of)
    lock_request(match.request)
    _require(match, "decline", "proposed")
    _answering_side(person, match)
    match.status = "declined"
    _on_behalf(actor, match, "declined", person)
    to_tell = match.helper if match.origin == "volunteer" else match.request.requester
    _step(match, "declined", to_tell)
    return match


def done(actor: User, match: Match, on_behalf_of: int | None = None) -> Match:
    """Either side (or an organizer) marks the help as given."""
    person = acting_for(actor, match, on_behalf_of)
    lock_request(match.request)
    _require(match, "done", "accepted")
    match.status, match.done_at = "done", utcnow()
    match.request.status, match.request.done_at = "done", match.done_at
    _on_behalf(actor, match, "done", person)
    for side in (match.helper, match.request.requester):
        if side.id not in (actor.id, person.id):
            _step(match, "done", side)
    return match


def thank(actor: User, match: Match, note: str, on_behalf_of: int | None = None) -> Match:
    """Either side thanks the other, once each, after it is done (an organizer for either)."""
    person = acting_for(actor, match, on_behalf_of)
    lock_request(match.request)
    _require(match, "thanks", "done")
    from_helper = person.id == match.helper_id
    if from_helper:
        note_column, at_column = Match.helper_thanks_note, Match.helper_thanked_at
        to, key = match.request.requester, "thanked_by_helper"
    else:
        note_column, at_column = Match.thanks_note, Match.thanked_at
        to, key = match.helper, "thanked"
    # Once per side, even when the same thanks arrives twice at the same moment.
    claimed = db.session.execute(
        update(Match)
        .where(Match.id == match.id, note_column.is_(None))
        .values({note_column: note, at_column: utcnow()})
    ).rowcount
    if not claimed:
        raise Conflict("error.already_thanked")
    db.session.refresh(match)
    _on_behalf(actor, match, "thanked", person)
    db.session.flush()
    notifications.notify(
        to,
        "help.thanked",
        link=f"#/matches/{match.id}",
        dedupe_key=f"match:{match.id}:{key}",
        note=note,
    )
    return match


def cancel(actor: User, match: Match, reason: str, on_behalf_of: int | None = None) -> Match:
    """Either side or an organizer calls it off, with a reason; a matched request reopens."""
    person = acting_for(actor, match, on_behalf_of)
    lock_request(match.request)
    _require(match, "cancel", *OPEN_MATCH)
    was_accepted = match.status == "accepted"
    match.status, match.cancel_reason, match.cancelled_at = "cancelled", reason, utcnow()
    if was_accepted and match.request.status == "matched":
        match.request.status, match.request.matched_at = "open", None
    _on_behalf(actor, match, "cancelled", person)
    for side in (match.helper, match.request.requester):
        if side.id not in (actor.id, person.id):
            _step(match, "cancelled", side)
    return match


class ListedPerson(NamedTuple):
    """What a list of matches reads of each side (its api's described(), contact(),
    shared_address() and distances): a third of an account's columns, as plain values."""

    id: int
    name: str | None
    latitude: float | None
    longitude: float | None
    location_source: str | None
    contact_channels: list | None
    phone: str | None
    email: str | None
    address: str | None
    postcode: str | None
    place_name: str | None

    has_location = User.has_location


class ListedRequest(NamedTuple):
    """What a list of matches reads of each one's request, and its asker."""

    id: int
    requester_id: int
    category: str
    description: str
    needed_at: datetime | None
    latitude: float
    longitude: float
    location_source: str | None
    place: str
    share_address: bool
    requester: ListedPerson


class ListedMatch(NamedTuple):
    """A match as a list shows it: its own columns, its request and its helper."""

    id: int
    helper_id: int
    origin: str
    status: str
    created_at: datetime
    accepted_at: datetime | None
    done_at: datetime | None
    cancel_reason: str | None
    thanks_note: str | None
    helper_thanks_note: str | None
    request: ListedRequest
    helper: ListedPerson


_MATCH_COLUMNS = ListedMatch._fields[:-2]
_REQUEST_COLUMNS = ListedRequest._fields[:-1]
# Where each part lies in a row of matches_of(): the match, its request, the asker, the helper.
_ENDS = tuple(
    accumulate((len(_MATCH_COLUMNS), len(_REQUEST_COLUMNS), *[len(ListedPerson._fields)] * 2))
)


def listed(row) -> tuple[ListedMatch, bool]:
    """A row of matches_of(): the match, and whether its two sides are kept apart."""
    match, request, asker, helper = _ENDS
    return (
        ListedMatch(
            *row[:match],
            ListedRequest(*row[match:request], ListedPerson(*row[request:asker])),
            ListedPerson(*row[asker:helper]),
        ),
        row[-1],
    )


@cache
def matches_of() -> Select:
    """Matches where the person :user_id helps or is helped, newest first, as rows for
    listed(): a query to page in SQL, built once.

    Two branches, each on its own index (matches.helper_id; help_requests.requester_id then
    matches.request_id), joined by a UNION: an OR across the join made the database read
    every match and every request in the country. Each row brings the columns the list shows
    of the match, its request, the asker and the helper, as plain values: the ORM's loading
    of four objects a row was most of the list's cost. And whether the person and the other
    side are kept apart (a block or a report either way), which closes the thread: a column
    here rather than a statement of its own for each page.
    """
    person = bindparam("user_id")
    asker, helper = aliased(User), aliased(User)
    other_side = case((Match.helper_id == person, HelpRequest.requester_id), else_=Match.helper_id)
    mine = union(
        select(Match.id).where(Match.helper_id == person),
        select(Match.id)
        .join(HelpRequest, HelpRequest.id == Match.request_id)
        .where(HelpRequest.requester_id == person),
    )
    return (
        select(
            *(getattr(Match, name) for name in _MATCH_COLUMNS),
            *(getattr(HelpRequest, name) for name in _REQUEST_COLUMNS),
            *(getattr(asker, name) for name in ListedPerson._fields),
            *(getattr(helper, name) for name in ListedPerson._fields),
            other_side.in_(blocked(person)).label("kept_apart"),
        )
        .join(HelpRequest, HelpRequest.id == Match.request_id)
        .join(asker, asker.id == HelpRequest.requester_id)
        .join(helper, helper.id == Match.helper_id)
        .where(Match.id.in_(select(mine.subquery().c.id)))
        .order_by(Match.id.desc())
    )


def first_name(person) -> str:
    """Before agreement a person is known by first name only."""
    return person.name.split()[0] if person.name else ""


def contact(person, address: str | None = None) -> dict:
    """Name and chosen contact details, for people who have agreed; the address if shared."""
    return {"user_id": person.id, **contact_of(person), "address": address}
