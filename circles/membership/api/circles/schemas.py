"""Schemas for circles, joining them, and their memberships."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from circles.core.api import Answer
from circles.core.fields import latitude_field, longitude_field, not_blank, postcode_field
from circles.core.i18n import local_today
from circles.membership import vetting
from circles.membership.models import STATUSES
from circles.membership.schemas import CircleAreaSchema  # noqa: F401  (re-exported)


class NearbyQuerySchema(Schema):
    """Where to look: coordinates or a postcode; signed-in members may give neither (home)."""

    lat = latitude_field()
    lon = longitude_field()
    postcode = postcode_field()

    @validates_schema
    def one_place(self, data, **kwargs):
        """Coordinates come as a pair."""
        if ("lat" in data) != ("lon" in data):
            raise ValidationError("validation.both_lat_lon", "lon" if "lat" in data else "lat")


class CircleSchema(Answer):
    """A circle as anyone may see it; its centre is a public place, not anybody's home."""

    id = fields.Integer(dump_only=True)
    municipality_id = fields.Integer(required=True)
    municipality_name = fields.String(attribute="municipality.name", dump_only=True)
    name = fields.String(required=True, validate=[validate.Length(min=1, max=100), not_blank])
    description = fields.String(validate=validate.Length(max=2000))
    latitude = latitude_field(required=True)
    longitude = longitude_field(required=True)
    radius_km = fields.Float(required=True, validate=validate.Range(0.1, 100), allow_nan=False)
    min_age = fields.Integer(validate=validate.Range(18, 120))
    open = fields.Boolean()
    members_may_create_events = fields.Boolean()
    area_postcodes = fields.List(fields.String(), dump_only=True)
    area_polygon = fields.Dict(dump_only=True, allow_none=True)
    area_places = fields.List(fields.String(), dump_only=True)  # ["8000 Aarhus C"]


class CircleSettingsSchema(Schema):
    """What a circle's organizers may change about how it runs."""

    members_may_create_events = fields.Boolean(required=True)


class NearbyCircleSchema(CircleSchema):
    """A circle near a place, with how far it is and whether the caller may join."""

    distance_km = fields.Float(dump_only=True, allow_none=True)
    may_join = fields.Boolean(dump_only=True)
    # Whether the caller may offer to help here (adults of any age; an organizer vets them).
    may_help = fields.Boolean(dump_only=True)
    reason = fields.String(dump_only=True, allow_none=True)
    reason_code = fields.String(dump_only=True, allow_none=True)
    my_status = fields.String(dump_only=True, allow_none=True)
    my_role = fields.String(dump_only=True, allow_none=True)


class JoinSchema(Schema):
    """Join as a member, or offer to help as a (vetted) helper."""

    role = fields.String(load_default="member", validate=validate.OneOf(("member", "helper")))


class MembershipSchema(Schema):
    """A membership as the circle's organizers see it."""

    user_id = fields.Integer()
    name = fields.String(attribute="user.name")
    circle_id = fields.Integer()
    role = fields.String()
    status = fields.String()
    created_at = fields.DateTime()
    decided_at = fields.DateTime(allow_none=True)
    vetted_on = fields.Date(allow_none=True)
    references_checked = fields.Boolean()
    vetting_expires_on = fields.Date(allow_none=True)
    vetting = fields.Function(lambda m: vetting.status(m, local_today()))


class MembershipQuerySchema(Schema):
    """Filter memberships by status."""

    status = fields.String(validate=validate.OneOf(STATUSES))


class AppointSchema(Schema):
    """The email of an existing account."""

    email = fields.Email(required=True)
