"""Places and distances; the only module that calls geopy.

Postcodes become places offline, from the Danish postcode table shipped in circles/data.
A network geocoder (Nominatim) for street addresses is used only when configured.
"""

import csv
import math
from dataclasses import dataclass
from functools import cache

from geopy.distance import geodesic

from circles.config import PACKAGE_DIR

EARTH_KM_PER_DEGREE = 111.32


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


def rounded_km(km: float) -> float:
    """A distance fit to show another person: to 0.1 km, never zero, so a home is not pinned."""
    return max(0.1, round(km, 1))


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) that contains every point within km of (lat, lon).

    A cheap index-friendly pre-filter before the exact geodesic distance.
    """
    dlat = km / EARTH_KM_PER_DEGREE * 1.01
    dlon = km / (EARTH_KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01)) * 1.01
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def geocode_address(address: str, geocoder: str, user_agent: str) -> Place | None:
    """A street address as a place, through Nominatim when configured; else None."""
    if geocoder != "nominatim":
        return None
    from geopy.geocoders import Nominatim

    found = Nominatim(user_agent=user_agent, timeout=5).geocode(address, country_codes="dk")
    if found is None:
        return None
    return Place(found.latitude, found.longitude, found.address.split(",")[0])
