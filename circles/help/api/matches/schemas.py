"""Schemas for matches between a request and a helper."""

from marshmallow import Schema, fields, validate

from circles.help.api.requests.schemas import ContactSchema

NOTE = validate.Length(min=1, max=1000)


class MatchCreateSchema(Schema):
    """Invite a helper (requester, organizer), or leave helper_id out to volunteer yourself."""

    request_id = fields.Integer(required=True)
    helper_id = fields.Integer()


class ThanksSchema(Schema):
    """A thank-you note."""

    note = fields.String(required=True, validate=NOTE)


class CancelSchema(Schema):
    """Why the match is called off."""

    reason = fields.String(required=True, validate=NOTE)


class MatchSchema(Schema):
    """A match as its two sides and the circle's organizers see it."""

    id = fields.Integer()
    request_id = fields.Integer()
    category = fields.String()
    category_label = fields.String()
    description = fields.String()
    needed_at = fields.DateTime(allow_none=True)
    origin = fields.String()
    status = fields.String()
    my_side = fields.String(metadata={"description": "helper, requester or organizer"})
    waiting_for_me = fields.Boolean()
    distance_km = fields.Float()
    created_at = fields.DateTime()
    accepted_at = fields.DateTime(allow_none=True)
    done_at = fields.DateTime(allow_none=True)
    cancel_reason = fields.String(allow_none=True)
    thanks_note = fields.String(allow_none=True)
    other_id = fields.Integer(
        allow_none=True,
        metadata={"description": "to report the person; null for a helper before agreement"},
    )
    other_first_name = fields.String(
        allow_none=True, metadata={"description": "null for a helper before agreement"}
    )
    other = fields.Nested(ContactSchema, allow_none=True)
