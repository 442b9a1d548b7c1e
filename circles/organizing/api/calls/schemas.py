"""Schemas for the call log and the outreach list."""

from marshmallow import Schema, fields, validate

from circles.organizing import former, outreach


class CallSchema(Schema):
    """A call as the circle's organizers see it."""

    id = fields.Integer()
    circle_id = fields.Integer()
    member_id = fields.Integer()
    member_name = fields.String(attribute="member.name")
    member_phone = fields.Function(lambda c: former.phone_of(c.circle_id, c.member))
    organizer_id = fields.Integer(allow_none=True)
    organizer_name = fields.String(attribute="organizer.name", allow_none=True)
    direction = fields.String()
    called_at = fields.DateTime()
    note = fields.String()
    follow_up_on = fields.Date(allow_none=True)
    follow_up_done_at = fields.DateTime(allow_none=True)
    outreach_item_id = fields.Integer(allow_none=True)


class CallQuerySchema(Schema):
    """One member's calls, or all."""

    member_id = fields.Integer()


class OutreachItemSchema(Schema):
    """One reason to call, with the member's phone for the organizer."""

    id = fields.Integer()
    reason = fields.String()
    text = fields.Function(outreach.describe)
    member_id = fields.Integer(allow_none=True)
    member_name = fields.String(attribute="member.name", allow_none=True)
    member_phone = fields.Function(lambda i: former.phone_of(i.circle_id, i.member))
    target_type = fields.String(allow_none=True)
    target_id = fields.Integer(allow_none=True)
    created_at = fields.DateTime()
    called_at = fields.DateTime(allow_none=True)
    called_by_name = fields.String(attribute="called_by.name", allow_none=True)
    note = fields.String(allow_none=True)


class OutreachQuerySchema(Schema):
    """Still to call, or called."""

    status = fields.String(load_default="open", validate=validate.OneOf(("open", "called")))


class MissedSchema(Schema):
    """A message that did not reach a member: someone to call, with why in plain words."""

    delivery_id = fields.Integer()
    member_id = fields.Integer(attribute="member.id")
    member_name = fields.String(attribute="member.name")
    member_phone = fields.Function(lambda m: m.member.phone)
    channel = fields.String()
    channel_text = fields.String()
    reason = fields.String()
    reason_text = fields.String()
    failed_at = fields.DateTime()
    what = fields.String()
