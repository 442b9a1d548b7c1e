"""An organizer's correction of a member's details."""

from marshmallow import Schema, fields, validate

from circles.core.fields import NAME, not_blank, plausible_birth_date, postcode_field


class CorrectionSchema(Schema):
    """The details an organizer may correct: name, phone, address, postcode, birth date."""

    name = fields.String(validate=[NAME, not_blank])
    phone = fields.String(allow_none=True, validate=validate.Length(max=40))
    address = fields.String(allow_none=True, validate=validate.Length(max=300))
    postcode = postcode_field()
    birth_date = fields.Date(validate=plausible_birth_date)
