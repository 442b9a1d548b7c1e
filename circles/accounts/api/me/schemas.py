"""The member's own profile: strengths first, then how to be reached and settings."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from circles.core.fields import (
    LANGUAGE,
    NAME,
    availability_field,
    codes_field,
    experiences_field,
    latitude_field,
    longitude_field,
    not_blank,
    plausible_birth_date,
    postcode_field,
    skills_field,
)
from circles.core.vocabulary import CHANNELS, NOTIFY_CHANNELS

# OpenAPI: answers may carry null here, though a change may not set it.
MAY_BE_NULL = {"nullable": True}


class MyMembershipSchema(Schema):
    """One of my circles, with my role and status there."""

    circle_id = fields.Integer()
    circle_name = fields.String(attribute="circle.name")
    role = fields.String()
    status = fields.String()


class MeSchema(Schema):
    """My own profile; only I (and organizers acting for me) see it whole."""

    id = fields.Integer(dump_only=True)
    name = fields.String(validate=[NAME, not_blank])
    email = fields.Email(validate=validate.Length(max=254), allow_none=True)  # card-only members
    email_confirmed = fields.Function(lambda user: user.email_confirmed_at is not None)
    skills = skills_field()
    experiences = experiences_field()
    experiences_consent = fields.Boolean(load_only=True)
    experiences_consent_at = fields.DateTime(dump_only=True, allow_none=True)
    checkin_consent = fields.Boolean(load_only=True)
    checkin_consent_at = fields.DateTime(dump_only=True, allow_none=True)
    availability = availability_field()
    travel_km = fields.Float(validate=validate.Range(0.5, 50), allow_nan=False)
    language = fields.String(validate=LANGUAGE)
    text_size = fields.Integer(validate=validate.Range(100, 200))
    weekly_digest = fields.Boolean()
    contact_channels = codes_field(CHANNELS)
    notify_by = codes_field(NOTIFY_CHANNELS)
    phone = fields.String(allow_none=True, validate=validate.Length(max=40))
    address = fields.String(allow_none=True, validate=validate.Length(max=300))
    # May be null in answers (not yet given); null is not accepted as a change.
    birth_date = fields.Date(validate=plausible_birth_date, metadata=MAY_BE_NULL)
    postcode = postcode_field(metadata=MAY_BE_NULL)
    place_name = fields.String(dump_only=True, allow_none=True)
    latitude = latitude_field(metadata=MAY_BE_NULL)
    longitude = longitude_field(metadata=MAY_BE_NULL)
    # postcode (the district's centre: no distances), address, map or device.
    location_source = fields.String(dump_only=True, allow_none=True)
    timezone = fields.String(dump_only=True)
    is_admin = fields.Boolean(dump_only=True)
    memberships = fields.List(fields.Nested(MyMembershipSchema), dump_only=True)
    staff_of = fields.List(fields.Integer(), dump_only=True)
    created_at = fields.DateTime(dump_only=True)
    # Deleting the account asks for the password, or (without one) a confirm step.
    has_password = fields.Function(lambda user: user.password_hash is not None, dump_only=True)

    @validates_schema
    def coordinates_together(self, data, **kwargs):
        """Latitude and longitude only make sense as a pair."""
        if ("latitude" in data) != ("longitude" in data):
            missing = "longitude" if "latitude" in data else "latitude"
            raise ValidationError("Give both latitude and longitude.", missing)


class PasswordChangeSchema(Schema):
    """The password in use now, and the new one."""

    current_password = fields.String(
        required=True, load_only=True, validate=validate.Length(max=200)
    )
    password = fields.String(
        required=True, load_only=True, validate=validate.Length(min=8, max=200)
    )


class DeleteMeSchema(Schema):
    """Deleting my account: my password, or, without one, a yes to the confirm step."""

    password = fields.String(validate=validate.Length(max=200))
    confirm = fields.Boolean()


class ConsentSchema(Schema):
    """One consent given or withdrawn."""

    kind = fields.String()
    given = fields.Boolean()
    at = fields.DateTime()
    recorded_by_organizer = fields.Function(lambda c: c.recorded_by_id is not None)
