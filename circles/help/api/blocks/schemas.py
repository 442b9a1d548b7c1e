"""Schemas for blocking another member."""

from marshmallow import Schema, fields


class BlockSchema(Schema):
    """A person I have blocked."""

    user_id = fields.Integer(required=True, attribute="blocked_id")
    # The first name only: one may block someone known only from a suggestion.
    first_name = fields.Function(
        lambda block: (block.blocked.name or "").split(" ")[0], dump_only=True
    )
    created_at = fields.DateTime(dump_only=True)
