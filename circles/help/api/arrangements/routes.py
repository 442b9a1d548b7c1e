"""Relationships ("your regular helpers") and the regular arrangements between them."""

from flask_login import current_user

from circles.core.api import Blueprint
from circles.core.idempotency import idempotent
from circles.help import matches, relationships
from circles.help.api.arrangements.schemas import ArrangementSchema, RelationshipSchema

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


@blp.route("", methods=["GET"])
@blp.login_required
@blp.response(200, ArrangementSchema(many=True))
def list_arrangements():
    """Arrangements I am part of."""
    return relationships.arrangements_of(current_user)


@blp.route("", methods=["POST"])
@blp.login_required
@idempotent
@blp.arguments(ArrangementSchema)
@blp.response(201, ArrangementSchema)
def create_arrangement(data):
    """Set up a regular chat or visit with one of my relationships (or, organizers, a member's)."""
    return relationships.create_arrangement(current_user, data)
