"""Schemas for places on events, attendance and interest in proposed events."""

from marshmallow import Schema, fields, validate

from circles.core.fields import LocalDateTime
from circles.events.models import HOLDING


class RsvpSchema(Schema):
    """Going or not, to one occurrence (a series needs occurrence_start); organizers may name
    the member they book for."""

    going = fields.Boolean(load_default=True)
    occurrence_start = fields.DateTime()
    user_id = fields.Integer()


class RsvpQuerySchema(Schema):
    """Which occurrence, and for whom (organizers acting for a member)."""

    occurrence_start = fields.DateTime()
    user_id = fields.Integer()


class BookingSchema(Schema):
    """A place, or a place on the waiting list, on one occurrence."""

    id = fields.Integer()
    event_id = fields.Integer()
    occurrence_start = fields.DateTime()
    user_id = fields.Integer()
    status = fields.String()
    attended = fields.Boolean(allow_none=True)
    created_at = LocalDateTime()


class BookingListSchema(BookingSchema):
    """A booking as the hosts see it, with the person's name."""

    name = fields.String(attribute="user.name")


class BookingQuerySchema(Schema):
    """Bookings of one occurrence, in one status."""

    occurrence_start = fields.DateTime()
    status = fields.String(load_default="going", validate=validate.OneOf(HOLDING))


class AttendanceSchema(Schema):
    """Who came to one occurrence; everyone else with a place did not."""

    occurrence_start = fields.DateTime()
    attended = fields.List(fields.Integer(), required=True)


class InterestSchema(Schema):
    """Where a proposed event stands."""

    status = fields.String()
    interest_count = fields.Integer()
    interest_threshold = fields.Integer()
    i_am_interested = fields.Boolean()
