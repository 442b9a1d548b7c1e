"""Pages: an organizer takes a member's steps in their matches and arrangements, for them.

Each form names the member in its address (on_behalf_of); the services check that the
organizer runs the match's circle and that the member is a side of it, and log the act.
"""

from flask import request
from flask_login import current_user
from marshmallow import Schema, fields, validate

from circles.core.errors import NotFound
from circles.help import arrangements, matches
from circles.help import requests as help_requests
from circles.help.schemas import NOTE
from circles.organizing import desk
from circles.organizing.pages.common import done, form, organize, organizer_page

STEPS = {"accept": matches.accept, "decline": matches.decline, "done": matches.done}
MEMBER = "/circles/<int:circle_id>/members/<int:user_id>"


class NoteSchema(Schema):
    """A thank-you note, or why a match is called off."""

    note = fields.String(required=True, validate=NOTE)


class HelperSchema(Schema):
    """Whom to ask."""

    helper_id = fields.Integer(required=True, validate=validate.Range(min=1))


def back(circle, user_id: int, key: str):
    """The member's page again, saying what was done."""
    return done(key, "organize.member_page", circle_id=circle.id, user_id=user_id)


@organize.route(f"{MEMBER}/matches/<int:match_id>/<action>", methods=["POST"])
@organizer_page
def match_step(circle, user_id, match_id, action):
    """Accept, decline, mark done, thank or call off a match, for the member."""
    match = matches.get_match(current_user, match_id)
    if action in STEPS:
        STEPS[action](current_user, match, on_behalf_of=user_id)
    elif action == "thank":
        note = form(NoteSchema())["note"]
        matches.thank(current_user, match, note, on_behalf_of=user_id)
    elif action == "cancel":
        reason = form(NoteSchema())["note"]
        matches.cancel(current_user, match, reason, on_behalf_of=user_id)
    else:
        raise NotFound("error.not_found")
    return back(circle, user_id, f"organize.match_{action}")


@organize.route(f"{MEMBER}/requests/<int:request_id>/invite", methods=["POST"])
@organizer_page
def invite_for_member(circle, user_id, request_id):
    """Ask a suggested helper to help with the member's request."""
    found = help_requests.get_request(current_user, request_id)
    helper_id = form(HelperSchema())["helper_id"]
    matches.propose(current_user, found, helper_id, on_behalf_of=user_id)
    return back(circle, user_id, "organize.helper_invited")


@organize.route(f"{MEMBER}/messages", methods=["POST"])
@organizer_page
def messages_for_member(circle, user_id):
    """Send the member's news as SMS to their mobile, or stop (then organizers call)."""
    chosen = [c for c in desk.member(current_user, circle.id, user_id).user.notify_by if c != "sms"]
    if request.form.get("sms") == "on":
        chosen.append("sms")
    desk.set_notify_by(current_user, circle.id, user_id, chosen)
    return back(circle, user_id, "organize.messages_saved")


@organize.route(f"{MEMBER}/arrangements/<int:arrangement_id>/stop", methods=["POST"])
@organizer_page
def stop_for_member(circle, user_id, arrangement_id):
    """Stop one of the member's regular arrangements."""
    found = arrangements.get_arrangement(current_user, arrangement_id)
    if user_id not in (found.requester_id, found.helper_id):
        raise NotFound("error.not_found")
    arrangements.stop(current_user, found)
    return back(circle, user_id, "organize.arrangement_stopped")
