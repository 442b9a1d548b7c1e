"""Registration, sign-in and sign-out, and bearer tokens."""

from flask import current_app
from flask_login import current_user
from flask_smorest import abort as abort_with
from flask_wtf.csrf import generate_csrf

from circles.accounts import cards as sign_in_cards
from circles.accounts import recovery, sessions, two_factor
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
from circles.accounts.security import bearer_token
from circles.accounts.throttle import address_limit, sign_in_limited
from circles.core.api import Blueprint
from circles.core.errors import BadRequest, Unauthorized
from circles.core.i18n import current_language, translate
from circles.extensions import limiter

blp = Blueprint("auth", __name__, url_prefix="/auth", description="Accounts and sign-in")


def signed_in(email: str, password: str):
    """The account, or a 401 that does not say which half was wrong."""
    user = accounts.authenticate(email, password)
    if user is None:
        raise Unauthorized("error.bad_credentials")
    return user


def second_step(user, code: str | None) -> None:
    """Organizers, staff and admins also give a code from their authenticator app.

    Until they do, a 401 says which step is missing; before their first code it also carries
    the secret to enrol (as text, an otpauth:// address and a QR code).
    """
    key = current_app.config["SECRET_KEY"]
    if not two_factor.required(user, current_app.config) or two_factor.check(user, code, key):
        return
    if not two_factor.enrolled(user):
        abort_with(
            401,
            message=translate("error.two_factor_enrol"),
            second_factor="enrol",
            enrolment=two_factor.enrolment(user, key),
        )
    message = translate("error.two_factor_wrong" if code else "error.two_factor_required")
    abort_with(401, message=message, second_factor="code")


@blp.route("/csrf", methods=["GET"])
@blp.response(200, CsrfSchema)
def csrf():
    """The CSRF token for this session (anyone)."""
    return {"csrf_token": generate_csrf()}


@blp.route("/register", methods=["POST"])
@limiter.limit(address_limit)
@blp.arguments(RegisterSchema)
@blp.response(201, MeSchema)
def register(data):
    """Create an account and sign in (anyone)."""
    data.setdefault("language", current_language())
    user = accounts.register(**data)
    recovery.send_confirmation(user)
    sessions.sign_in(user)
    return user


@blp.route("/login", methods=["POST"])
@sign_in_limited
@blp.arguments(LoginSchema)
@blp.response(200, MeSchema)
def login(data):
    """Sign in with a session cookie (anyone)."""
    user = signed_in(data["email"], data["password"])
    second_step(user, data.get("code"))
    sessions.sign_in(user, remember=data["remember"])
    return user


@blp.route("/card", methods=["POST"])
@sign_in_limited
@blp.arguments(CardSchema)
@blp.response(200, MeSchema)
def sign_in_with_card(data):
    """Sign in with the code of a printed sign-in card, once (anyone holding the card).

    Member rights only: the session ends at the card's own limit, or as soon as the person has
    a password or a role (accounts.cards.may_use_card)."""
    card = sign_in_cards.redeem(data["code"])
    user = card.user
    if two_factor.required(user, current_app.config):
        raise Unauthorized("error.two_factor_no_card")  # rolled back: the card still works
    # A card is for one's own tablet or phone, which should stay signed in, up to its limit.
    sessions.sign_in(user, remember=True, card_until=card.expires_at)
    return user


@blp.route("/logout", methods=["POST"])
@blp.login_required
@blp.response(204)
def logout():
    """Sign out this device: its session and remember cookies stop working (signed in)."""
    sessions.sign_out(current_user)


@blp.route("/tokens", methods=["POST"])
@sign_in_limited
@blp.arguments(TokenRequestSchema)
@blp.response(201, TokenSchema)
def create_token(data):
    """A bearer token for a phone app or script (anyone with email and password)."""
    user = signed_in(data["email"], data["password"])
    second_step(user, data.get("code"))
    token, plain = accounts.issue_token(
        user, data["name"], current_app.config["CIRCLES_TOKEN_DAYS"]
    )
    return {
        "id": token.id,
        "name": token.name,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "token": plain,
    }


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
