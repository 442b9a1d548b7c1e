"""Places and distances, offline."""

import pytest
from geopy.distance import geodesic

from circles.core import geo


def test_a_postcode_becomes_its_district_without_a_network():
    place = geo.postcode_place("8000")
    assert place.name == "Aarhus C"
    assert 56.0 < place.latitude < 56.3


def test_an_unknown_postcode_is_none():
    assert geo.postcode_place("0001") is None


def test_distances_are_geodesic_kilometres():
    # Aarhus C to Copenhagen K: about 157 km as the crow flies.
    aarhus, copenhagen = geo.postcode_place("8000"), geo.postcode_place("1050")
    km = geo.distance_km(
        aarhus.latitude, aarhus.longitude, copenhagen.latitude, copenhagen.longitude
    )
    assert 150 < km < 165


def test_a_shown_distance_is_rounded_and_never_zero():
    assert geo.rounded_km(0.612) == 0.6
    assert geo.rounded_km(0.01) == 0.1


@pytest.mark.parametrize("lat", [54.6, 56.2, 57.7])
def test_the_bounding_box_holds_every_point_within_the_distance(lat):
    min_lat, max_lat, min_lon, max_lon = geo.bounding_box(lat, 10.0, 5)
    for bearing in range(0, 360, 15):
        point = geodesic(kilometers=5).destination((lat, 10.0), bearing)
        assert min_lat <= point.latitude <= max_lat
        assert min_lon <= point.longitude <= max_lon


def test_without_a_configured_geocoder_addresses_are_not_looked_up():
    assert geo.address_finder({"CIRCLES_GEOCODER": "none"}) is None
