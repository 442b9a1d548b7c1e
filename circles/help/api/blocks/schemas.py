"""Schemas for blocking another member."""

from marshmallow import Schema, fields


class BlockSchema(Schema):
    """A person I have blocked."""

    user_id = fields.Integer(required=True, attribute="blocked_id")
    created_at = fields.DateTime(dump_only=True)
