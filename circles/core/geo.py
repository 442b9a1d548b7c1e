"""Places and distances; the only module that calls geopy.

Postcodes become places offline, from the Danish postcode table shipped in circles/data.
A network geocoder (Nominatim) for street addresses is used only when configured.
"""

import csv
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import urlsplit

from geopy.distance import geodesic
from geopy.exc import GeopyError

from circles.config import PACKAGE_DIR

EARTH_KM_PER_DEGREE = 111.32
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Place:
    """A point with a human name; for postcodes, the postal area's centroid."""

    latitude: float
    longitude: float
    name: str


@cache
def _postcodes() -> dict[str, Place]:
    with (PACKAGE_DIR / "data" / "dk-postcodes.csv").open(encoding="utf-8") as f:
        return {
            row["postcode"]: Place(float(row["latitude"]), float(row["longitude"]), row["name"])
            for row in csv.DictReader(f)
        }


def postcode_place(postcode: str) -> Place | None:
    """The Danish postcode's centroid and district name, or None if there is no such postcode."""
    return _postcodes().get(postcode.strip())


@lru_cache(maxsize=4096)
def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The geodesic distance between two points, in kilometres.

    Remembered: a member list's rows mostly sit on a few postcodes' centres, and each exact
    geodesic costs about a millisecond.
    """
    return geodesic((lat1, lon1), (lat2, lon2)).km


def flat_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """A fast flat-earth distance in kilometres, within 0.5% of the geodesic over a few tens of
    km in Denmark: for ranking many candidates, before the exact distance of the few shown."""
    dlon = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return EARTH_KM_PER_DEGREE * math.hypot(lat2 - lat1, dlon)


def rounded_km(km: float) -> float:
    """A distance fit to show another person: to 0.1 km, never zero, so a home is not pinned."""
    return max(0.1, round(km, 1))


# The fixed grid every place shown to another person is snapped to: squares of about 550 m
# north-south and 500 m east-west in Denmark. Near enough to see where help is wanted, too
# coarse to find anyone's door. The grid never moves, so however often someone moves her own
# home and asks again, she learns at most which square a home lies in (see README, "Security
# and privacy").
SQUARE_LAT, SQUARE_LON = 0.005, 0.008
# The farthest a point lies from its square's centre, in km (half the diagonal, with margin):
# boxes searched for people within a coarse distance are widened by twice this.
SQUARE_REACH_KM = 0.4


def square_of(lat: float, lon: float) -> tuple[int, int]:
    """The grid square the point lies in, as its row (south to north) and column (west to east)."""
    return math.floor(lat / SQUARE_LAT), math.floor(lon / SQUARE_LON)


@lru_cache(maxsize=4096)
def square_centre(lat: float, lon: float) -> tuple[float, float]:
    """The centre of the grid square the point lies in, for showing a home's area, not the home.

    Kept for the latest few thousand points: ranking a hundred helpers measures each from the
    same request, and the ones shown are measured twice."""
    row, column = square_of(lat, lon)
    return round((row + 0.5) * SQUARE_LAT, 6), round((column + 0.5) * SQUARE_LON, 6)


def coarse_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The distance between the centres of the two points' grid squares, in km.

    The only distance between two people that may leave the server, or decide what one of them
    sees (who is listed, in which order, with which score): it depends on the squares alone."""
    return coarse_km_from(lat1, lon1)(lat2, lon2)


def coarse_km_from(lat: float, lon: float) -> Callable[[float, float], float]:
    """coarse_km from one point to many others: its square's centre worked out once."""
    origin = square_centre(lat, lon)
    return lambda lat2, lon2: flat_km(*origin, *square_centre(lat2, lon2))


def shown_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """coarse_km, rounded for showing to a person."""
    return rounded_km(coarse_km(lat1, lon1, lat2, lon2))


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) that contains every point within km of (lat, lon).

    A cheap index-friendly pre-filter before the exact geodesic distance.
    """
    dlat = km / EARTH_KM_PER_DEGREE * 1.01
    dlon = km / (EARTH_KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01)) * 1.01
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def address_finder(settings: dict):
    """A function from street address to Place through Nominatim, or None when not configured.

    settings: the app config; CIRCLES_GEOCODER=nominatim turns it on, CIRCLES_GEOCODER_URL
    points at the server (a municipality may run its own).
    """
    if settings.get("CIRCLES_GEOCODER") != "nominatim":
        return None
    from geopy.geocoders import Nominatim

    url = urlsplit(settings["CIRCLES_GEOCODER_URL"])
    nominatim = Nominatim(
        domain=url.netloc + url.path.rstrip("/"),
        scheme=url.scheme,
        user_agent=settings["CIRCLES_GEOCODER_USER_AGENT"],
        timeout=5,
    )

    def find(address: str) -> Place | None:
        try:
            found = nominatim.geocode(address, country_codes="dk")
        except GeopyError:
            logger.warning("geocoder unavailable; address kept without moving the home")
            raise GeocoderUnavailable() from None
        if found is None:
            return None
        return Place(found.latitude, found.longitude, found.address.split(",")[0])

    return find


class GeocoderUnavailable(Exception):
    """The configured geocoder did not answer."""


# Areas drawn on a map arrive as GeoJSON geometries: a Polygon (an outer ring and holes) or a
# MultiPolygon, with positions as [longitude, latitude]. A circle covers a few square
# kilometres, so a flat ray-casting test is exact enough, and spares a geometry library.
POLYGON_TYPES = ("Polygon", "MultiPolygon")


def _polygons(geometry: dict) -> list:
    """The geometry's polygons, each a list of rings (outer first, then holes)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def _in_ring(lat: float, lon: float, ring: list) -> bool:
    """Whether the point lies inside the ring: an odd number of edges cross a ray going east."""
    inside = False
    for (lon1, lat1), (lon2, lat2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (lat1 > lat) != (lat2 > lat):
            crossing = lon1 + (lat - lat1) / (lat2 - lat1) * (lon2 - lon1)
            if lon < crossing:
                inside = not inside
    return inside


def in_area(lat: float, lon: float, geometry: dict) -> bool:
    """Whether the point lies inside the GeoJSON Polygon or MultiPolygon (holes left out)."""
    return any(
        _in_ring(lat, lon, rings[0]) and not any(_in_ring(lat, lon, hole) for hole in rings[1:])
        for rings in _polygons(geometry)
    )


def area_problem(geometry: dict) -> str | None:
    """Why the GeoJSON geometry is no usable area (a catalog key for the sender), or None."""
    if not isinstance(geometry, dict) or geometry.get("type") not in POLYGON_TYPES:
        return "validation.area.type"
    try:
        polygons = _polygons(geometry)
        rings = [ring for rings in polygons for ring in rings]
        points = [(float(lon), float(lat)) for ring in rings for lon, lat in ring]
    except (KeyError, TypeError, ValueError):
        return "validation.area.positions"
    if not polygons or any(not rings for rings in polygons):
        return "validation.area.outer_ring"
    if any(len(ring) < 4 for ring in rings):
        return "validation.area.ring"
    if not all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in points):
        return "validation.area.globe"
    if len(points) > 5000:
        return "validation.area.too_many"
    return None
