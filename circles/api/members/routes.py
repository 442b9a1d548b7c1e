"""The organizers' phone desk: look a member up, register someone who phoned in."""

from flask import current_app
from flask_login import current_user

from circles.api import Blueprint, paginate
from circles.api.members.schemas import MemberCardSchema, MemberQuerySchema, NewMemberSchema
from circles.i18n import local_today
from circles.services import desk, geo

blp = Blueprint("members", __name__, url_prefix="/circles", description="The phone desk")


@blp.route("/<int:circle_id>/members", methods=["GET"])
@blp.login_required
@blp.arguments(MemberQuerySchema, location="query")
@blp.response(200, MemberCardSchema(many=True))
@blp.paginate()
def find_members(query, circle_id, pagination_parameters):
    """Members whose name or phone holds q, with their contacts (the circle's organizers, admin)."""
    found = desk.find_members(current_user, circle_id, query["q"])
    return paginate(pagination_parameters, found)


@blp.route("/<int:circle_id>/members", methods=["POST"])
@blp.login_required
@blp.arguments(NewMemberSchema)
@blp.response(201, MemberCardSchema)
def register_member(data, circle_id):
    """Register someone who phoned in as a member (the circle's organizers, admin)."""
    finder = geo.address_finder(current_app.config)
    return desk.register(current_user, circle_id, data, local_today(), finder)


@blp.route("/<int:circle_id>/members/<int:user_id>", methods=["GET"])
@blp.login_required
@blp.response(200, MemberCardSchema)
def get_member(circle_id, user_id):
    """One member with their contacts (the circle's organizers, admin)."""
    return desk.member(current_user, circle_id, user_id)
