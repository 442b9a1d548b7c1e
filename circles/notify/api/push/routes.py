"""Web Push: the server's public key, and my browsers' subscriptions."""

from flask import current_app
from flask_login import current_user

from circles.core.api import Blueprint
from circles.core.idempotency import idempotent
from circles.notify import push
from circles.notify.api.push.schemas import PushKeySchema, PushSubscriptionSchema

blp = Blueprint("push", __name__, url_prefix="/push", description="Web Push")


@blp.route("/key", methods=["GET"])
@blp.response(200, PushKeySchema)
def public_key():
    """The server's public VAPID key, to subscribe with (anyone)."""
    return {"public_key": push.public_key(current_app.config["CIRCLES_VAPID_PRIVATE_KEY"])}


@blp.route("/subscriptions", methods=["GET"])
@blp.login_required
@blp.response(200, PushSubscriptionSchema(many=True))
def list_subscriptions():
    """My browsers that get Web Push (signed in)."""
    return push.subscriptions(current_user)


@blp.route("/subscriptions", methods=["POST"])
@blp.login_required
@idempotent
@blp.arguments(PushSubscriptionSchema)
@blp.response(201, PushSubscriptionSchema)
def subscribe(subscription):
    """Let this browser get my notifications by Web Push (signed in)."""
    keys = subscription["keys"]
    return push.subscribe(current_user, subscription["endpoint"], keys["p256dh"], keys["auth"])


@blp.route("/subscriptions/<int:subscription_id>", methods=["DELETE"])
@blp.login_required
@blp.response(204)
def unsubscribe(subscription_id):
    """Stop Web Push to one of my browsers (signed in; others' are 404)."""
    push.unsubscribe(current_user, subscription_id)
