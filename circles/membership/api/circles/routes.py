"""Circles: find one near a place, join it, and run its memberships."""

from flask_login import current_user

from circles.core import geo
from circles.core.api import Blueprint
from circles.core.errors import Forbidden, Invalid
from circles.core.i18n import local_today, translate
from circles.core.idempotency import idempotent
from circles.core.pagination import paginate
from circles.membership import circles, vetting
from circles.membership.api.circles.schemas import (
    AppointSchema,
    CircleAreaSchema,
    CircleSchema,
    CircleSettingsSchema,
    JoinSchema,
    MembershipQuerySchema,
    MembershipSchema,
    NearbyCircleSchema,
    NearbyQuerySchema,
)
from circles.membership.schemas import VettingSchema

blp = Blueprint("circles", __name__, url_prefix="/circles", description="Circles")


def search_point(query: dict) -> tuple[float, float, str | None]:
    """The point to search from: coordinates, a postcode, or the caller's home; and the
    postcode when the point is only that postcode's centre."""
    if "lat" in query:
        return query["lat"], query["lon"], None
    if "postcode" in query:
        place = geo.postcode_place(query["postcode"])
        if place is None:
            raise Invalid(
                "error.unknown_postcode", "postcode", location="query", postcode=query["postcode"]
            )
        return place.latitude, place.longitude, query["postcode"]
    if current_user.is_authenticated and current_user.has_location:
        exact = current_user.knows_exact_place
        return (
            current_user.latitude,
            current_user.longitude,
            None if exact else current_user.postcode,
        )
    raise Invalid("error.place_needed", "postcode", location="query")


# What CircleSchema reads of a circle (municipality_name comes from its municipality).
CIRCLE_ATTRIBUTES = tuple(
    dict.fromkeys((f.attribute or name).split(".")[0] for name, f in CircleSchema().fields.items())
)


def described(caller, circle, distance_km: float | None, mine) -> dict:
    """A circle with its rounded distance (None from a postcode's centre) and the caller's
    standing towards it, given the caller's membership of it (mine, or None).

    A dict, which marshmallow reads by key: through an object that passes attributes on,
    each field it read cost a failed lookup and an exception first."""
    verdict = circles.eligibility_with(caller, circle, mine)
    as_helper = circles.eligibility_with(caller, circle, mine, "helper")
    return dict(
        {name: getattr(circle, name) for name in CIRCLE_ATTRIBUTES},
        distance_km=None if distance_km is None else round(distance_km, 1),
        may_join=verdict.may_join,
        may_help=as_helper.may_join,
        reason_code=verdict.reason,
        reason=translate(verdict.reason, min_age=circle.min_age) if verdict.reason else None,
        my_status=mine.status if mine else None,
        my_role=mine.role if mine else None,
    )


@blp.route("", methods=["GET"])
@blp.arguments(NearbyQuerySchema, location="query")
@blp.response(200, NearbyCircleSchema(many=True))
@blp.paginate()
def list_circles(query, pagination_parameters):
    """Circles near a place, nearest first; from a postcode, those covering it first and no
    distances, since its centre is nobody's home (anyone)."""
    latitude, longitude, postcode = search_point(query)
    caller = current_user._get_current_object()  # read a few hundred times: not via the proxy
    page, pagination_parameters.item_count = circles.nearby(
        latitude,
        longitude,
        postcode,
        caller,
        pagination_parameters.page_size,
        pagination_parameters.first_item,
    )
    return [
        described(
            caller,
            circle,
            None if postcode else circles.distance_to(latitude, longitude, circle),
            mine,
        )
        for circle, mine in page
    ]


@blp.route("", methods=["POST"])
@blp.admin_required
@idempotent
@blp.arguments(CircleSchema)
@blp.response(201, CircleSchema)
def create_circle(data):
    """Create a circle (admin)."""
    return circles.create_circle(**data)


