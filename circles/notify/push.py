"""Web Push: the server's VAPID key, the browsers that subscribed, and sending to them."""

import base64
import json
import logging
from functools import cache

from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid
from pywebpush import WebPushException, webpush
from sqlalchemy import select

from circles.accounts.models import User
from circles.core.errors import NotFound
from circles.extensions import db
from circles.notify.models import PushSubscription

log = logging.getLogger(__name__)

# A push service answers these when the browser has dropped the subscription for good.
GONE = {404, 410}


@cache
def vapid(private_pem: str) -> Vapid:
    """The VAPID signer for the configured private key."""
    return Vapid.from_pem(private_pem.encode())


def public_key(private_pem: str) -> str:
    """The application server key a browser needs to subscribe (base64url, uncompressed point)."""
    point = vapid(private_pem).public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return base64.urlsafe_b64encode(point).rstrip(b"=").decode()


def subscribe(user: User, endpoint: str, p256dh: str, auth: str) -> PushSubscription:
    """Record the browser's subscription for the person; an endpoint seen before moves to them.

    A browser has one endpoint; whoever signed in on it last is the one it should wake.
    """
    found = db.session.scalar(select(PushSubscription).where(PushSubscription.endpoint == endpoint))
    subscription = found or PushSubscription(endpoint=endpoint)
    subscription.user_id, subscription.p256dh, subscription.auth = user.id, p256dh, auth
    db.session.add(subscription)
    db.session.flush()
    return subscription


def subscriptions(user: User) -> list[PushSubscription]:
    """The person's subscribed browsers, oldest first."""
    query = select(PushSubscription).where(PushSubscription.user_id == user.id)
    return list(db.session.scalars(query.order_by(PushSubscription.id)))


def unsubscribe(user: User, subscription_id: int) -> None:
    """Forget one of the person's own subscriptions; others' are not found."""
    found = db.session.get(PushSubscription, subscription_id)
    if found is None or found.user_id != user.id:
        raise NotFound("error.not_found")
    db.session.delete(found)
    db.session.flush()


def send(user: User, message: dict, config) -> bool:
    """Push message (JSON) to each of the person's browsers; False if there was none to reach.

    Subscriptions the push service calls gone are removed. Raises when no browser got it and
    some failed for a reason that may pass, so that the caller tries again later.
    """
    delivered, failures = False, []
    for subscription in subscriptions(user):
        info = {
            "endpoint": subscription.endpoint,
            "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
        }
        try:
            webpush(
                info,
                json.dumps(message),
                vapid_private_key=vapid(config["CIRCLES_VAPID_PRIVATE_KEY"]),
                vapid_claims={"sub": config["CIRCLES_VAPID_SUBJECT"]},
                timeout=20,
                ttl=24 * 3600,
            )
            delivered = True
        except WebPushException as error:
            if error.status_code in GONE:
                log.info("push subscription %s is gone; removed", subscription.id)
                db.session.delete(subscription)
            else:
                failures.append(error)
        except OSError as error:  # the push service could not be reached at all
            failures.append(error)
    if failures and not delivered:
        raise failures[0]
    return delivered
