"""Schemas for municipalities and their staff."""

from marshmallow import Schema, fields, validate

from circles.core.fields import not_blank


class MunicipalitySchema(Schema):
    """A municipality; its name and code are public."""

    id = fields.Integer(dump_only=True)
    name = fields.String(required=True, validate=[validate.Length(min=1, max=100), not_blank])
    code = fields.String(
        validate=validate.Regexp(r"^\d{3}$", error="Must be 3 digits."),
        metadata={"nullable": True},  # not every municipality was given its code
    )


class StaffSchema(Schema):
    """A staff appointment."""

    id = fields.Integer(dump_only=True)
    user_id = fields.Integer(dump_only=True)
    municipality_id = fields.Integer(dump_only=True)
    email = fields.Email(required=True, load_only=True)
