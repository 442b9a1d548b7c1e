"""Schemas the API and the organizer pages share: offers and requests as they are sent."""

from marshmallow import Schema, fields, validate

from circles.core.fields import availability_field
from circles.core.vocabulary import CATEGORIES

# A thank-you or a reason: a few words, never an essay.
NOTE = validate.Length(min=1, max=1000)

DESCRIPTION = validate.Length(max=2000)


class RequestCreateSchema(Schema):
    """A new request; no needed_at means 'flexible', no place means at home."""

    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    description = fields.String(load_default="", validate=DESCRIPTION)
    needed_at = fields.AwareDateTime(allow_none=True, load_default=None)
    place = fields.String(validate=validate.Length(min=1, max=200))
    share_address = fields.Boolean(
        load_default=False,
        metadata={"description": "help at home: show the helper my address once both agreed"},
    )
    circle_id = fields.Integer()
    requester_id = fields.Integer(metadata={"description": "organizers: post for this member"})


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
