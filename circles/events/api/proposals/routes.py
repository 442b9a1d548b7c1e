"""Proposals from dinner conversations to the municipality, and the municipality's answers."""

from flask_login import current_user

from circles.core.api import Blueprint
from circles.core.idempotency import idempotent
from circles.core.pagination import paginate
from circles.events import events, proposals
from circles.events.api.proposals.schemas import (
    ProposalAnswerSchema,
    ProposalInSchema,
    ProposalQuerySchema,
    ProposalSchema,
    StaffProposalSchema,
)

blp = Blueprint("proposals", __name__, url_prefix="", description="Proposals to the municipality")


@blp.route("/events/<int:event_id>/proposals", methods=["POST"])
@blp.login_required
@idempotent
@blp.arguments(ProposalInSchema)
@blp.response(201, ProposalSchema)
def submit(data, event_id):
    """Send a proposal from a dinner conversation (its participants and hosts)."""
    event = events.get_event(current_user, event_id)
    return proposals.submit(current_user, event, data["text"])


@blp.route("/events/<int:event_id>/proposals", methods=["GET"])
@blp.login_required
@blp.response(200, ProposalSchema(many=True))
@blp.paginate()
def of_event(event_id, pagination_parameters):
    """The conversation's proposals and their status (participants, hosts, organizers)."""
    event = events.get_event(current_user, event_id)
    return paginate(pagination_parameters, proposals.of_event(current_user, event))


@blp.route("/proposals/mine", methods=["GET"])
@blp.login_required
@blp.response(200, ProposalSchema(many=True))
@blp.paginate()
def mine(pagination_parameters):
    """The proposals I sent, to follow their status (signed in)."""
    return paginate(pagination_parameters, proposals.mine(current_user))


@blp.route("/proposals", methods=["GET"])
@blp.login_required
@blp.arguments(ProposalQuerySchema, location="query")
@blp.response(200, StaffProposalSchema(many=True))
@blp.paginate()
def for_staff(query, pagination_parameters):
    """Proposals from my municipality's circles, without names (municipal staff)."""
    return paginate(pagination_parameters, proposals.for_staff(current_user, query.get("status")))


@blp.route("/proposals/<int:proposal_id>", methods=["PATCH"])
@blp.login_required
@blp.arguments(ProposalAnswerSchema)
@blp.response(200, StaffProposalSchema)
def answer(data, proposal_id):
    """Set a proposal's status and answer (staff of its municipality); the author is told."""
    return proposals.answer(current_user, proposal_id, data["status"], data.get("answer"))
