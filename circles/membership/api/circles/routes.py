"""Circles: find one near a place, join it, and run its memberships."""

from flask import current_app
from flask_login import current_user
from flask_smorest import abort

from circles.core import geo
from circles.core.api import Blueprint, paginate
from circles.core.fields import pdf_response
from circles.core.i18n import current_language, local_today, translate
from circles.core.idempotency import idempotent
from circles.membership import circles, vetting
from circles.membership.api.circles.schemas import (
    AppointSchema,
    CircleAreaSchema,
    CircleFiguresSchema,
    CircleSchema,
    CircleSettingsSchema,
    JoinSchema,
    MembershipQuerySchema,
    MembershipSchema,
    NearbyCircleSchema,
    NearbyQuerySchema,
    VettingSchema,
    WeekQuerySchema,
)
from circles.municipal.api.stats.schemas import PeriodQuerySchema
from circles.organizing import figures as circle_figures
from circles.organizing import printing

blp = Blueprint("circles", __name__, url_prefix="/circles", description="Circles")


def search_point(query: dict) -> tuple[float, float, str | None]:
    """The point to search from: coordinates, a postcode, or the caller's home; and the
    postcode when the point is only that postcode's centre."""
    if "lat" in query:
        return query["lat"], query["lon"], None
    if "postcode" in query:
        place = geo.postcode_place(query["postcode"])
        if place is None:
            message = translate("error.unknown_postcode", postcode=query["postcode"])
            abort(422, errors={"query": {"postcode": [message]}})
        return place.latitude, place.longitude, query["postcode"]
    if current_user.is_authenticated and current_user.has_location:
        exact = current_user.knows_exact_place
        return (
            current_user.latitude,
            current_user.longitude,
            None if exact else current_user.postcode,
        )
    abort(422, errors={"query": {"postcode": [translate("error.place_needed")]}})


def described(circle, distance_km: float | None) -> dict:
    """A circle with its rounded distance (None from a postcode's centre) and the caller's
    standing towards it."""
    verdict = circles.eligibility(current_user, circle)
    as_helper = circles.eligibility(current_user, circle, "helper")
    mine = circles.membership(current_user, circle.id)
    return {
        **CircleSchema().dump(circle),
        "distance_km": None if distance_km is None else round(distance_km, 1),
        "may_join": verdict.may_join,
        "may_help": as_helper.may_join,
        "reason_code": verdict.reason,
        "reason": translate(verdict.reason, min_age=circle.min_age) if verdict.reason else None,
        "my_status": mine.status if mine else None,
        "my_role": mine.role if mine else None,
    }


@blp.route("", methods=["GET"])
@blp.arguments(NearbyQuerySchema, location="query")
@blp.response(200, NearbyCircleSchema(many=True))
@blp.paginate()
def list_circles(query, pagination_parameters):
    """Circles near a place, nearest first; from a postcode, those covering it first and no
    distances, since its centre is nobody's home (anyone)."""
    latitude, longitude, postcode = search_point(query)
    page = paginate(pagination_parameters, circles.nearby(latitude, longitude, postcode))
    return [described(circle, None if postcode else km) for circle, km in page]


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
        abort(403, message=translate("error.organizers_only"))
    return paginate(pagination_parameters, circles.memberships_of(circle, query.get("status")))


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


@blp.route("/<int:circle_id>/figures", methods=["GET"])
@blp.login_required
@blp.arguments(PeriodQuerySchema, location="query")
@blp.response(200, CircleFiguresSchema)
def figures(query, circle_id):
    """The circle's own members, requests, time to match and events (its organizers, admin)."""
    return circle_figures.build(
        current_user,
        circle_id,
        query.get("first"),
        query.get("last"),
        local_today(),
        current_app.config["CIRCLES_DEFAULT_TIMEZONE"],
        current_app.config,
    )


@blp.route("/<int:circle_id>/week.pdf", methods=["GET"])
@blp.login_required
@blp.arguments(WeekQuerySchema, location="query")
@blp.doc(responses={"200": {"content": {"application/pdf": {}}}})
def week_sheet(query, circle_id):
    """The week's events and open requests as a PDF for the noticeboard (its members)."""
    monday = printing.week_start(query.get("week"), local_today())
    pdf = printing.week_sheet(
        current_user, circle_id, monday, current_user.timezone, current_language()
    )
    name = f"circles-{circle_id}-{monday.isocalendar().year}-W{monday.isocalendar().week}.pdf"
    return pdf_response(pdf, name)


@blp.route("/<int:circle_id>/organizers", methods=["POST"])
@blp.admin_required
@blp.arguments(AppointSchema)
@blp.response(201, MembershipSchema)
def appoint_organizer(data, circle_id):
    """Appoint an organizer (admin)."""
    return circles.appoint_organizer(current_user, circles.get_circle(circle_id), data["email"])
