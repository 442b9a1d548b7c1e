"""Schemas for help requests and the helpers suggested for them."""

from marshmallow import Schema, fields, validate

from circles.core.api import Answer
from circles.core.vocabulary import CATEGORIES
from circles.help.schemas import DESCRIPTION


class RequestQuerySchema(Schema):
    """Own requests, or (near=1) open ones near me in my circles."""

    near = fields.Boolean(load_default=False)


class RequestPatchSchema(Schema):
    """What the requester or an organizer may change; status only to cancel."""

    category = fields.String(validate=validate.OneOf(CATEGORIES))
    description = fields.String(validate=DESCRIPTION)
    needed_at = fields.AwareDateTime(allow_none=True)
    place = fields.String(validate=validate.Length(min=1, max=200))
    share_address = fields.Boolean()
    status = fields.String(validate=validate.OneOf(("cancelled",)))


class ContactSchema(Answer):
    """The other side's name and chosen contact details, shown only after agreement."""

    user_id = fields.Integer()
    name = fields.String()
    phone = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    address = fields.String(
        allow_none=True, metadata={"description": "help at home, when the asker chose to share it"}
    )


class RequestMatchSchema(Answer):
    """A match as seen from its request."""

    id = fields.Integer()
    origin = fields.String()
    status = fields.String()
    helper_first_name = fields.String()
    helper = fields.Nested(ContactSchema, allow_none=True)


class RequestSchema(Answer):
    """A request as those with business with it see it; never the exact location."""

    id = fields.Integer()
    circle_id = fields.Integer()
    circle_name = fields.String()
    category = fields.String()
    category_label = fields.String()
    description = fields.String()
    needed_at = fields.DateTime(allow_none=True)
    flexible = fields.Boolean()
    place = fields.String()
    share_address = fields.Boolean(allow_none=True, metadata={"description": "requester only"})
    status = fields.String()
    radius_km = fields.Float()
    distance_km = fields.Float(allow_none=True)
    area = fields.String(
        allow_none=True,
        metadata={"description": "'8000 Aarhus C' when no distance can be known (a postcode)"},
    )
    latitude = fields.Float(
        metadata={"description": "near=1 only: the centre of a ~500 m square, not the home"}
    )
    longitude = fields.Float(metadata={"description": "near=1 only: as latitude"})
    created_at = fields.DateTime()
    matched_at = fields.DateTime(allow_none=True)
    done_at = fields.DateTime(allow_none=True)
    mine = fields.Boolean()
    requester = fields.Nested(ContactSchema, allow_none=True)
    matches = fields.List(fields.Nested(RequestMatchSchema))


class SuggestionSchema(Answer):
    """A possible helper: first name only, a rounded distance, a score and its reasons."""

    helper_id = fields.Integer()
    first_name = fields.String()
    distance_km = fields.Float(allow_none=True)
    score = fields.Float()
    reasons = fields.List(fields.String())
