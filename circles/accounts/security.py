"""Who is calling: session cookies with a CSRF token, or bearer tokens for phone apps."""

from flask import Flask, current_app, request, session
from flask_login import current_user
from flask_wtf.csrf import CSRFError, validate_csrf

from circles.accounts import cards
from circles.accounts import services as accounts
from circles.accounts.models import User
from circles.core.errors import BadRequest
from circles.extensions import db, login_manager

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# In the session of someone signed in with a printed card: when the card's limit runs out.
CARD_UNTIL = "card_until"


def bearer_token() -> str | None:
    """The token in an `Authorization: Bearer` header, if any."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


@login_manager.user_loader
def load_session_user(user_id: str) -> User | None:
    """The user of a session cookie; a card session only within its limits (accounts.cards)."""
    user = db.session.get(User, int(user_id))
    until = session.get(CARD_UNTIL)
    if user is not None and until is not None and not cards.session_allowed(user, until):
        session.clear()
        return None
    return user


@login_manager.request_loader
def load_bearer_user(req) -> User | None:
    """The user of a bearer token."""
    token = bearer_token()
    return accounts.user_for_token(token) if token else None


def check_csrf() -> None:
    """Unsafe requests riding on a session cookie must carry the CSRF token the API handed out.

    Bearer requests carry no cookie a third-party page could borrow, so they need none.
    """
    if request.method not in UNSAFE_METHODS or bearer_token():
        return
    if not request.path.startswith("/api/") or not session.get("_user_id"):
        return
    try:
        validate_csrf(request.headers.get("X-CSRF-Token"))
    except CSRFError:
        raise BadRequest("error.csrf") from None
    except Exception:  # flask-wtf raises ValidationError for missing or bad tokens
        raise BadRequest("error.csrf") from None


def note_activity(response):
    """Signed-in requests count as activity, for the outreach list."""
    if response.status_code < 400 and current_user.is_authenticated:
        accounts.touch(current_user)
    return response


def init_security(app: Flask) -> None:
    """Install the CSRF check and the activity note."""
    login_manager.session_protection = "basic"
    app.before_request(check_csrf)
    app.after_request(note_activity)


def login_limit() -> str:
    """Sign-in attempts allowed per address: the API and the staff sign-in page share it."""
    return current_app.config["CIRCLES_LOGIN_RATE_LIMIT"]
