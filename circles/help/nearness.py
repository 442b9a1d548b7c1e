"""Nearness in SQL, on the fixed grid of squares (geo.square_centre), the same on SQLite and
PostgreSQL.

Which people or requests a query keeps, and in what order, must depend on the grid squares
alone, or the order of a list, read after each of one's own moves, would locate a home. So the
ordering key is the flat distance between square centres, computed in SQL; the index-friendly
bounding box only pre-filters, widened so that it holds everyone whose square is within reach.
"""

import math

from sqlalchemy import Float, and_, bindparam
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from circles.core import geo


class floor_(FunctionElement):
    """floor(x) as a float; SQLite may be built without its math functions, so it is spelled
    out there with CAST, which truncates toward zero."""

    type = Float()
    inherit_cache = True


@compiles(floor_)
def _floor(element, compiler, **kw):
    return f"floor({compiler.process(element.clauses, **kw)})"


@compiles(floor_, "sqlite")
def _floor_sqlite(element, compiler, **kw):
    x = compiler.process(element.clauses, **kw)
    return f"(CAST({x} AS INTEGER) - (({x}) < CAST({x} AS INTEGER)))"


def square_centre(latitude, longitude):
    """SQL for the centre of the grid square a point lies in (geo.square_centre)."""
    return (
        (floor_(latitude / geo.SQUARE_LAT) + 0.5) * geo.SQUARE_LAT,
        (floor_(longitude / geo.SQUARE_LON) + 0.5) * geo.SQUARE_LON,
    )


def in_box(model, box: tuple, indexed: bool = True):
    """The condition that a model's latitude/longitude lie in box (south, north, west, east,
    as from geo.bounding_box): served by an index, unless indexed=False.

    indexed=False compares latitude + 0 and longitude + 0, which no index serves (on SQLite and
    PostgreSQL alike): for when the rows are found another way, in fewer steps than the box
    would take. A city-centre box at national scale holds a hundred thousand people; the
    planner, reading latitude and longitude as independent, expects a tenth of that.
    """
    south, north, west, east = box
    latitude, longitude = (model.latitude, model.longitude) if indexed else (
        model.latitude + 0.0, model.longitude + 0.0
    )  # fmt: skip
    return and_(latitude.between(south, north), longitude.between(west, east))


def search_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """A box holding every point whose square's centre lies within km of the square of
    (lat, lon): the reach widened by the farthest a point lies from its square's centre."""
    return geo.bounding_box(lat, lon, km + 2 * geo.SQUARE_REACH_KM)


def longitude_scale(lat: float) -> float:
    """How much a degree of longitude shrinks at this latitude, squared."""
    return math.cos(math.radians(lat)) ** 2


def coarse_nearness(model, lat, lon, scale):
    """An SQL ordering key that grows with the distance between the model's square centre and
    (lat, lon), itself a square centre (squared degrees, longitude scaled by scale)."""
    square_lat, square_lon = square_centre(model.latitude, model.longitude)
    return (square_lat - lat) * (square_lat - lat) + scale * (square_lon - lon) * (square_lon - lon)


EDGES = ("south", "north", "west", "east")


def bound_box(model, indexed: bool = True):
    """in_box over the bound parameters :south, :north, :west, :east (parameters gives them)."""
    return in_box(model, tuple(bindparam(edge, type_=Float) for edge in EDGES), indexed)


def bound_nearness(model):
    """coarse_nearness to the bound square :lat, :lon with its :scale (parameters gives them)."""
    return coarse_nearness(
        model, *(bindparam(name, type_=Float) for name in ("lat", "lon", "scale"))
    )


def parameters(lat: float, lon: float, km: float) -> dict:
    """The values of bound_nearness and bound_box for a point and a reach: the point's square
    centre and its longitude scale, and the search_box of everything within km."""
    square_lat, square_lon = geo.square_centre(lat, lon)
    return {
        "lat": square_lat,
        "lon": square_lon,
        "scale": longitude_scale(square_lat),
        **dict(zip(EDGES, search_box(lat, lon, km), strict=True)),
    }
