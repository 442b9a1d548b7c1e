"""Schemas for the organizers' phone desk: members as organizers see them, and new ones."""

from marshmallow import Schema, fields, validate

from circles.core.fields import (
    codes_field,
)
from circles.core.vocabulary import NOTIFY_CHANNELS


class MemberQuerySchema(Schema):
    """Part of a name or a phone number."""

    q = fields.String(load_default="", validate=validate.Length(max=100))


class MemberCardSchema(Schema):
    """A member as the circle's organizers see them: enough to phone and visit."""

    user_id = fields.Integer()
    name = fields.String(attribute="user.name")
    phone = fields.String(attribute="user.phone", allow_none=True)
    email = fields.String(attribute="user.email", allow_none=True)
    address = fields.String(attribute="user.address", allow_none=True)
    postcode = fields.String(attribute="user.postcode", allow_none=True)
    place_name = fields.String(attribute="user.place_name", allow_none=True)
    birth_date = fields.Date(attribute="user.birth_date", allow_none=True)
    contact_channels = fields.List(fields.String(), attribute="user.contact_channels")
    notify_by = fields.List(fields.String(), attribute="user.notify_by")
    language = fields.String(attribute="user.language")
    role = fields.String()
    status = fields.String()
    last_active_at = fields.DateTime(attribute="user.last_active_at")
    signs_in = fields.Function(lambda m: m.user.password_hash is not None)


class NotifyBySchema(Schema):
    """How Circles tells the member of news: sms for a mobile without the app; none: a call."""

    notify_by = codes_field(NOTIFY_CHANNELS, required=True)


class ImportRowSchema(Schema):
    """One line of the file as read, and its problems in the organizer's words."""

    line = fields.Integer()
    values = fields.Dict(keys=fields.String(), values=fields.String())
    problems = fields.List(fields.String())


class ImportSchema(Schema):
    """The rows of a member list; ok when every row can be imported."""

    ok = fields.Boolean()
    count = fields.Integer()
    rows = fields.List(fields.Nested(ImportRowSchema))
