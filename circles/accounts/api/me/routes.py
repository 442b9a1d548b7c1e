"""The signed-in member's own profile, their data, their consents, and deleting the account."""

from flask import current_app
from flask_login import current_user

from circles.accounts import consents, erasure, export, recovery, sessions
from circles.accounts import services as accounts
from circles.accounts.api.me.schemas import (
    ConsentSchema,
    DeleteMeSchema,
    MeSchema,
    PasswordChangeSchema,
)
from circles.accounts.api.recovery.schemas import AcceptedSchema
from circles.accounts.security import bearer_token
from circles.accounts.throttle import account_limit, address_limit, signed_in_account
from circles.core import geo
from circles.core.api import Blueprint
from circles.core.errors import Conflict, Forbidden
from circles.core.i18n import translate
from circles.extensions import limiter
from circles.membership import circles

blp = Blueprint("me", __name__, url_prefix="/me", description="My own profile")


def with_roles(user):
    """The user, with the municipalities they work for and their circles, for the schema:
    the account itself, not Flask-Login's proxy, which resolves anew for each field read."""
    user = user._get_current_object()
    user.staff_of = circles.load_roles(user)
    return user


@blp.route("", methods=["GET"])
@blp.login_required
@blp.response(200, MeSchema)
def get_me():
    """My profile (signed in)."""
    return with_roles(current_user)


@blp.route("", methods=["PATCH"])
@blp.login_required
@blp.arguments(MeSchema(partial=True))
@blp.response(200, MeSchema)
def patch_me(changes):
    """Change my profile (signed in)."""
    finder = geo.address_finder(current_app.config)
    before = current_user.email
    accounts.update_profile(current_user, changes, finder)
    if current_user.email != before:
        recovery.send_confirmation(current_user)
    return with_roles(current_user)


@blp.route("/password", methods=["POST"])
@blp.login_required
@limiter.limit(address_limit)
@blp.arguments(PasswordChangeSchema)
@blp.response(204)
def change_password(data):
    """Change my password; my other sign-ins end, this one stays (signed in)."""
    if not accounts.password_is(current_user, data["current_password"]):
        raise Forbidden("password.wrong_current", field="current_password")
    this = sessions.current_session(current_user)
    sessions.change_password(
        current_user,
        data["password"],
        keep_id=this.id if this else None,
        keep_token=bearer_token(),
    )


@blp.route("/email-confirmation", methods=["POST"])
@blp.login_required
@blp.response(202, AcceptedSchema)
def resend_confirmation():
    """Send the link that confirms my email again (signed in)."""
    if current_user.email_confirmed_at is not None or not current_user.email:
        raise Conflict("confirm_email.nothing_to_confirm")
    recovery.send_confirmation(current_user)
    return {"message": translate("confirm_email.sent")}


# The password is checked here too: no guessing it faster than at sign-in.
@blp.route("", methods=["DELETE"])
@blp.login_required
@limiter.limit(address_limit)
@limiter.limit(account_limit, key_func=signed_in_account)
@blp.arguments(DeleteMeSchema)
@blp.response(204)
def delete_me(data):
    """Delete my account, with my password or a confirm step (signed in; only myself)."""
    erasure.delete_own(current_user, data.get("password"), data.get("confirm", False))
    sessions.end_everywhere(current_user)


@blp.route("/export", methods=["GET"])
@blp.login_required
def export_me():
    """All my data, as JSON, to download (signed in; only my own)."""
    return export.export(current_user)


@blp.route("/consents", methods=["GET"])
@blp.login_required
@blp.response(200, ConsentSchema(many=True))
def my_consents():
    """Every consent I gave or withdrew, newest first (signed in; only my own)."""
    return consents.history(current_user)
