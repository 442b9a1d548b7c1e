"""Schemas for two-factor sign-in."""

from marshmallow import Schema, fields


class RecoveryCodesSchema(Schema):
    """Fresh single-use recovery codes, shown this once."""

    codes = fields.List(fields.String(), dump_only=True)
