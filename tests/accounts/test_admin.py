"""Stories of the admin setting up municipalities, circles, organizers and staff."""

import pytest

from tests.factories import make_admin, make_circle, make_member, make_municipality, make_user

CIRCLE = {"name": "Trøjborg", "latitude": 56.1722, "longitude": 10.208, "radius_km": 1.5}


def test_an_admin_sets_up_a_municipality_a_circle_an_organizer_and_staff(make_client, ctx):
    admin = make_client(make_admin())
    mette, anne = make_user(name="Mette"), make_user(name="Anne")
    aarhus = admin.post("/api/v1/municipalities", json={"name": "Aarhus", "code": "751"})
    assert aarhus.status_code == 201
    municipality_id = aarhus.get_json()["id"]
    circle = admin.post(
        "/api/v1/circles", json={**CIRCLE, "municipality_id": municipality_id, "open": False}
    )
    assert circle.status_code == 201, circle.get_json()
    assert circle.get_json()["min_age"] == 50
    circle_id = circle.get_json()["id"]
    organizer = admin.post(f"/api/v1/circles/{circle_id}/organizers", json={"email": mette.email})
    assert organizer.get_json()["role"] == "organizer"
    staff = admin.post(
        f"/api/v1/municipalities/{municipality_id}/staff", json={"email": anne.email}
    )
    assert staff.status_code == 201
    assert make_client(anne).get("/api/v1/me").get_json()["staff_of"] == [municipality_id]
    again = admin.post(
        f"/api/v1/municipalities/{municipality_id}/staff", json={"email": anne.email}
    )
    assert again.status_code == 409


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"radius_km": 0}, "radius_km"),
        ({"latitude": "north"}, "latitude"),
        ({"min_age": 12}, "min_age"),
        ({"name": ""}, "name"),
        ({"municipality_id": 999}, "municipality_id"),
    ],
)
def test_bad_circles_are_refused_naming_the_field(make_client, ctx, change, field):
    municipality = make_municipality()
    admin = make_client(make_admin())
    response = admin.post(
        "/api/v1/circles", json={**CIRCLE, "municipality_id": municipality.id, **change}
    )
    assert response.status_code == 422
    assert field in response.get_json()["errors"]["json"]


def test_appointing_someone_without_an_account_names_the_email(make_client, ctx):
    circle = make_circle()
    response = make_client(make_admin()).post(
        f"/api/v1/circles/{circle.id}/organizers", json={"email": "nobody@example.dk"}
    )
    assert response.status_code == 422
    assert "email" in response.get_json()["errors"]["json"]


def test_only_admins_set_up(client, make_client, ctx):
    municipality = make_municipality()
    circle = make_circle(municipality=municipality)
    organizer = make_member(circle, role="organizer")
    calls = [
        ("/api/v1/municipalities", {"name": "Odense"}),
        ("/api/v1/circles", {**CIRCLE, "municipality_id": municipality.id}),
        (f"/api/v1/circles/{circle.id}/organizers", {"email": organizer.email}),
        (f"/api/v1/municipalities/{municipality.id}/staff", {"email": organizer.email}),
    ]
    for url, body in calls:
        assert client.post(url, json=body).status_code == 401
        assert make_client(organizer).post(url, json=body).status_code == 403


def test_anyone_lists_municipalities(client, ctx):
    make_municipality("Aarhus")
    assert [m["name"] for m in client.get("/api/v1/municipalities").get_json()] == ["Aarhus"]
