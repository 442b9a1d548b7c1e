"""Query budgets for finding a circle: the first screen costs the same in a town or a country."""

from sqlalchemy import insert

from circles.extensions import db
from circles.membership.models import Circle
from tests.factories import add_member, make_circle, make_user


def circles_across_jutland(municipality, count: int) -> None:
    """count circles spread over Jutland, a few kilometres apart, in one insert."""
    rows = [
        {
            "municipality_id": municipality.id,
            "name": f"Kreds {n}",
            "description": "",
            "latitude": 55.0 + (n % 40) * 0.05,
            "longitude": 8.5 + (n // 40) * 0.05,
            "radius_km": 1.5,
            "area_postcodes": [],
            "min_age": 50,
            "open": True,
            "members_may_create_events": True,
        }
        for n in range(count)
    ]
    db.session.execute(insert(Circle), rows)
    db.session.commit()


def test_karen_finds_circles_near_home_in_as_few_statements_among_2000_as_among_20(
    make_client, ctx, statements
):
    trojborg = make_circle("Trøjborg")
    karen = make_user(name="Karen")
    add_member(karen, trojborg)
    circles_across_jutland(trojborg.municipality, 19)
    phone = make_client(karen)
    phone.get("/api/v1/me")  # her visit is noted once; the budget is for what follows
    with statements() as town:
        few = phone.get("/api/v1/circles?page_size=20")
    circles_across_jutland(trojborg.municipality, 1980)
    with statements() as country:
        many = phone.get("/api/v1/circles?page_size=20")
    assert len(few.get_json()) == len(many.get_json()) == 20
    assert many.get_json()[0]["name"] == "Trøjborg"
    assert many.get_json()[0]["my_status"] == "active"
    assert '"total": 2000' in many.headers["X-Pagination"]
    # The caller, then the page of circles with their municipality, her memberships among
    # them and the count of all circles, in one statement.
    assert len(country) <= 2, "\n".join(country)
    assert len(town) <= len(country)


def test_anyone_looking_from_a_postcode_sees_those_covering_it_first_in_few_statements(
    client, ctx, statements
):
    trojborg = make_circle("Trøjborg")
    circles_across_jutland(trojborg.municipality, 500)
    far_away = make_circle("Skagen", centre=(57.72, 10.58), municipality=trojborg.municipality)
    far_away.area_postcodes = ["8000"]
    db.session.commit()
    with statements() as sent:
        answer = client.get("/api/v1/circles?postcode=8000&page_size=5")
    names = [c["name"] for c in answer.get_json()]
    assert names[:2] == ["Skagen", "Trøjborg"]
    assert all(c["distance_km"] is None for c in answer.get_json())
    assert len(sent) <= 1, "\n".join(sent)


def test_a_page_past_the_last_circle_is_empty_and_still_counts_them_all(client, ctx):
    trojborg = make_circle("Trøjborg")
    circles_across_jutland(trojborg.municipality, 4)
    answer = client.get("/api/v1/circles?postcode=8000&page_size=5&page=3")
    assert answer.status_code == 200 and answer.get_json() == []
    assert '"total": 5' in answer.headers["X-Pagination"]
