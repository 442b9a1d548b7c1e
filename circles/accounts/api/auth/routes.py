"""Registration, sign-in and sign-out, and bearer tokens."""

from flask import session
from flask_login import current_user, login_user, logout_user
from flask_wtf.csrf import generate_csrf

from circles.accounts import cards as sign_in_cards
from circles.accounts import services as accounts
from circles.accounts.api.auth.schemas import (
    CardSchema,
    CsrfSchema,
    LoginSchema,
    RegisterSchema,
    TokenRequestSchema,
    TokenSchema,
)
from circles.accounts.api.me.schemas import MeSchema
from circles.accounts.security import CARD_UNTIL, bearer_token, login_limit
from circles.core.api import Blueprint
from circles.core.errors import BadRequest, Unauthorized
from circles.core.i18n import current_language
from circles.extensions import limiter

blp = Blueprint("auth", __name__, url_prefix="/auth", description="Accounts and sign-in")


def signed_in(email: str, password: str):
    """The account, or a 401 that does not say which half was wrong."""
    user = accounts.authenticate(email, password)
    if user is None:
        raise Unauthorized("error.bad_credentials")
    return user


@blp.route("/csrf", methods=["GET"])
@blp.response(200, CsrfSchema)
def csrf():
    """The CSRF token for this session (anyone)."""
    return {"csrf_token": generate_csrf()}


@blp.route("/register", methods=["POST"])
@limiter.limit(login_limit)
@blp.arguments(RegisterSchema)
@blp.response(201, MeSchema)
def register(data):
    """Create an account and sign in (anyone)."""
    data.setdefault("language", current_language())
    user = accounts.register(**data)
    session.pop(CARD_UNTIL, None)
    login_user(user)
    return user


@blp.route("/login", methods=["POST"])
@limiter.limit(login_limit)
@blp.arguments(LoginSchema)
@blp.response(200, MeSchema)
def login(data):
    """Sign in with a session cookie (anyone)."""
    user = signed_in(data["email"], data["password"])
    session.pop(CARD_UNTIL, None)  # a password session is not a card session
    login_user(user, remember=data["remember"])
    return user


@blp.route("/card", methods=["POST"])
@limiter.limit(login_limit)
@blp.arguments(CardSchema)
@blp.response(200, MeSchema)
def sign_in_with_card(data):
    """Sign in with the code of a printed sign-in card, once (anyone holding the card).

    The session is kept across browser restarts but not remembered: it ends at the card's own
    limit, or as soon as the person has a password or a role (member rights only)."""
    card = sign_in_cards.redeem(data["code"])
    login_user(card.user, remember=False)
    session[CARD_UNTIL] = card.expires_at.timestamp()
    session.permanent = True
    return card.user


@blp.route("/logout", methods=["POST"])
@blp.login_required
@blp.response(204)
def logout():
    """Sign out (signed in)."""
    session.pop(CARD_UNTIL, None)
    logout_user()


@blp.route("/tokens", methods=["POST"])
@limiter.limit(login_limit)
@blp.arguments(TokenRequestSchema)
@blp.response(201, TokenSchema)
def create_token(data):
    """A bearer token for a phone app or script (anyone with email and password)."""
    user = signed_in(data["email"], data["password"])
    token, plain = accounts.issue_token(user, data["name"])
    return {"id": token.id, "name": token.name, "created_at": token.created_at, "token": plain}


@blp.route("/tokens", methods=["DELETE"])
@blp.login_required
@blp.response(204)
def revoke_current_token():
    """Revoke the bearer token this request carries (signed in with a token)."""
    if not bearer_token():
        raise BadRequest("error.no_bearer_token")
    accounts.revoke_token(current_user, plain=bearer_token())


@blp.route("/tokens/<int:token_id>", methods=["DELETE"])
@blp.login_required
@blp.response(204)
def revoke_token(token_id):
    """Revoke one of your own tokens (signed in; others' tokens are 404)."""
    accounts.revoke_token(current_user, token_id=token_id)
