"""Schemas the API and the organizer pages share: an organizer's check of a helper, and a
circle's area."""

from marshmallow import Schema, ValidationError, fields, validate

from circles.core import geo
from circles.core.fields import postcode_field


class VettingSchema(Schema):
    """What the organizer checked, and until when it holds (two years if not given)."""

    met_on = fields.Date(required=True)
    references_checked = fields.Boolean(required=True)
    expires_on = fields.Date()


def check_polygon(polygon) -> None:
    """A usable GeoJSON Polygon or MultiPolygon, or null."""
    problem = geo.area_problem(polygon) if polygon is not None else None
    if problem:
        raise ValidationError(problem)


class CircleAreaSchema(Schema):
    """Where the circle's people live: postcodes, and a polygon drawn on a map (or null).

    The area is these together with the radius around the centre."""

    postcodes = fields.List(postcode_field(), required=True, validate=validate.Length(max=50))
    polygon = fields.Dict(load_default=None, allow_none=True, validate=check_polygon)
