"""Stories of finding a circle near home, joining it, and organizers approving members."""

from datetime import date

import pytest

from circles.extensions import db
from tests.factories import add_member, make_admin, make_circle, make_member, make_user

FREDERIKSBJERG = (56.1468, 10.2015)


@pytest.fixture
def two_circles(ctx):
    trojborg = make_circle("Trøjborg")
    frederiksbjerg = make_circle(
        "Frederiksbjerg", centre=FREDERIKSBJERG, municipality=trojborg.municipality
    )
    return trojborg, frederiksbjerg


def test_anyone_finds_circles_near_a_point_nearest_first_with_rounded_distances(
    client, two_circles
):
    response = client.get("/api/v1/circles?lat=56.1480&lon=10.2030")
    assert response.status_code == 200
    circles = response.get_json()
    assert [c["name"] for c in circles] == ["Frederiksbjerg", "Trøjborg"]
    assert circles[0]["distance_km"] == 0.2
    assert circles[1]["distance_km"] == 2.7
    assert circles[0]["may_join"] is False
    assert circles[0]["reason_code"] == "join.sign_in"
    assert "X-Pagination" in response.headers


def test_circles_near_a_postcode_those_covering_it_first_and_no_distance(client, two_circles):
    trojborg, frederiksbjerg = two_circles
    frederiksbjerg.area_postcodes = ["8000"]
    db.session.commit()
    circles = client.get("/api/v1/circles?postcode=8000").get_json()
    assert [c["name"] for c in circles] == ["Frederiksbjerg", "Trøjborg"]
    # 8000's centre lies in the bay: a distance from it would be nobody's.
    assert [c["distance_km"] for c in circles] == [None, None]
    # Which municipality runs it, as on the circle's own page.
    assert {c["municipality_name"] for c in circles} == {trojborg.municipality.name}


def test_an_unknown_postcode_or_no_place_is_a_clear_422(client, two_circles):
    unknown = client.get("/api/v1/circles?postcode=0001")
    assert unknown.status_code == 422
    assert "0001" in unknown.get_json()["errors"]["query"]["postcode"][0]
    assert client.get("/api/v1/circles").status_code == 422
    assert "lon" in client.get("/api/v1/circles?lat=56").get_json()["errors"]["query"]


def test_a_signed_in_member_is_told_whether_they_may_join(make_client, two_circles):
    trojborg, _ = two_circles
    karen = make_user()
    circles = make_client(karen).get("/api/v1/circles").get_json()  # searched from home
    by_name = {c["name"]: c for c in circles}
    assert by_name["Trøjborg"]["may_join"] is True
    assert by_name["Frederiksbjerg"]["reason_code"] == "join.outside_area"


def test_a_member_joins_an_open_circle_at_once(make_client, two_circles):
    trojborg, _ = two_circles
    member = make_client(make_user())
    response = member.post(f"/api/v1/circles/{trojborg.id}/join", json={})
    assert response.status_code == 201
    assert response.get_json()["status"] == "active"
    again = member.post(f"/api/v1/circles/{trojborg.id}/join", json={})
    assert again.status_code == 409
    assert member.get("/api/v1/me").get_json()["memberships"][0]["circle_name"] == "Trøjborg"


def test_someone_under_the_minimum_age_is_refused_with_the_reason(make_client, two_circles):
    trojborg, _ = two_circles
    young = make_client(make_user(birth_date=date(1990, 1, 1)))
    response = young.post(
        f"/api/v1/circles/{trojborg.id}/join", json={}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 403
    assert response.get_json()["key"] == "join.too_young"
    assert "50" in response.get_json()["message"]


def test_someone_living_outside_the_area_is_refused_with_the_reason(make_client, two_circles):
    _, frederiksbjerg = two_circles
    response = make_client(make_user()).post(f"/api/v1/circles/{frederiksbjerg.id}/join", json={})
    assert response.status_code == 403
    assert response.get_json()["key"] == "join.outside_area"


def test_a_circle_may_set_another_minimum_age(make_client, ctx):
    circle = make_circle(min_age=65)
    response = make_client(make_user(birth_date=date(1965, 1, 1))).post(
        f"/api/v1/circles/{circle.id}/join", json={}
    )
    assert response.status_code == 403


def test_a_young_adult_may_offer_to_help_and_waits_for_vetting(make_client, two_circles):
    trojborg, _ = two_circles
    helper = make_client(make_user(birth_date=date(1995, 1, 1), home=None))
    response = helper.post(f"/api/v1/circles/{trojborg.id}/join", json={"role": "helper"})
    assert response.status_code == 201
    assert response.get_json()["status"] == "pending"


def test_joining_an_approval_circle_waits_until_an_organizer_approves(make_client, ctx):
    circle = make_circle(open=False)
    organizer = make_member(circle, role="organizer", name="Mette")
    karen = make_user()
    asked = make_client(karen).post(f"/api/v1/circles/{circle.id}/join", json={})
    assert asked.get_json()["status"] == "pending"

    desk = make_client(organizer)
    pending = desk.get(f"/api/v1/circles/{circle.id}/memberships?status=pending").get_json()
    assert [m["name"] for m in pending] == ["Karen Jensen"]
    approved = desk.post(f"/api/v1/circles/{circle.id}/memberships/{karen.id}/approve")
    assert approved.get_json()["status"] == "active"
    again = desk.post(f"/api/v1/circles/{circle.id}/memberships/{karen.id}/approve")
    assert again.status_code == 409


def test_only_the_circles_organizers_see_and_decide_memberships(client, make_client, ctx):
    circle = make_circle(open=False)
    other_circle = make_circle("Risskov", centre=(56.193, 10.229))
    waiting = make_user()
    add_member(waiting, circle, status="pending")
    member = make_member(circle)
    other_organizer = make_member(other_circle, role="organizer")
    url = f"/api/v1/circles/{circle.id}/memberships"
    assert client.get(url).status_code == 401
    assert make_client(member).get(url).status_code == 403
    assert make_client(other_organizer).get(url).status_code == 403
    assert make_client(other_organizer).post(f"{url}/{waiting.id}/approve").status_code == 403
    assert make_client(make_admin()).get(url).status_code == 200


def test_a_member_leaves_a_circle(make_client, ctx):
    circle = make_circle()
    member = make_client(make_member(circle))
    assert member.post(f"/api/v1/circles/{circle.id}/leave").status_code == 204
    assert member.post(f"/api/v1/circles/{circle.id}/leave").status_code == 404


def test_an_unknown_circle_is_404(client, ctx):
    assert client.get("/api/v1/circles/999").status_code == 404
