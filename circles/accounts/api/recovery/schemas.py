"""Schemas for getting back in: reset links, SMS codes, confirming an email."""

from marshmallow import Schema, fields, validate

from circles.accounts.api.auth.schemas import PASSWORD


class ResetRequestSchema(Schema):
    """The email the account was made with."""

    email = fields.String(required=True, validate=validate.Length(min=1, max=254))


class ResetConfirmSchema(Schema):
    """The token from the emailed link, and the new password."""

    token = fields.String(required=True, validate=validate.Length(min=16, max=100))
    password = fields.String(required=True, load_only=True, validate=PASSWORD)


class SmsCodeRequestSchema(Schema):
    """The member's mobile number, written any usual way."""

    phone = fields.String(required=True, validate=validate.Length(min=1, max=40))


class SmsCodeConfirmSchema(SmsCodeRequestSchema):
    """The number again, and the six digits that came by SMS."""

    code = fields.String(required=True, validate=validate.Regexp(r"^\s*\d{6}\s*$"))


class TokenOnlySchema(Schema):
    """The token from an emailed link."""

    token = fields.String(required=True, validate=validate.Length(min=16, max=100))


class AcceptedSchema(Schema):
    """The same words whether or not anything was sent."""

    message = fields.String()
