"""The match lifecycle: propose, accept or decline, done, thanks, or cancel with a reason."""

from flask_login import current_user

from circles.core import geo
from circles.core.api import Blueprint
from circles.core.i18n import translate
from circles.core.idempotency import idempotent
from circles.core.pagination import paginate
from circles.help import distances, matches, threads
from circles.help import requests as help_requests
from circles.help.api.matches.schemas import (
    CancelSchema,
    MatchCreateSchema,
    MatchSchema,
    OnBehalfSchema,
    ThanksSchema,
)

blp = Blueprint("matches", __name__, url_prefix="/matches", description="Matches")


def described(match, kept_apart: bool | None = None) -> dict:
    """A match from the caller's side; the other's contacts only once both agreed.

    A list passes `kept_apart`: whether the caller and the other side blocked or reported
    each other, read with the page (matches.matches_of) rather than once per match.
    """
    request, me = match.request, current_user.id
    if me == match.helper_id:
        side, other = "helper", request.requester
    else:
        side = "requester" if me == request.requester_id else "organizer"
        other = match.helper
    answers = "helper" if match.origin == "invite" else "requester"
    # Before agreement the requester is not known to the helper at all: no name, no id.
    known = side != "helper" or matches.agreed(match)
    km = geo.coarse_km(request.latitude, request.longitude, *_home(match.helper, request))
    shown = distances.shown_km(request, match.helper, km)
    return {
        "id": match.id,
        "request_id": request.id,
        "category": request.category,
        "category_label": translate(f"category.{request.category}"),
        "description": request.description,
        "needed_at": request.needed_at,
        "origin": match.origin,
        "status": match.status,
        "my_side": side,
        "waiting_for_me": match.status == "proposed"
        and (side == answers or (side == "organizer" and answers == "requester")),
        "distance_km": None if shown is None else geo.rounded_km(shown),
        "created_at": match.created_at,
        "accepted_at": match.accepted_at,
        "done_at": match.done_at,
        "cancel_reason": match.cancel_reason,
        "thanks_note": match.thanks_note,
        "helper_thanks_note": match.helper_thanks_note,
        "may_thank": _may_thank(match, side),
        "other_id": other.id if known else None,
        "other_first_name": matches.first_name(other) if known else None,
        "other": _shared(match, side, other),
        "may_write": side != "organizer"
        and matches.agreed(match)
        and not (threads.closed_by_block(match) if kept_apart is None else kept_apart),
    }


def _may_thank(match, side: str) -> bool:
    """Each side thanks once, after it is done; organizers thank for the asker."""
    if match.status != "done":
        return False
    return (match.helper_thanks_note if side == "helper" else match.thanks_note) is None


def _shared(match, side: str, other) -> dict | None:
    """What the other side chose to share, once both agreed; the helper also the address."""
    if not matches.agreed(match):
        return None
    return matches.contact(
        other, matches.shared_address(match.request) if side == "helper" else None
    )


def _home(person, request) -> tuple[float, float]:
    if person.has_location:
        return person.latitude, person.longitude
    return request.latitude, request.longitude


@blp.route("", methods=["GET"])
@blp.login_required
@blp.response(200, MatchSchema(many=True))
@blp.paginate()
def list_matches(pagination_parameters):
    """Matches where I help or am helped, newest first, a page at a time."""
    page = paginate(pagination_parameters, matches.matches_of(), {"user_id": current_user.id})
    return [described(*matches.listed(row)) for row in page]


@blp.route("", methods=["POST"])
@blp.login_required
@idempotent
@blp.arguments(MatchCreateSchema)
@blp.response(201, MatchSchema)
def create_match(data):
    """Invite a helper (requester, organizer) or volunteer for a request near me (helper)."""
    request = help_requests.visible_request(current_user, data["request_id"])
    match = matches.propose(
        current_user, request, data.get("helper_id"), on_behalf_of=data.get("on_behalf_of")
    )
    return described(match)


@blp.route("/<int:match_id>", methods=["GET"])
@blp.login_required
@blp.response(200, MatchSchema)
def get_match(match_id):
    """One match (its two sides, the circle's organizers)."""
    return described(matches.get_match(current_user, match_id))


def _act(match_id: int, data: dict, action, *args) -> dict:
    match = matches.get_match(current_user, match_id)
    return described(action(current_user, match, *args, on_behalf_of=data.get("on_behalf_of")))


@blp.route("/<int:match_id>/accept", methods=["POST"])
@blp.login_required
@blp.arguments(OnBehalfSchema)
@blp.response(200, MatchSchema)
def accept(data, match_id):
    """Say yes to a proposal made to me (or, organizers, for either side)."""
    return _act(match_id, data, matches.accept)


@blp.route("/<int:match_id>/decline", methods=["POST"])
@blp.login_required
@blp.arguments(OnBehalfSchema)
@blp.response(200, MatchSchema)
def decline(data, match_id):
    """Say no to a proposal made to me (or, organizers, for either side)."""
    return _act(match_id, data, matches.decline)


@blp.route("/<int:match_id>/done", methods=["POST"])
@blp.login_required
@blp.arguments(OnBehalfSchema)
@blp.response(200, MatchSchema)
def done(data, match_id):
    """Mark the help as given (either side, organizer, for either side)."""
    return _act(match_id, data, matches.done)


@blp.route("/<int:match_id>/thanks", methods=["POST"])
@blp.login_required
@blp.arguments(ThanksSchema)
@blp.response(200, MatchSchema)
def thanks(data, match_id):
    """Thank the other side once it is done (either side; organizers for either)."""
    return _act(match_id, data, matches.thank, data["note"])


@blp.route("/<int:match_id>/cancel", methods=["POST"])
@blp.login_required
@blp.arguments(CancelSchema)
@blp.response(200, MatchSchema)
def cancel(data, match_id):
    """Call the match off with a reason (either side, organizer, for either side)."""
    return _act(match_id, data, matches.cancel, data["reason"])
