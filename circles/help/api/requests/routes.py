"""Help requests: post one, list mine or those near me, read and change, and see suggestions."""

from flask_login import current_user

from circles.core import geo
from circles.core.api import Blueprint
from circles.core.errors import Forbidden
from circles.core.i18n import translate
from circles.core.idempotency import idempotent
from circles.core.pagination import paginate
from circles.help import distances, matches, matching, posting
from circles.help import requests as help_requests
from circles.help.api.requests.schemas import (
    RequestPatchSchema,
    RequestQuerySchema,
    RequestSchema,
    SuggestionSchema,
)
from circles.help.schemas import RequestCreateSchema

blp = Blueprint("requests", __name__, url_prefix="/requests", description="Help requests")


def summary(request, distance_km=None, area=None) -> dict:
    """The fields every reader of a request may see; area is said when no distance can be."""
    return {
        "id": request.id,
        "circle_id": request.circle_id,
        "circle_name": request.circle.name,
        "category": request.category,
        "category_label": translate(f"category.{request.category}"),
        "description": request.description,
        "needed_at": request.needed_at,
        "flexible": request.needed_at is None,
        "place": request.place,
        "status": request.status,
        "created_at": request.created_at,
        "distance_km": None if distance_km is None else geo.rounded_km(distance_km),
        "area": area,
    }


def on_map(request, distance_km: float, helper) -> dict:
    """A nearby request, as the helper sees it, with the centre of its map square: the area,
    never the home.

    A request from a postcode's centre is not put on the map: that centre is nobody's street.
    """
    km = distances.shown_km(request, helper, distance_km)
    shown = summary(request, km, unknown_distance(request, km))
    if not distances.exact(request):
        return shown
    latitude, longitude = geo.square_centre(request.latitude, request.longitude)
    return {**shown, "latitude": latitude, "longitude": longitude}


def unknown_distance(request, shown_km: float | None) -> str | None:
    """Where the requester lives ('8000 Aarhus C') when no distance may be shown, else None."""
    return distances.area_of(request.requester) if shown_km is None else None


def described(request) -> dict:
    """A request for its requester, an organizer, or a helper matched to it."""
    manager = help_requests.may_manage(current_user, request)
    # The caller's latest match as helper, from the matches loaded with the request anyway.
    mine = next((m for m in reversed(request.matches) if m.helper_id == current_user.id), None)
    distance = area = None
    if not manager and current_user.has_location:
        km = distances.between(request, current_user)
        distance = distances.shown_km(request, current_user, km)
        area = unknown_distance(request, distance)
    shown = [
        {
            "id": m.id,
            "origin": m.origin,
            "status": m.status,
            "helper_first_name": matches.first_name(m.helper),
            "helper": matches.contact(m.helper) if matches.agreed(m) else None,
        }
        for m in request.matches
        if manager or m is mine
    ]
    return {
        **summary(request, distance, area),
        "radius_km": request.radius_km,
        "matched_at": request.matched_at,
        "done_at": request.done_at,
        "mine": request.requester_id == current_user.id,
        "share_address": request.share_address if manager else None,
        "requester": matches.contact(request.requester, matches.shared_address(request))
        if manager or (mine and matches.agreed(mine))
        else None,
        "matches": shown,
    }


@blp.route("", methods=["GET"])
@blp.login_required
@blp.arguments(RequestQuerySchema, location="query")
@blp.response(200, RequestSchema(many=True))
@blp.paginate()
def list_requests(query, pagination_parameters):
    """My own requests, or (near=1) open ones near me in my circles, nearest first."""
    if query["near"]:
        wanted = pagination_parameters.first_item + pagination_parameters.page_size
        helper = current_user._get_current_object()  # once, not through the proxy per row
        found = matching.nearby_requests(helper, limit=wanted)
        return paginate(pagination_parameters, [on_map(r, km, helper) for r, km in found])
    own = help_requests.own_requests(current_user)
    return [described(r) for r in paginate(pagination_parameters, own)]


@blp.route("", methods=["POST"])
@blp.login_required
@idempotent
@blp.arguments(RequestCreateSchema)
@blp.response(201, RequestSchema)
def create_request(data):
    """Ask for help (members; organizers may post for a member of their circle)."""
    return described(posting.post_request(current_user, data))


@blp.route("/<int:request_id>", methods=["GET"])
@blp.login_required
@blp.response(200, RequestSchema)
def get_request(request_id):
    """One request (its requester, the circle's organizers, a helper matched to it)."""
    return described(help_requests.get_request(current_user, request_id))


@blp.route("/<int:request_id>", methods=["PATCH"])
@blp.login_required
@blp.arguments(RequestPatchSchema)
@blp.response(200, RequestSchema)
def patch_request(changes, request_id):
    """Change or cancel a request (its requester, the circle's organizers)."""
    request = help_requests.get_request(current_user, request_id)
    return described(help_requests.update_request(current_user, request, changes))


@blp.route("/<int:request_id>/suggestions", methods=["GET"])
@blp.login_required
@blp.response(200, SuggestionSchema(many=True))
@blp.paginate()
def suggestions(request_id, pagination_parameters):
    """Helpers who could help, best first, each with a score and reasons (requester, organizer)."""
    request = help_requests.get_request(current_user, request_id)
    if not help_requests.may_manage(current_user, request):
        raise Forbidden("error.request_managers_only")
    wanted = pagination_parameters.first_item + pagination_parameters.page_size
    ranked = matching.suggestions(request, current_user.language, limit=wanted)
    page = paginate(pagination_parameters, ranked)
    return [
        {
            "helper_id": s.helper.id,
            "first_name": matches.first_name(s.helper),
            "distance_km": None if s.shown_km is None else geo.rounded_km(s.shown_km),
            "score": s.score,
            "reasons": s.reasons,
        }
        for s in page
    ]
