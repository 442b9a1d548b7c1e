"""Places and distances; the only module that calls geopy.

Postcodes become places offline, from the Danish postcode table shipped in circles/data.
A network geocoder (Nominatim) for street addresses is used only when configured.
"""

import csv
import logging
import math
from dataclasses import dataclass
from functools import cache
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


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The geodesic distance between two points, in kilometres."""
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


def square_centre(lat: float, lon: float) -> tuple[float, float]:
    """The centre of the grid square the point lies in, for showing a home's area, not the home."""
    return (
        round((math.floor(lat / SQUARE_LAT) + 0.5) * SQUARE_LAT, 6),
        round((math.floor(lon / SQUARE_LON) + 0.5) * SQUARE_LON, 6),
    )


def coarse_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The distance between the centres of the two points' grid squares, in km.

    The only distance between two people that may leave the server, or decide what one of them
    sees (who is listed, in which order, with which score): it depends on the squares alone."""
    return flat_km(*square_centre(lat1, lon1), *square_centre(lat2, lon2))


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
