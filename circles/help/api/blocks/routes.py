"""Blocks: people I never want to see or be suggested, nor they me."""

from flask_login import current_user

from circles.core.api import Blueprint
from circles.core.idempotency import idempotent
from circles.help import requests as help_requests
from circles.help.api.blocks.schemas import BlockSchema

blp = Blueprint("blocks", __name__, url_prefix="/blocks", description="Blocked members")


@blp.route("", methods=["GET"])
@blp.login_required
@blp.response(200, BlockSchema(many=True))
def list_blocks():
    """The people I have blocked."""
    return help_requests.blocks_of(current_user)


@blp.route("", methods=["POST"])
@blp.login_required
@idempotent
@blp.arguments(BlockSchema)
@blp.response(201, BlockSchema)
def create_block(data):
    """Block a person (signed in)."""
    return help_requests.block(current_user, data["blocked_id"])


@blp.route("/<int:user_id>", methods=["DELETE"])
@blp.login_required
@blp.response(204)
def delete_block(user_id):
    """Lift my block on a person."""
    help_requests.unblock(current_user, user_id)
