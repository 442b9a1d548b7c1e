"""Schemas for the audit log as organizers and members read it."""

from marshmallow import Schema, fields

from circles.organizing.audit_log import described


class AuditEntrySchema(Schema):
    """One act: when, who, what, for whom."""

    id = fields.Integer()
    created_at = fields.DateTime()
    action = fields.String()
    text = fields.Function(described)
    actor_id = fields.Integer(allow_none=True)
    actor_name = fields.String(attribute="actor.name", allow_none=True)
    member_id = fields.Integer(attribute="subject_id", allow_none=True)
    member_name = fields.String(attribute="subject.name", allow_none=True)
    circle_id = fields.Integer(allow_none=True)
    target_type = fields.String(allow_none=True)
    target_id = fields.Integer(allow_none=True)
