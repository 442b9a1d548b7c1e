"""Schemas for the signed-in devices of the person calling."""

from marshmallow import Schema, fields


class SessionSchema(Schema):
    """One signed-in browser or device, as its owner sees it."""

    id = fields.Integer(dump_only=True)
    device = fields.String(dump_only=True, metadata={"description": "From the browser's name"})
    remember = fields.Boolean(dump_only=True)
    created_at = fields.DateTime(dump_only=True)
    last_seen_at = fields.DateTime(dump_only=True)
    expires_at = fields.DateTime(dump_only=True)
    current = fields.Boolean(dump_only=True, metadata={"description": "The one asking"})
