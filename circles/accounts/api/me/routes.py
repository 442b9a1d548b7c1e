"""The signed-in member's own profile."""

from flask import current_app
from flask_login import current_user

from circles.accounts import services as accounts
from circles.accounts.api.me.schemas import MeSchema
from circles.core import geo
from circles.core.api import Blueprint
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
    return with_roles(accounts.update_profile(current_user, changes, finder))
