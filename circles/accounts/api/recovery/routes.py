"""Getting back in: a reset link by email, a sign-in code by SMS, confirming an email."""

from flask import current_app

from circles.accounts import recovery, sessions, sms_codes, two_factor
from circles.accounts.api.me.schemas import MeSchema
from circles.accounts.api.recovery.schemas import (
    AcceptedSchema,
    ResetConfirmSchema,
    ResetRequestSchema,
    SmsCodeConfirmSchema,
    SmsCodeRequestSchema,
    TokenOnlySchema,
)
from circles.accounts.throttle import (
    address_limit,
    recovery_limit,
    requested_address,
    sign_in_limited,
)
from circles.core.api import Blueprint
from circles.core.i18n import translate
from circles.extensions import limiter

blp = Blueprint("recovery", __name__, url_prefix="/auth", description="Getting back in")


@blp.route("/password-reset", methods=["POST"])
@limiter.limit(address_limit)
@limiter.limit(recovery_limit, key_func=requested_address)
@blp.arguments(ResetRequestSchema)
@blp.response(202, AcceptedSchema)
def ask_for_reset(data):
    """Email a link to choose a new password; the same answer for every address (anyone)."""
    recovery.request_reset(data["email"])
    return {"message": translate("reset.sent")}


@blp.route("/password-reset/confirm", methods=["POST"])
@sign_in_limited
@blp.arguments(ResetConfirmSchema)
@blp.response(200, MeSchema)
def confirm_reset(data):
    """Choose a new password with the link's token; other sign-ins end (anyone with the link)."""
    user = recovery.confirm_reset(data["token"], data["password"])
    if not two_factor.required(user, current_app.config):
        sessions.sign_in(user, remember=True)  # else they sign in with the new password and a code
    return user


@blp.route("/sms-code", methods=["POST"])
@limiter.limit(address_limit)
@limiter.limit(recovery_limit, key_func=requested_address)
@blp.arguments(SmsCodeRequestSchema)
@blp.response(202, AcceptedSchema)
def ask_for_sms_code(data):
    """Text a six-digit sign-in code; the same answer for every number (anyone)."""
    sms_codes.send_code(data["phone"])
    return {"message": translate("sms_code.sent")}


@blp.route("/sms-code/confirm", methods=["POST"])
@sign_in_limited
@blp.arguments(SmsCodeConfirmSchema)
@blp.response(200, MeSchema)
def confirm_sms_code(data):
    """Sign in with the code: ten minutes, five tries (anyone with the phone)."""
    user = sms_codes.sign_in(data["phone"], data["code"])
    sessions.sign_in(user, remember=True)
    return user


@blp.route("/email-confirmation/confirm", methods=["POST"])
@limiter.limit(address_limit)
@blp.arguments(TokenOnlySchema)
@blp.response(204)
def confirm_email(data):
    """Confirm an email address with the link sent to it (anyone with the link)."""
    recovery.confirm_email(data["token"])
