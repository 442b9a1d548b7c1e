"""The signed-in member's own profile, their data, their consents, and deleting the account."""

from flask import current_app
from flask_login import current_user, logout_user

from circles.accounts import consents, erasure, export
from circles.accounts import services as accounts
from circles.accounts.api.auth.routes import login_limit
from circles.accounts.api.me.schemas import ConsentSchema, DeleteMeSchema, MeSchema
from circles.core import geo
from circles.core.api import Blueprint
from circles.extensions import limiter
from circles.membership import circles

blp = Blueprint("me", __name__, url_prefix="/me", description="My own profile")


def with_roles(user):
    """The user, with the municipalities they work for, for the schema."""
    user.staff_of = circles.staff_municipality_ids(user)
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
    return with_roles(accounts.save_profile(current_user, changes, finder))


# The password is checked here too: no guessing it faster than at sign-in.
@blp.route("", methods=["DELETE"])
@blp.login_required
@limiter.limit(login_limit)
@blp.arguments(DeleteMeSchema)
@blp.response(204)
def delete_me(data):
    """Delete my account, with my password or a confirm step (signed in; only myself)."""
    erasure.delete_own(current_user, data.get("password"), data.get("confirm", False))
    logout_user()


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
