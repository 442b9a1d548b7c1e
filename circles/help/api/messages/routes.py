"""The thread of a match: read it, and write to the other side once both have agreed."""

from flask_login import current_user

from circles.core.api import Blueprint
from circles.core.idempotency import idempotent
from circles.help import threads
from circles.help.api.messages.schemas import MessageCreateSchema, MessageSchema
from circles.help.matches import first_name

blp = Blueprint("messages", __name__, url_prefix="/matches", description="Match threads")


def described(message) -> dict:
    """A message with its author's first name and whether the caller wrote it."""
    return {
        "id": message.id,
        "match_id": message.match_id,
        "author_id": message.author_id,
        "author_first_name": first_name(message.author) if message.author else "",
        "mine": message.author_id == current_user.id,
        "body": message.body,
        "created_at": message.created_at,
    }


@blp.route("/<int:match_id>/messages", methods=["GET"])
@blp.login_required
@blp.response(200, MessageSchema(many=True))
def list_messages(match_id):
    """The thread, oldest first (the two sides; organizers once it is reported)."""
    return [described(m) for m in threads.messages(current_user, match_id)]


@blp.route("/<int:match_id>/messages", methods=["POST"])
@blp.login_required
@idempotent
@blp.arguments(MessageCreateSchema)
@blp.response(201, MessageSchema)
def write_message(data, match_id):
    """Write to the other side (the two sides, once both agreed)."""
    return described(threads.write(current_user, match_id, data["body"].strip()))
