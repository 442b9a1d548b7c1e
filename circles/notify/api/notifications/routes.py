"""My notifications: the in-app inbox."""

from flask_login import current_user

from circles.core.api import Blueprint
from circles.core.pagination import paginate
from circles.notify import notifications
from circles.notify.api.notifications.schemas import NotificationSchema, UnreadSchema

blp = Blueprint("notifications", __name__, url_prefix="/notifications", description="My inbox")


@blp.route("", methods=["GET"])
@blp.login_required
@blp.response(200, NotificationSchema(many=True))
@blp.paginate()
def list_notifications(pagination_parameters):
    """My notifications, newest first (signed in; only one's own)."""
    page = paginate(pagination_parameters, notifications.inbox(), {"user_id": current_user.id})
    for notification in page:
        notification.text = notifications.text(notification, current_user.language)
    return page


@blp.route("/unread", methods=["GET"])
@blp.login_required
@blp.response(200, UnreadSchema)
def unread():
    """How many of my notifications are unread (signed in)."""
    return {"unread": notifications.unread_count(current_user)}


@blp.route("/<int:notification_id>/read", methods=["POST"])
@blp.login_required
@blp.response(204)
def read_one(notification_id):
    """Mark one of my notifications read (signed in; others' are 404)."""
    notifications.mark_read(current_user, notification_id)


@blp.route("/read", methods=["POST"])
@blp.login_required
@blp.response(204)
def read_all():
    """Mark all my notifications read (signed in)."""
    notifications.mark_read(current_user)
