"""Schemas for registration, sign-in and tokens."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from circles.core.fields import (
    LANGUAGE,
    NAME,
    latitude_field,
    longitude_field,
    not_blank,
    plausible_birth_date,
    postcode_field,
)

PASSWORD = validate.Length(min=8, max=200)


class RegisterSchema(Schema):
    """A new account: a postcode or coordinates say roughly where the person lives."""

    name = fields.String(required=True, validate=[NAME, not_blank])
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = fields.String(required=True, load_only=True, validate=PASSWORD)
    birth_date = fields.Date(required=True, validate=plausible_birth_date)
    postcode = postcode_field()
    latitude = latitude_field()
    longitude = longitude_field()
    language = fields.String(validate=LANGUAGE)
    phone = fields.String(validate=validate.Length(max=40))

    @validates_schema
    def place_given(self, data, **kwargs):
        """Either a postcode or both coordinates."""
        has_coordinates = "latitude" in data and "longitude" in data
        if ("latitude" in data) != ("longitude" in data):
            missing = "longitude" if "latitude" in data else "latitude"
            raise ValidationError("Give both latitude and longitude.", missing)
        if not has_coordinates and "postcode" not in data:
            raise ValidationError("Give a postcode, or latitude and longitude.", "postcode")


class LoginSchema(Schema):
    """Email and password."""

    email = fields.String(required=True, validate=validate.Length(min=1, max=254))
    password = fields.String(required=True, load_only=True, validate=validate.Length(max=200))
    remember = fields.Boolean(load_default=False)
    code = fields.String(
        load_only=True,
        validate=validate.Length(max=20),
        metadata={"description": "Organizers, staff, admins: the authenticator app's code"},
    )


class TokenRequestSchema(LoginSchema):
    """Email, password, and a name to recognise the token by."""

    name = fields.String(load_default="", validate=validate.Length(max=100))
    remember = fields.Boolean(load_default=False, load_only=True)


class TokenSchema(Schema):
    """A bearer token; the plain token is shown only when it is made."""

    id = fields.Integer(dump_only=True)
    name = fields.String(dump_only=True)
    created_at = fields.DateTime(dump_only=True)
    last_used_at = fields.DateTime(dump_only=True, allow_none=True)
    expires_at = fields.DateTime(dump_only=True, allow_none=True)
    token = fields.String(dump_only=True)


class CsrfSchema(Schema):
    """The token to send as X-CSRF-Token on unsafe requests that ride on the session cookie."""

    csrf_token = fields.String()


class CardSchema(Schema):
    """The code behind a sign-in card's QR code."""

    code = fields.String(required=True, validate=validate.Length(min=8, max=100))
