"""Schemas for the organizers' phone desk: members as organizers see them, and new ones."""

from marshmallow import Schema, fields, validate

from circles.core.fields import (
    codes_field,
)
from circles.core.vocabulary import NOTIFY_CHANNELS
from circles.organizing.schemas import MemberHomeSchema  # noqa: F401 (shared)


class MemberQuerySchema(Schema):
    """Part of a name or a phone number."""

    q = fields.String(load_default="", validate=validate.Length(max=100))


class MemberCardSchema(Schema):
    """A member as the circle's organizers see them (organizing.former.member_card): enough to
    phone and visit; a former member's contacts only for a while after leaving."""

    user_id = fields.Integer()
    name = fields.String()
    phone = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    address = fields.String(allow_none=True)
    postcode = fields.String(allow_none=True)
    location_source = fields.String(
        allow_none=True,
        metadata={"description": "how the home was found: postcode, address, map or device"},
    )
    place_name = fields.String(allow_none=True)
    birth_date = fields.Date(allow_none=True)
    contact_channels = fields.List(fields.String())
    notify_by = fields.List(fields.String())
    language = fields.String()
    role = fields.String()
    status = fields.String()
    ended_at = fields.DateTime(allow_none=True)
    contacts_hidden = fields.Boolean(
        metadata={"description": "a former member past CIRCLES_FORMER_MEMBER_CONTACT_DAYS"}
    )
    last_active_at = fields.DateTime()
    signs_in = fields.Boolean()


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
