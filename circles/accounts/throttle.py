"""One budget for every way of signing in, counted per address and per account.

Password, sign-in card and token requests all draw on the same two counters, so spreading
guesses over routes gains nothing; the per-account counter stops guesses spread over many
addresses. The counters live in RATELIMIT_STORAGE_URI: Redis shares them between workers.
"""

import time

from flask import current_app, request
from flask_limiter.util import get_remote_address
from flask_login import current_user

from circles.core import phones
from circles.extensions import limiter


def address_limit() -> str:
    """Sign-in attempts allowed from one address."""
    return current_app.config["CIRCLES_LOGIN_RATE_LIMIT"]


def account_limit() -> str:
    """Sign-in attempts allowed against one account, from anywhere."""
    return current_app.config["CIRCLES_ACCOUNT_RATE_LIMIT"]


def recovery_limit() -> str:
    """Reset links and SMS codes asked for one email or number, from anywhere."""
    return current_app.config["CIRCLES_RECOVERY_RATE_LIMIT"]


def requested_address() -> str:
    """The email or phone asked about, so that one address cannot be flooded from many places."""
    body = request.get_json(silent=True)
    body = body if isinstance(body, dict) else request.form  # the staff page posts a form
    if isinstance(body.get("email"), str):
        return "email:" + body["email"].strip().lower()[:254]
    if isinstance(body.get("phone"), str):
        return "phone:" + (phones.e164(body["phone"]) or body["phone"].strip()[:40])
    return "nothing"


def signed_in_account() -> str:
    """The signed-in person, for limits on what only they can do (deleting their account)."""
    return "user:" + str(current_user.get_id())


def account_key() -> str:
    """The account a sign-in names (its email), else the address it comes from."""
    body = request.get_json(silent=True) if request.is_json else request.form
    email = body.get("email") if hasattr(body, "get") else None
    if isinstance(email, str) and email.strip():
        return "account:" + email.strip().lower()[:254]
    return "address:" + get_remote_address()


_per_address = limiter.shared_limit(address_limit, scope="sign-in", methods=["POST"])
_per_account = limiter.shared_limit(
    account_limit, scope="sign-in-account", key_func=account_key, methods=["POST"]
)


def sign_in_limited(view):
    """Count the view's POSTs against the shared sign-in budget, per address and per account."""
    return _per_address(_per_account(view))


def retry_after() -> int | None:
    """Seconds until the limit that was just hit lets the caller try again."""
    current = limiter.current_limit
    if current is None:
        return None
    return max(1, int(current.reset_at - time.time()) + 1)
