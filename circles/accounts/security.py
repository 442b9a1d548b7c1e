"""Who is calling: session cookies with a CSRF token, or bearer tokens for phone apps."""

from flask import Flask, current_app, request, session
from flask_login import current_user
from flask_wtf.csrf import CSRFError, validate_csrf
from sqlalchemy.exc import InterfaceError, OperationalError

from circles.accounts import services as accounts
from circles.accounts import sessions
from circles.accounts.models import User
from circles.core.errors import BadRequest
from circles.extensions import db, login_manager

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def bearer_token() -> str | None:
    """The token in an `Authorization: Bearer` header, if any."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


@login_manager.user_loader
def load_session_user(session_token: str) -> User | None:
    """The user of a session or remember cookie, while that sign-in's session lives."""
    return sessions.user_for(session_token)


@login_manager.request_loader
def load_bearer_user(req) -> User | None:
    """The user of a bearer token."""
    token = bearer_token()
    if not token:
        return None
    return accounts.user_for_token(token, current_app.config["CIRCLES_TOKEN_IDLE_DAYS"])


def rides_on_a_cookie() -> bool:
    """Whether a cookie the browser sends by itself (session or remember) could sign this in."""
    remember_cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    return bool(session.get("_user_id") or request.cookies.get(remember_cookie))


def check_csrf() -> None:
    """Unsafe requests that a cookie could sign in must carry the CSRF token the API handed out.

    Whatever else they carry: a page on another site can add a junk Authorization header.
    Bearer requests without such cookies carry nothing a third-party page could borrow.
    """
    if request.method not in UNSAFE_METHODS or not request.path.startswith("/api/"):
        return
    if not rides_on_a_cookie():
        return
    try:
        validate_csrf(request.headers.get("X-CSRF-Token"))
    except CSRFError:
        raise BadRequest("error.csrf") from None
    except Exception:  # flask-wtf raises ValidationError for missing or bad tokens
        raise BadRequest("error.csrf") from None


def note_activity(response):
    """Signed-in requests count as activity, for the outreach list; fetching the app's files
    does not (it would load the member from the database once for every file).

    A note only: with the database down, an answer that did not need it (a CSRF token, say)
    still goes out, rather than a 500 for a note that waits for the next request.
    """
    if request.blueprint == "web":
        return response
    try:
        if response.status_code < 400 and current_user.is_authenticated:
            accounts.touch(current_user)
    except (OperationalError, InterfaceError):
        db.session.rollback()
    return response


def init_security(app: Flask) -> None:
    """Install the CSRF check and the activity note."""
    login_manager.session_protection = "basic"
    app.before_request(check_csrf)
    app.after_request(note_activity)


def login_limit() -> str:
    """Sign-in attempts allowed per address: the API and the staff sign-in page share it."""
    return current_app.config["CIRCLES_LOGIN_RATE_LIMIT"]
