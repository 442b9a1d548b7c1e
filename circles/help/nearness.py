"""Nearness in SQL, on the fixed grid of squares (geo.square_centre), the same on SQLite and
PostgreSQL.

Which people or requests a query keeps, and in what order, must depend on the grid squares
alone, or the order of a list, read after each of one's own moves, would locate a home. So the
ordering key is the flat distance between square centres, computed in SQL; the index-friendly
bounding box only pre-filters, widened so that it holds everyone whose square is within reach.
"""

import math

from sqlalchemy import Float, Integer, and_, bindparam
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
    return _nearness(*square_centre(model.latitude, model.longitude), lat, lon, scale)


def _nearness(square_lat, square_lon, lat, lon, scale):
    return (square_lat - lat) * (square_lat - lat) + scale * (square_lon - lon) * (square_lon - lon)


EDGES = ("south", "north", "west", "east")
SQUARE_EDGES = ("row_south", "row_north", "col_west", "col_east")


def bound_box(model, indexed: bool = True):
    """in_box over the bound parameters :south, :north, :west, :east (parameters gives them)."""
    return in_box(model, _bound(*EDGES), indexed)


def bound_nearness(model):
    """coarse_nearness to the bound square :lat, :lon with its :scale (parameters gives them)."""
    return coarse_nearness(model, *_bound("lat", "lon", "scale"))


def _bound(*names: str, type_=Float):
    return tuple(bindparam(name, type_=type_) for name in names)


def square_box(model, reach: dict):
    """That a model's home square lies in the squares of a reach (as from parameters)."""
    rows = model.square_row.between(reach["row_south"], reach["row_north"])
    return and_(rows, model.square_col.between(reach["col_west"], reach["col_east"]))


def bound_square_box(model):
    """square_box over the bound parameters :row_south, :row_north, :col_west, :col_east."""
    return square_box(
        model, dict(zip(SQUARE_EDGES, _bound(*SQUARE_EDGES, type_=Integer), strict=True))
    )


def bound_square_nearness(model):
    """bound_nearness for a model that keeps its home's square rather than the home."""
    square_lat = (model.square_row + 0.5) * geo.SQUARE_LAT
    square_lon = (model.square_col + 0.5) * geo.SQUARE_LON
    return _nearness(square_lat, square_lon, *_bound("lat", "lon", "scale"))


def parameters(lat: float, lon: float, km: float) -> dict:
    """The values of the bound nearness and boxes for a point and a reach: the point's square
    centre and its longitude scale, and the search_box of everything within km, in degrees
    and in the rows and columns of the squares it touches."""
    square_lat, square_lon = geo.square_centre(lat, lon)
    south, north, west, east = search_box(lat, lon, km)
    row_south, col_west = geo.square_of(south, west)
    row_north, col_east = geo.square_of(north, east)
    return {
        "lat": square_lat,
        "lon": square_lon,
        "scale": longitude_scale(square_lat),
        **dict(zip(EDGES, (south, north, west, east), strict=True)),
        **dict(zip(SQUARE_EDGES, (row_south, row_north, col_west, col_east), strict=True)),
    }
