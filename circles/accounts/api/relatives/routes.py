"""Relatives and friends who help a member: invite, accept, list, end."""

from flask_login import current_user

from circles.accounts import relative_invites, relatives
from circles.accounts.api.relatives.schemas import (
    HelpedMemberSchema,
    InviteSchema,
    RelativeSchema,
)
from circles.core.api import Blueprint

blp = Blueprint("relatives", __name__, url_prefix="", description="Relatives who help")


@blp.route("/me/relatives", methods=["GET"])
@blp.login_required
@blp.response(200, RelativeSchema(many=True))
def my_relatives():
    """The relatives and friends I have invited to help me (signed in; only my own)."""
    return relatives.links_of(current_user)


@blp.route("/me/relatives", methods=["POST"])
@blp.login_required
@blp.arguments(InviteSchema)
@blp.response(201, RelativeSchema)
def invite_relative(data):
    """Invite a relative or friend to help me; sending it is my yes (signed in)."""
    return relative_invites.invite(current_user, data)


@blp.route("/me/helping", methods=["GET"])
@blp.login_required
@blp.response(200, HelpedMemberSchema(many=True))
def members_i_help():
    """The members I help and may act for, then invitations waiting for me (signed in)."""
    return relatives.members_helped_by(current_user) + relative_invites.invitations_for(
        current_user
    )


@blp.route("/relatives/<int:link_id>/accept", methods=["POST"])
@blp.login_required
@blp.response(200, HelpedMemberSchema)
def accept_invitation(link_id):
    """Accept an invitation to help a member (only the invited person; others 404)."""
    return relative_invites.accept(current_user, link_id)


@blp.route("/relatives/<int:link_id>/end", methods=["POST"])
@blp.login_required
@blp.response(200, RelativeSchema)
def end_link(link_id):
    """End it (the member, the relative, an organizer of the member's circle; others 404)."""
    return relative_invites.end(current_user, link_id)


@blp.route("/circles/<int:circle_id>/members/<int:user_id>/relatives", methods=["POST"])
@blp.login_required
@blp.arguments(InviteSchema)
@blp.response(201, RelativeSchema)
def invite_for_member(data, circle_id, user_id):
    """Invite a relative for a member who said yes on the phone; logged (organizers, admin)."""
    return relative_invites.invite_for(current_user, circle_id, user_id, data)
