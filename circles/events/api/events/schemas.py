"""Schemas for events, their occurrences and calendars."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from circles.core.api import Answer
from circles.core.fields import LocalDateTime, not_blank
from circles.events.models import KINDS

TITLE = validate.Length(min=1, max=200)


class EventInSchema(Schema):
    """A new event; times in ISO 8601, with an offset or as local time in the member's zone."""

    circle_id = fields.Integer(required=True)
    kind = fields.String(load_default="other", validate=validate.OneOf(KINDS))
    title = fields.String(required=True, validate=[TITLE, not_blank])
    description = fields.String(validate=validate.Length(max=5000))
    host_ids = fields.List(fields.Integer(), validate=validate.Length(min=1, max=10))
    place_name = fields.String(validate=validate.Length(max=200))
    address = fields.String(allow_none=True, validate=validate.Length(max=300))
    address_private = fields.Boolean()
    step_free = fields.Boolean()
    hearing_loop = fields.Boolean()
    starts_at = fields.DateTime(required=True)
    ends_at = fields.DateTime(required=True)
    capacity = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=10000))
    rrule = fields.String(allow_none=True, validate=validate.Length(max=300))
    proposed = fields.Boolean(load_default=False)
    interest_threshold = fields.Integer(validate=validate.Range(min=2, max=100))

    @validates_schema
    def end_after_start(self, data, **kwargs):
        """An event ends after it starts (compared as instants when both carry offsets)."""
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and (starts.tzinfo is None) == (ends.tzinfo is None) and ends <= starts:
            raise ValidationError("Must be after starts_at.", "ends_at")


class EventChangeSchema(EventInSchema):
    """Changes to an event; the circle and whether it was proposed stay as they were."""

    class Meta:
        exclude = ("circle_id", "proposed")


class OccurrenceSchema(Answer):
    """One occurrence of an event, with the caller's standing on it."""

    occurrence_start = fields.DateTime(attribute="original_start")
    starts_at = LocalDateTime()
    ends_at = LocalDateTime()
    cancelled = fields.Boolean()
    places_left = fields.Integer(allow_none=True)
    my_status = fields.String(allow_none=True)


class EventSchema(Schema):
    """An event as a member of its circle sees it."""

    id = fields.Integer()
    circle_id = fields.Integer()
    kind = fields.String()
    title = fields.String()
    description = fields.String()
    host_id = fields.Integer()
    host_ids = fields.List(fields.Integer())
    host_names = fields.List(fields.String())
    place_name = fields.String()
    address = fields.String(allow_none=True)
    address_hidden = fields.Boolean()
    address_private = fields.Boolean()
    step_free = fields.Boolean()
    hearing_loop = fields.Boolean()
    starts_at = LocalDateTime()
    ends_at = LocalDateTime()
    timezone = fields.String()
    capacity = fields.Integer(allow_none=True)
    rrule = fields.String(allow_none=True)
    status = fields.String()
    interest_threshold = fields.Integer(allow_none=True)
    interest_count = fields.Integer()
    i_am_interested = fields.Boolean()
    may_manage = fields.Boolean()
    occurrences = fields.List(fields.Nested(OccurrenceSchema))
    created_at = fields.DateTime()


class EventListItemSchema(OccurrenceSchema):
    """An occurrence in the list of what is coming, with its event's main facts."""

    id = fields.Integer()
    circle_id = fields.Integer()
    kind = fields.String()
    title = fields.String()
    place_name = fields.String()
    step_free = fields.Boolean()
    hearing_loop = fields.Boolean()
    capacity = fields.Integer(allow_none=True)
    repeats = fields.Boolean()
    status = fields.String()


class EventQuerySchema(Schema):
    """Which events to list."""

    circle_id = fields.Integer()
    status = fields.String(
        load_default="scheduled", validate=validate.OneOf(("scheduled", "proposed"))
    )
    days = fields.Integer(load_default=60, validate=validate.Range(min=1, max=366))


class MoveSchema(Schema):
    """Move one occurrence, named by its original start, to new times."""

    occurrence_start = fields.DateTime(required=True)
    starts_at = fields.DateTime(required=True)
    ends_at = fields.DateTime(required=True)


class OccurrenceQuerySchema(Schema):
    """One occurrence, if any, named by its original start in the address."""

    occurrence_start = fields.DateTime()


class OccurrenceRefSchema(Schema):
    """One occurrence, named by its original start."""

    occurrence_start = fields.DateTime(required=True)


class FeedSchema(Schema):
    """My personal calendar feed: a secret address to subscribe to."""

    url = fields.String()
    created_at = fields.DateTime()
