"""Schemas for standing offers of help."""

from marshmallow import Schema, fields, validate

from circles.core.fields import availability_field
from circles.core.vocabulary import CATEGORIES


class OfferSchema(Schema):
    """A standing offer: a kind of help, how far I will go, when I am usually free."""

    id = fields.Integer(dump_only=True)
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    max_km = fields.Float(load_default=2.0, validate=validate.Range(0.5, 50), allow_nan=False)
    availability = availability_field(load_default=list)
    active = fields.Boolean(load_default=True)
    created_at = fields.DateTime(dump_only=True)


class NewOfferSchema(OfferSchema):
    """A new offer; an organizer may post it for a member of their circle (user_id)."""

    user_id = fields.Integer()
