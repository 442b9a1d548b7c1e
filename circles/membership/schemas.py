"""Schemas the API and the organizer pages share: an organizer's check of a helper."""

from marshmallow import Schema, fields


class VettingSchema(Schema):
    """What the organizer checked, and until when it holds (two years if not given)."""

    met_on = fields.Date(required=True)
    references_checked = fields.Boolean(required=True)
    expires_on = fields.Date()
