"""Organizers and members' data: correct details, the phone tree CSV, delete a phone member."""

from flask import Response, current_app
from flask_login import current_user

from circles.core import geo
from circles.core.api import Blueprint
from circles.core.i18n import translate
from circles.organizing import member_data
from circles.organizing.api.member_data.schemas import CorrectionSchema
from circles.organizing.api.members.schemas import MemberCardSchema

blp = Blueprint("member_data", __name__, url_prefix="/circles", description="Members' data")


@blp.route("/<int:circle_id>/members/<int:user_id>", methods=["PATCH"])
@blp.login_required
@blp.arguments(CorrectionSchema)
@blp.response(200, MemberCardSchema)
def correct_member(changes, circle_id, user_id):
    """Correct a member's details; logged and shown to them (the circle's organizers, admin)."""
    finder = geo.address_finder(current_app.config)
    return member_data.correct(current_user, circle_id, user_id, changes, finder)


@blp.route("/<int:circle_id>/members/<int:user_id>", methods=["DELETE"])
@blp.login_required
@blp.response(204)
def delete_member(circle_id, user_id):
    """Delete the account of a member without a password, at their wish (organizers, admin)."""
    member_data.erase_member(current_user, circle_id, user_id)


@blp.route("/<int:circle_id>/phone-tree.csv", methods=["GET"])
@blp.login_required
@blp.response(200, content_type="text/csv")
def phone_tree_csv(circle_id):
    """Who calls whom, with names and phones only, as CSV (the circle's organizers, admin)."""
    headings = [translate(f"phone_tree.{key}") for key in ("name", "phone", "calls")]
    return Response(
        member_data.phone_tree_csv(current_user, circle_id, headings),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="phone-tree.csv"'},
    )
