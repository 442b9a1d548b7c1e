"""Schemas for relationships and the regular arrangements they keep."""

from marshmallow import Schema, fields, validate

from circles.help.api.requests.schemas import ContactSchema
from circles.help.relationships import ARRANGEMENT_KINDS


class RelationshipSchema(Schema):
    """Someone I have helped or been helped by at least twice."""

    person = fields.Nested(ContactSchema)
    times = fields.Integer()
    last_at = fields.DateTime(allow_none=True)


class ArrangementSchema(Schema):
    """A weekly or fortnightly phone chat or visit with someone from my relationships."""

    id = fields.Integer(dump_only=True)
    helper_id = fields.Integer(required=True)
    requester_id = fields.Integer(metadata={"description": "organizers: for this member"})
    category = fields.String(required=True, validate=validate.OneOf(ARRANGEMENT_KINDS))
    every_weeks = fields.Integer(required=True, validate=validate.OneOf((1, 2)))
    first_at = fields.AwareDateTime(required=True)
    description = fields.String(load_default="", validate=validate.Length(max=2000))
    active = fields.Boolean(dump_only=True, metadata={"description": "false once stopped"})
    paused_until = fields.Date(dump_only=True, allow_none=True)
    stopped_at = fields.DateTime(dump_only=True, allow_none=True)
    created_at = fields.DateTime(dump_only=True)
    other_first_name = fields.String(dump_only=True, metadata={"description": "the other person"})


class ArrangementPatchSchema(Schema):
    """Pause: no times before this day; null resumes at once."""

    paused_until = fields.Date(required=True, allow_none=True)
