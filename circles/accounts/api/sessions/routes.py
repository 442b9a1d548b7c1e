"""My signed-in devices: see them, sign one out, or sign out everywhere."""

from flask_login import current_user

from circles.accounts import sessions
from circles.accounts.api.sessions.schemas import SessionSchema
from circles.core.api import Blueprint

blp = Blueprint("sessions", __name__, url_prefix="/me/sessions", description="My devices")


@blp.route("", methods=["GET"])
@blp.login_required
@blp.response(200, SessionSchema(many=True))
def list_sessions():
    """The browsers and devices where I am signed in, most recently used first (signed in)."""
    mine = getattr(current_user, "current_session_id", None)
    rows = sessions.live_sessions(current_user)
    for row in rows:
        row.current = row.id == mine
    return rows


@blp.route("/<int:session_id>", methods=["DELETE"])
@blp.login_required
@blp.response(204)
def end_session(session_id):
    """Sign one of my devices out (signed in; anyone else's session is 404)."""
    sessions.end_one(current_user, session_id)


@blp.route("", methods=["DELETE"])
@blp.login_required
@blp.response(204)
def end_every_session():
    """Sign out everywhere: every browser, including this one, and every app token (signed in)."""
    sessions.end_everywhere(current_user)
