"""The call log and the outreach list: the organizers' telephone work."""

from flask_login import current_user

from circles.core.api import Blueprint
from circles.core.i18n import local_today
from circles.core.pagination import paginate
from circles.core.types import utcnow
from circles.organizing import calls, missed, outreach
from circles.organizing.api.calls.schemas import (
    CallQuerySchema,
    CallSchema,
    MissedSchema,
    OutreachItemSchema,
    OutreachQuerySchema,
)
from circles.organizing.schemas import CalledSchema, NewCallSchema

blp = Blueprint("calls", __name__, url_prefix="", description="Calls and the outreach list")


@blp.route("/circles/<int:circle_id>/calls", methods=["POST"])
@blp.login_required
@blp.arguments(NewCallSchema)
@blp.response(201, CallSchema)
def log_call(data, circle_id):
    """Write down a call with a member (the circle's organizers, admin)."""
    return calls.log(current_user, circle_id, data, local_today())


@blp.route("/circles/<int:circle_id>/calls", methods=["GET"])
@blp.login_required
@blp.arguments(CallQuerySchema, location="query")
@blp.response(200, CallSchema(many=True))
@blp.paginate()
def list_calls(query, circle_id, pagination_parameters):
    """The circle's calls, newest first (its organizers, admin)."""
    found = calls.of_circle(current_user, circle_id, query.get("member_id"))
    return paginate(pagination_parameters, found)


@blp.route("/circles/<int:circle_id>/calls/follow-ups", methods=["GET"])
@blp.login_required
@blp.response(200, CallSchema(many=True))
def follow_ups(circle_id):
    """Follow-ups due today or overdue (the circle's organizers, admin)."""
    return calls.follow_ups_due(current_user, circle_id, local_today())


@blp.route("/calls/<int:call_id>/follow-up-done", methods=["POST"])
@blp.login_required
@blp.response(200, CallSchema)
def follow_up_done(call_id):
    """Tick a follow-up off (the circle's organizers, admin)."""
    return calls.follow_up_done(current_user, call_id)


@blp.route("/circles/<int:circle_id>/outreach", methods=["GET"])
@blp.login_required
@blp.arguments(OutreachQuerySchema, location="query")
@blp.response(200, OutreachItemSchema(many=True))
@blp.paginate()
def outreach_list(query, circle_id, pagination_parameters):
    """Members who went quiet, unanswered requests, empty events (its organizers, admin)."""
    found = outreach.items(current_user, circle_id, called=query["status"] == "called")
    return paginate(pagination_parameters, found)


@blp.route("/outreach/<int:item_id>/called", methods=["POST"])
@blp.login_required
@blp.arguments(CalledSchema)
@blp.response(200, OutreachItemSchema)
def mark_called(data, item_id):
    """Mark an item called, with a note (the circle's organizers, admin)."""
    return outreach.mark_called(
        current_user, item_id, data["note"], local_today(), data.get("follow_up_on")
    )


@blp.route("/circles/<int:circle_id>/missed-messages", methods=["GET"])
@blp.login_required
@blp.response(200, MissedSchema(many=True))
def missed_messages(circle_id):
    """Messages that did not reach a member in the last two weeks (its organizers, admin)."""
    return missed.of_circle(current_user, circle_id, utcnow())
