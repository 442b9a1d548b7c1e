"""Schemas for the messages two matched people write to each other."""

from marshmallow import Schema, fields, validate

from circles.core.fields import not_blank


class MessageCreateSchema(Schema):
    """A message to the other side of the match."""

    body = fields.String(required=True, validate=[validate.Length(max=2000), not_blank])


class MessageSchema(Schema):
    """One message of a thread, as its readers see it."""

    id = fields.Integer()
    match_id = fields.Integer()
    author_id = fields.Integer(allow_none=True)
    author_first_name = fields.String()
    mine = fields.Boolean()
    body = fields.String()
    created_at = fields.DateTime()
