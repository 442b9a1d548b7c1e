"""Schemas for matches between a request and a helper."""

from marshmallow import Schema, fields

from circles.core.api import Answer
from circles.help.api.requests.schemas import ContactSchema
from circles.help.schemas import NOTE

ON_BEHALF_OF = {"description": "organizers: take the step for this member (a side of the match)"}


class OnBehalfSchema(Schema):
    """Organizers: for which member the step is taken; leave it out to act as yourself."""

    on_behalf_of = fields.Integer(metadata=ON_BEHALF_OF)


class MatchCreateSchema(Schema):
    """Invite a helper (requester, organizer), or leave helper_id out to volunteer yourself."""

    request_id = fields.Integer(required=True)
    helper_id = fields.Integer()
    on_behalf_of = fields.Integer(
        metadata={"description": "organizers: volunteer or invite for this member of the circle"}
    )


class ThanksSchema(OnBehalfSchema):
    """A thank-you note."""

    note = fields.String(required=True, validate=NOTE)


class CancelSchema(OnBehalfSchema):
    """Why the match is called off."""

    reason = fields.String(required=True, validate=NOTE)


class MatchSchema(Answer):
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
    distance_km = fields.Float(allow_none=True)
    created_at = fields.DateTime()
    accepted_at = fields.DateTime(allow_none=True)
    done_at = fields.DateTime(allow_none=True)
    cancel_reason = fields.String(allow_none=True)
    thanks_note = fields.String(allow_none=True, metadata={"description": "asker to helper"})
    helper_thanks_note = fields.String(allow_none=True, metadata={"description": "helper to asker"})
    may_thank = fields.Boolean(metadata={"description": "the caller's side has not thanked yet"})
    may_write = fields.Boolean(metadata={"description": "the caller may write in the thread"})
    other_id = fields.Integer(
        allow_none=True,
        metadata={"description": "to report the person; null for a helper before agreement"},
    )
    other_first_name = fields.String(
        allow_none=True, metadata={"description": "null for a helper before agreement"}
    )
    other = fields.Nested(ContactSchema, allow_none=True)
