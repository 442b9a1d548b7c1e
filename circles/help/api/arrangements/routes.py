"""Relationships ("your regular helpers") and the regular arrangements between them."""

from flask_login import current_user

from circles.accounts.models import User
from circles.core.api import Blueprint
from circles.core.idempotency import idempotent
from circles.extensions import db
from circles.help import arrangements, matches, relationships
from circles.help.api.arrangements.schemas import (
    ArrangementPatchSchema,
    ArrangementSchema,
    RelationshipSchema,
)

blp = Blueprint(
    "arrangements", __name__, url_prefix="/arrangements", description="Regular arrangements"
)
mine = Blueprint("relationships", __name__, url_prefix="/me/relationships", description="People")


@mine.route("", methods=["GET"])
@mine.login_required
@mine.response(200, RelationshipSchema(many=True))
def list_relationships():
    """My regular helpers and the people I regularly help (two or more done matches)."""
    return [
        {"person": matches.contact(r.other), "times": r.times, "last_at": r.last_at}
        for r in relationships.relationships(current_user)
    ]


def described(arrangement) -> dict:
    """An arrangement with the first name of the other person in it, from the caller's side."""
    other_id = (
        arrangement.helper_id
        if current_user.id == arrangement.requester_id
        else arrangement.requester_id
    )
    other = db.session.get(User, other_id)
    shown = ArrangementSchema().fields
    fields = {name: getattr(arrangement, name) for name in shown if hasattr(arrangement, name)}
    return {**fields, "other_first_name": matches.first_name(other) if other else ""}


@blp.route("", methods=["GET"])
@blp.login_required
@blp.response(200, ArrangementSchema(many=True))
def list_arrangements():
    """Arrangements I am part of."""
    return [described(a) for a in relationships.arrangements_of(current_user)]


@blp.route("", methods=["POST"])
@blp.login_required
@idempotent
@blp.arguments(ArrangementSchema)
@blp.response(201, ArrangementSchema)
def create_arrangement(data):
    """Set up a regular chat or visit with one of my relationships (or, organizers, a member's)."""
    return relationships.create_arrangement(current_user, data)


@blp.route("/<int:arrangement_id>", methods=["PATCH"])
@blp.login_required
@blp.arguments(ArrangementPatchSchema)
@blp.response(200, ArrangementSchema)
def pause_arrangement(data, arrangement_id):
    """Pause until a day, or resume (either side, the circle's organizers)."""
    found = arrangements.get_arrangement(current_user, arrangement_id)
    return described(arrangements.pause(current_user, found, data["paused_until"]))


@blp.route("/<int:arrangement_id>", methods=["DELETE"])
@blp.login_required
@blp.response(204)
def stop_arrangement(arrangement_id):
    """Stop for good (either side, the circle's organizers)."""
    arrangements.stop(current_user, arrangements.get_arrangement(current_user, arrangement_id))
