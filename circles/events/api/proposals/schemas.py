"""Schemas for proposals from dinner conversations."""

from marshmallow import Schema, fields, validate

from circles.core.fields import LocalDateTime, not_blank
from circles.events.models import PROPOSAL_STATUSES


class ProposalInSchema(Schema):
    """A proposal in the participant's own words."""

    text = fields.String(required=True, validate=[validate.Length(min=1, max=2000), not_blank])


class ProposalSchema(Schema):
    """A proposal as the conversation's participants see it, with its status and answer."""

    id = fields.Integer()
    event_id = fields.Integer()
    event_title = fields.String(attribute="event.title")
    author_name = fields.String(attribute="author.name")
    text = fields.String()
    status = fields.String()
    answer = fields.String(allow_none=True)
    created_at = LocalDateTime()
    updated_at = LocalDateTime(allow_none=True)


class StaffProposalSchema(ProposalSchema):
    """A proposal as municipal staff see it: the words and the circle, never who wrote it."""

    class Meta:
        exclude = ("author_name",)

    circle_name = fields.String(attribute="event.circle.name")


class ProposalQuerySchema(Schema):
    """Proposals in one status."""

    status = fields.String(validate=validate.OneOf(PROPOSAL_STATUSES))


class ProposalAnswerSchema(Schema):
    """Staff move a proposal on, with an answer when it is answered."""

    status = fields.String(required=True, validate=validate.OneOf(PROPOSAL_STATUSES))
    answer = fields.String(validate=validate.Length(max=5000))
