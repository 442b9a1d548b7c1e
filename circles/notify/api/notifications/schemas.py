"""Schemas for the inbox."""

from marshmallow import Schema, fields

from circles.core.api import Answer


class NotificationSchema(Answer):
    """A notification, in words in the reader's language."""

    id = fields.Integer()
    kind = fields.String()
    text = fields.String()
    link = fields.String(allow_none=True)
    created_at = fields.DateTime()
    read_at = fields.DateTime(allow_none=True)


class UnreadSchema(Schema):
    """How many notifications are unread."""

    unread = fields.Integer()
