"""Schemas for the SMS provider's webhooks."""

from marshmallow import Schema, fields


class ReceiptAnswerSchema(Schema):
    """Whether the report was about an SMS of ours."""

    known = fields.Boolean()


class InboundAnswerSchema(Schema):
    """What the incoming SMS came to: accepted, declined, unclear, no_invitation, ..."""

    outcome = fields.String()
