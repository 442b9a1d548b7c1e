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


# A square around Trøjborg with a hole in its middle (a park nobody lives in), and a second
# square around Frederiksbjerg: one MultiPolygon, positions [longitude, latitude].
TROJBORG_WITH_PARK = [
    [[10.19, 56.16], [10.23, 56.16], [10.23, 56.18], [10.19, 56.18], [10.19, 56.16]],
    [[10.205, 56.168], [10.211, 56.168], [10.211, 56.172], [10.205, 56.172], [10.205, 56.168]],
]
FREDERIKSBJERG = [[[10.19, 56.14], [10.21, 56.14], [10.21, 56.15], [10.19, 56.15], [10.19, 56.14]]]
AREA = {"type": "MultiPolygon", "coordinates": [TROJBORG_WITH_PARK, FREDERIKSBJERG]}


@pytest.mark.parametrize(
    ("lat", "lon", "inside"),
    [
        (56.1700, 10.2080, False),  # in the park, the hole
        (56.1770, 10.2000, True),  # Trøjborg, outside the park
        (56.1455, 10.1998, True),  # Frederiksbjerg
        (56.1550, 10.2000, False),  # between the two
        (56.1590, 10.2220, False),  # the bay, where 8000's centre lies
    ],
)
def test_a_point_is_inside_a_drawn_area_unless_in_a_hole_or_beyond_it(lat, lon, inside):
    assert geo.in_area(lat, lon, AREA) is inside
    assert geo.area_problem(AREA) is None


@pytest.mark.parametrize(
    "geometry",
    [
        None,
        {"type": "Point", "coordinates": [10.2, 56.1]},
        {"type": "Polygon", "coordinates": [[[10.2, 56.1], [10.3, 56.1], [10.2, 56.1]]]},
        {"type": "Polygon", "coordinates": [[[10.2, 56.1, 3], [10.3, 56.1], [10.3, 56.2]]]},
        {"type": "Polygon", "coordinates": [[["a", 56.1], [10.3, 56.1], [10.3, 56.2], [1, 2]]]},
        {"type": "Polygon", "coordinates": []},
        {
            "type": "Polygon",
            "coordinates": [[[200, 56.1], [10.3, 56.1], [10.3, 56.2], [200, 56.1]]],
        },
        {"type": "Polygon"},
    ],
)
def test_a_geometry_that_is_no_area_is_named_as_such(geometry):
    assert geo.area_problem(geometry)
