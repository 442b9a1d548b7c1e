"""Stories of a circle's area: postcodes and a drawn polygon beside the radius, so people
known only by their postcode can join, and organizers say where their circle reaches."""

from datetime import date

import pytest

from circles.extensions import db
from circles.membership.models import Circle
from circles.notify import notifications
from circles.notify.models import Notification
from circles.organizing import audit_log
from tests.factories import add_member, make_admin, make_circle, make_member, make_user

NEWCOMER = {
    "email": "birthe@example.dk",
    "password": "a good long password",
    "name": "Birthe Holm",
    "birth_date": "1948-04-11",
}
# A square around Vejlby, north of Risskov: well outside Trøjborg's 1.5 km.
VEJLBY = {
    "type": "Polygon",
    "coordinates": [
        [[10.22, 56.21], [10.26, 56.21], [10.26, 56.23], [10.22, 56.23], [10.22, 56.21]]
    ],
}


def test_a_newcomer_known_only_by_postcode_joins_the_circle_that_lists_it(client, ctx):
    trojborg = make_circle("Trøjborg")
    elsewhere = make_circle("Frederiksbjerg", centre=(56.1468, 10.2015), radius_km=1.4)
    registered = client.post("/api/v1/auth/register", json={**NEWCOMER, "postcode": "8000"})
    assert registered.status_code == 201
    # 8000's centre lies in the bay, kilometres from both circles.
    listed = {c["name"]: c for c in client.get("/api/v1/circles").get_json()}
    assert listed["Trøjborg"]["reason_code"] == "join.outside_area"

    trojborg.area_postcodes = ["8000", "8200"]
    db.session.commit()
    listed = {c["name"]: c for c in client.get("/api/v1/circles").get_json()}
    assert listed["Trøjborg"]["may_join"] is True
    assert listed["Frederiksbjerg"]["reason_code"] == "join.outside_area"
    joined = client.post(f"/api/v1/circles/{trojborg.id}/join", json={})
    assert joined.status_code == 201 and joined.get_json()["status"] == "active"
    assert client.get("/api/v1/me").get_json()["memberships"][0]["circle_id"] == trojborg.id
    assert elsewhere.area_postcodes == []


def test_someone_inside_the_drawn_polygon_joins_though_far_from_the_centre(make_client, ctx):
    trojborg = make_circle("Trøjborg", area_polygon=VEJLBY)
    inside = make_client(make_user(home=(56.22, 10.24)))
    outside = make_client(make_user(home=(56.24, 10.24)))
    assert inside.post(f"/api/v1/circles/{trojborg.id}/join", json={}).status_code == 201
    refused = outside.post(f"/api/v1/circles/{trojborg.id}/join", json={})
    assert refused.status_code == 403
    assert refused.get_json()["key"] == "join.outside_area"


def test_an_organizer_sets_the_area_and_everyone_can_read_it(make_client, client, ctx):
    trojborg = make_circle("Trøjborg")
    mette = make_member(trojborg, "organizer", name="Mette Organizer")
    response = make_client(mette).put(
        f"/api/v1/circles/{trojborg.id}/area",
        json={"postcodes": ["8000", "8200", "8000"], "polygon": VEJLBY},
    )
    assert response.status_code == 200
    assert response.get_json()["area_postcodes"] == ["8000", "8200"]
    shown = client.get(f"/api/v1/circles/{trojborg.id}").get_json()
    assert shown["area_postcodes"] == ["8000", "8200"] and shown["area_polygon"] == VEJLBY
    logged = db.session.scalars(audit_log.of_circle(mette, trojborg.id, {}, "Europe/Copenhagen"))
    assert [entry.action for entry in logged] == ["circle.area"]


def test_an_admin_may_clear_the_area(make_client, ctx):
    trojborg = make_circle("Trøjborg", area_postcodes=["8000"], area_polygon=VEJLBY)
    response = make_client(make_admin()).put(
        f"/api/v1/circles/{trojborg.id}/area", json={"postcodes": [], "polygon": None}
    )
    assert response.status_code == 200
    assert response.get_json()["area_postcodes"] == []
    assert response.get_json()["area_polygon"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"postcodes": ["0001"]}, "postcodes"),
        ({"postcodes": ["80000"]}, "postcodes"),
        (
            {"postcodes": ["8000"], "polygon": {"type": "Point", "coordinates": [10.2, 56.1]}},
            "polygon",
        ),
        (
            {
                "postcodes": ["8000"],
                "polygon": {"type": "Polygon", "coordinates": [[[10.2, 56.1]]]},
            },
            "polygon",
        ),
        ({"postcodes": ["8000"], "polygon": {"type": "Polygon", "coordinates": "x"}}, "polygon"),
        ({"polygon": None}, "postcodes"),
    ],
)
def test_an_area_that_cannot_be_used_is_a_clear_422(make_client, ctx, body, field):
    trojborg = make_circle("Trøjborg")
    mette = make_member(trojborg, "organizer", name="Mette Organizer")
    response = make_client(mette).put(f"/api/v1/circles/{trojborg.id}/area", json=body)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]["json"]


def test_only_the_circles_organizers_and_admins_set_its_area(make_client, client, ctx):
    trojborg = make_circle("Trøjborg")
    other = make_circle("Risskov", centre=(56.1930, 10.2290), municipality=trojborg.municipality)
    lars = make_member(other, "organizer", name="Lars Organizer")
    karen = make_member(trojborg, name="Karen Jensen")
    body = {"postcodes": ["8000"]}
    url = f"/api/v1/circles/{trojborg.id}/area"
    assert client.put(url, json=body).status_code == 401
    assert make_client(karen).put(url, json=body).status_code == 403
    assert make_client(lars).put(url, json=body).status_code == 403
    assert make_client(lars).put("/api/v1/circles/999/area", json=body).status_code == 404
    assert db.session.get(Circle, trojborg.id).area_postcodes == []


def test_an_adult_under_the_minimum_age_is_offered_to_help_and_waits_for_an_organizer(
    make_client, ctx
):
    trojborg = make_circle("Trøjborg")
    mette = make_user(name="Mette Organizer")
    add_member(mette, trojborg, "organizer")
    mikkel = make_client(make_user(name="Mikkel Berg", birth_date=date(1986, 3, 9)))
    listed = mikkel.get("/api/v1/circles").get_json()[0]
    assert listed["may_join"] is False and listed["reason_code"] == "join.too_young"
    assert listed["may_help"] is True
    joined = mikkel.post(f"/api/v1/circles/{trojborg.id}/join", json={"role": "helper"})
    assert joined.status_code == 201
    assert joined.get_json()["role"] == "helper" and joined.get_json()["status"] == "pending"
    told = db.session.query(Notification).filter_by(kind="membership.helper_offered").one()
    assert told.user_id == mette.id
    assert notifications.text(told, "da") == (
        "Mikkel Berg vil gerne hjælpe i Trøjborg. Ring til personen, og aftal at mødes."
    )


def test_a_seventeen_year_old_is_not_offered_to_help(make_client, ctx):
    trojborg = make_circle("Trøjborg")
    today = date.today()
    young = make_client(make_user(birth_date=date(today.year - 17, 1, 1)))
    listed = young.get("/api/v1/circles").get_json()[0]
    assert listed["may_help"] is False
    refused = young.post(f"/api/v1/circles/{trojborg.id}/join", json={"role": "helper"})
    assert refused.status_code == 403 and refused.get_json()["key"] == "join.adult"