@blp.route("/<int:circle_id>", methods=["GET"])
@blp.response(200, CircleSchema)
def get_circle(circle_id):
    """One circle (anyone)."""
    return circles.get_circle(circle_id)


@blp.route("/<int:circle_id>", methods=["PATCH"])
@blp.login_required
@blp.arguments(CircleSettingsSchema)
@blp.response(200, CircleSchema)
def patch_circle(data, circle_id):
    """Change how the circle runs: may members create events? (its organizers, admin)."""
    return circles.update_settings(current_user, circles.get_circle(circle_id), data)


@blp.route("/<int:circle_id>/area", methods=["PUT"])
@blp.login_required
@blp.arguments(CircleAreaSchema)
@blp.response(200, CircleSchema)
def put_area(data, circle_id):
    """Set which postcodes and which drawn polygon the circle covers (its organizers, admin)."""
    circle = circles.get_circle(circle_id)
    return circles.set_area(current_user, circle, data["postcodes"], data["polygon"])


@blp.route("/<int:circle_id>/join", methods=["POST"])
@blp.login_required
@blp.arguments(JoinSchema)
@blp.response(201, MembershipSchema)
def join(data, circle_id):
    """Join, or ask to join, a circle (signed in); refusals say why."""
    return circles.join(current_user, circles.get_circle(circle_id), data["role"])


@blp.route("/<int:circle_id>/leave", methods=["POST"])
@blp.login_required
@blp.response(204)
def leave(circle_id):
    """Leave a circle (its member)."""
    circles.leave(current_user, circles.get_circle(circle_id))


@blp.route("/<int:circle_id>/memberships", methods=["GET"])
@blp.login_required
@blp.arguments(MembershipQuerySchema, location="query")
@blp.response(200, MembershipSchema(many=True))
@blp.paginate()
def list_memberships(query, circle_id, pagination_parameters):
    """The circle's memberships (its organizers, admin)."""
    circle = circles.get_circle(circle_id)
    if not circles.is_organizer(current_user, circle.id):
        raise Forbidden("error.organizers_only")
    return paginate(pagination_parameters, circles.memberships_query(circle, query.get("status")))


@blp.route("/<int:circle_id>/memberships/<int:user_id>/approve", methods=["POST"])
@blp.login_required
@blp.response(200, MembershipSchema)
def approve(circle_id, user_id):
    """Approve a pending membership (the circle's organizers, admin)."""
    return circles.decide(current_user, circles.get_circle(circle_id), user_id, approve=True)


@blp.route("/<int:circle_id>/memberships/<int:user_id>/refuse", methods=["POST"])
@blp.login_required
@blp.response(200, MembershipSchema)
def refuse(circle_id, user_id):
    """Refuse a pending membership (the circle's organizers, admin)."""
    return circles.decide(current_user, circles.get_circle(circle_id), user_id, approve=False)


@blp.route("/<int:circle_id>/memberships/<int:user_id>/vetting", methods=["POST"])
@blp.login_required
@blp.arguments(VettingSchema)
@blp.response(200, MembershipSchema)
def vet(data, circle_id, user_id):
    """Record that a helper was met in person and their references checked (organizers, admin)."""
    return vetting.vet(current_user, circle_id, user_id, data, local_today())


@blp.route("/<int:circle_id>/memberships/<int:user_id>/vetting", methods=["DELETE"])
@blp.login_required
@blp.response(200, MembershipSchema)
def withdraw_vetting(circle_id, user_id):
    """Take a helper's vetting back (the circle's organizers, admin)."""
    return vetting.withdraw(current_user, circle_id, user_id)


@blp.route("/<int:circle_id>/organizers", methods=["POST"])
@blp.admin_required
@blp.arguments(AppointSchema)
@blp.response(201, MembershipSchema)
def appoint_organizer(data, circle_id):
    """Appoint an organizer (admin)."""
    return circles.appoint_organizer(current_user, circles.get_circle(circle_id), data["email"])
