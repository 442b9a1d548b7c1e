"""Schemas the API and the organizer pages share: what organizers send about calls, members,
reports and the audit log."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from circles.core.fields import (
    LANGUAGE,
    NAME,
    codes_field,
    latitude_field,
    longitude_field,
    not_blank,
    plausible_birth_date,
    postcode_field,
)
from circles.core.vocabulary import CHANNELS, NOTIFY_CHANNELS
from circles.organizing.models import DIRECTIONS, OUTCOMES

TEXT_LIMIT = 2000
NOTE = validate.Length(max=4000)


class AuditQuerySchema(Schema):
    """Filters: who acted, for or on whom, which kind of act, which days (local)."""

    actor_id = fields.Integer()
    member_id = fields.Integer()
    action = fields.String(validate=validate.Regexp(r"^[a-z_]+(\.[a-z_]+)?$"))
    from_ = fields.Date(data_key="from")
    to = fields.Date()

    @validates_schema
    def in_order(self, data, **kwargs):
        """The first day comes before the last."""
        if "from_" in data and "to" in data and data["from_"] > data["to"]:
            raise ValidationError("validation.from_after_to", "from")


class NewCallSchema(Schema):
    """A call with a member: which way, what was said, and when to call again."""

    member_id = fields.Integer(required=True)
    direction = fields.String(load_default="out", validate=validate.OneOf(DIRECTIONS))
    note = fields.String(load_default="", validate=NOTE)
    follow_up_on = fields.Date(allow_none=True)


class CalledSchema(Schema):
    """What came of the call, and when to call again."""

    note = fields.String(load_default="", validate=NOTE)
    follow_up_on = fields.Date(allow_none=True)


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
    notify_by = codes_field(NOTIFY_CHANNELS)


class HandlingSchema(Schema):
    """What the organizer decided, and their words (required with a warning)."""

    outcome = fields.String(required=True, validate=validate.OneOf(OUTCOMES))
    note = fields.String(load_default="", validate=validate.Length(max=TEXT_LIMIT))


class MemberHomeSchema(Schema):
    """Where a member lives: a point on the map, or a street address for the geocoder."""

    latitude = latitude_field()
    longitude = longitude_field()
    address = fields.String(validate=[validate.Length(min=3, max=300), not_blank])

    @validates_schema
    def one_place(self, data, **kwargs):
        """Coordinates as a pair, or an address: one of the two."""
        if ("latitude" in data) != ("longitude" in data):
            missing = "longitude" if "latitude" in data else "latitude"
            raise ValidationError("validation.both_lat_lon", missing)
        if ("latitude" in data) == ("address" in data):
            raise ValidationError("validation.address_or_point", "address")
