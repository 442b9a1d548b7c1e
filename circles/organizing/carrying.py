"""A member's help as their organizer sees it on the desk page, with the steps to take for them.

For members without the app (Inger has no smartphone): the organizer sees each of the
member's requests with its helpers and suggestions, the help the member gives, and their
regular arrangements, and takes the member's next step with the same services the app uses.
"""

from dataclasses import dataclass, field

from sqlalchemy import select

from circles.accounts.models import User
from circles.extensions import db
from circles.help import matching, relationships
from circles.help.models import Arrangement, HelpRequest, Match
from circles.help.requests import OPEN_MATCH, own_requests
from circles.membership import circles

SHOWN_REQUESTS = 10
SHOWN_SUGGESTIONS = 5


@dataclass
class Step:
    """A match, and the steps the member may take in it now (accept, decline, done, ...)."""

    match: Match
    steps: list[str] = field(default_factory=list)


@dataclass
class Asked:
    """One of the member's requests: its matches with their steps, and helpers to invite."""

    request: HelpRequest
    matches: list[Step]
    suggestions: list[matching.Suggestion]


def steps_for(person: User, match: Match) -> list[str]:
    """What the person may do in the match now, as the app would let them."""
    request = match.request
    answers = match.helper_id if match.origin == "invite" else request.requester_id
    if match.status == "proposed":
        return ["accept", "decline", "cancel"] if person.id == answers else ["cancel"]
    if match.status == "accepted":
        return ["done", "cancel"]
    if match.status == "done" and person.id == request.requester_id and not match.thanks_note:
        return ["thank"]
    return []


def asked_by(organizer: User, circle_id: int, person: User, language: str) -> list[Asked]:
    """The member's recent requests in the circle, newest first, with what can be done."""
    circles.organized_circle(organizer, circle_id)
    found = []
    for request in db.session.scalars(own_requests(person, circle_id)):
        if len(found) == SHOWN_REQUESTS:
            break
        waiting = any(m.status in OPEN_MATCH for m in request.matches)
        suggested = []
        if request.status == "open" and not waiting:
            suggested = matching.suggestions(request, language, limit=SHOWN_SUGGESTIONS)
        steps = [Step(m, steps_for(person, m)) for m in request.matches]
        found.append(Asked(request, steps, suggested))
    return found


def helping(organizer: User, circle_id: int, person: User) -> list[Step]:
    """Matches in the circle where the member is the helper and something can still be done."""
    circles.organized_circle(organizer, circle_id)
    query = (
        select(Match)
        .join(HelpRequest, HelpRequest.id == Match.request_id)
        .where(
            Match.helper_id == person.id,
            HelpRequest.circle_id == circle_id,
            Match.status.in_(OPEN_MATCH),
        )
        .order_by(Match.id.desc())
    )
    return [Step(m, steps_for(person, m)) for m in db.session.scalars(query)]


def arrangements(organizer: User, circle_id: int, person: User) -> list[Arrangement]:
    """The member's regular arrangements in the circle that still run."""
    circles.organized_circle(organizer, circle_id)
    return [
        a for a in relationships.arrangements_of(person) if a.circle_id == circle_id and a.active
    ]
