"""Schemas for the organizers' phone desk: members as organizers see them, and new ones."""

from marshmallow import Schema, fields, validate

from circles.core.fields import (
    LANGUAGE,
    NAME,
    codes_field,
    not_blank,
    plausible_birth_date,
    postcode_field,
)
from circles.core.vocabulary import CHANNELS


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
    place_name = fields.String(allow_none=True)
    birth_date = fields.Date(allow_none=True)
    contact_channels = fields.List(fields.String())
    language = fields.String()
    role = fields.String()
    status = fields.String()
    ended_at = fields.DateTime(allow_none=True)
    contacts_hidden = fields.Boolean(
        metadata={"description": "a former member past CIRCLES_FORMER_MEMBER_CONTACT_DAYS"}
    )
    last_active_at = fields.DateTime()
    signs_in = fields.Boolean()


class NewMemberSchema(Schema):
    """Someone who phoned in: a name, a phone number, a birth date and where they live."""

    name = fields.String(required=True, validate=[NAME, not_blank])
    phone = fields.String(required=True, validate=[validate.Length(min=4, max=40), not_blank])
    birth_date = fields.Date(required=True, validate=plausible_birth_date)
    postcode = postcode_field(required=True)
    address = fields.String(validate=validate.Length(max=300))
    email = fields.Email()
    language = fields.String(validate=LANGUAGE)
    contact_channels = codes_field(CHANNELS)


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
