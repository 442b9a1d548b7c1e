"""Schemas for reports and their handling."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from circles.organizing.models import REASONS, REPORT_STATUSES, TARGET_TYPES
from circles.organizing.schemas import TEXT_LIMIT


class NewReportSchema(Schema):
    """A report about a person, or about a message (a request or an event) and so its author."""

    reported_user_id = fields.Integer()
    target_type = fields.String(validate=validate.OneOf(TARGET_TYPES))
    target_id = fields.Integer()
    reason = fields.String(required=True, validate=validate.OneOf(REASONS))
    text = fields.String(load_default="", validate=validate.Length(max=TEXT_LIMIT))

    @validates_schema
    def person_or_message(self, data, **kwargs):
        """Either a person, or a message given by its type and id."""
        if ("target_type" in data) != ("target_id" in data):
            missing = "target_id" if "target_type" in data else "target_type"
            raise ValidationError("validation.both_target", missing)
        if "target_type" not in data and "reported_user_id" not in data:
            raise ValidationError("validation.say_whom", "reported_user_id")


class ReportSchema(Schema):
    """A report as its reporter sees it: what and why, and whether it was handled."""

    id = fields.Integer()
    circle_id = fields.Integer()
    target_type = fields.String(allow_none=True)
    target_id = fields.Integer(allow_none=True)
    reason = fields.String()
    text = fields.String()
    status = fields.String()
    created_at = fields.DateTime()
    handled_at = fields.DateTime(allow_none=True)


class OrganizerReportSchema(ReportSchema):
    """A report as the circle's organizers see it: who, about whom, and what was done."""

    reporter_id = fields.Integer(allow_none=True)
    reporter_name = fields.String(attribute="reporter.name", allow_none=True)
    reported_user_id = fields.Integer(allow_none=True)
    reported_name = fields.String(attribute="reported_user.name", allow_none=True)
    outcome = fields.String(allow_none=True)
    outcome_note = fields.String(allow_none=True)
    handled_by_id = fields.Integer(allow_none=True)


class ReportQuerySchema(Schema):
    """Open or handled reports."""

    status = fields.String(validate=validate.OneOf(REPORT_STATUSES))
