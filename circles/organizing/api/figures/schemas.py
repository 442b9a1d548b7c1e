"""Schemas for a circle's own figures and its week sheet."""

from marshmallow import Schema, fields, validate


class CirclePeriodSchema(Schema):
    """A circle's counts summed over the period; the median over all its matched requests."""

    new_members = fields.Integer()
    requests = fields.Integer()
    matched = fields.Integer()
    done = fields.Integer()
    median_hours_to_match = fields.Float(allow_none=True)
    event_times = fields.Integer()
    attendance = fields.Integer()


class CircleMonthSchema(CirclePeriodSchema):
    """One month of a circle's figures, with its members at the month's end."""

    month = fields.String()
    members = fields.Integer()
    active_members = fields.Integer()


class SmsUseSchema(Schema):
    """The circle's SMS this month against its monthly cap."""

    month = fields.String()
    used = fields.Integer()
    cap = fields.Integer()
    configured = fields.Boolean(metadata={"description": "whether an SMS provider is set up"})


class CircleFiguresSchema(Schema):
    """A circle's own figures for its organizers: by month, over the period, and now."""

    circle_id = fields.Integer()
    months = fields.List(fields.Nested(CircleMonthSchema))
    period = fields.Nested(CirclePeriodSchema)
    now = fields.Dict(keys=fields.String(), values=fields.Integer())
    sms = fields.Nested(SmsUseSchema)


ISO_WEEK = r"^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$"


class WeekQuerySchema(Schema):
    """An ISO week like 2026-W48; this week if not given."""

    week = fields.String(
        validate=validate.Regexp(
            r"^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$", error="Use a week like 2026-W48."
        )
    )
