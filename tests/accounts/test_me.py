"""Stories of a member keeping their own profile: strengths first."""

import pytest

from circles.extensions import db
from circles.membership.models import MunicipalStaff
from tests.factories import (
    add_member,
    make_circle,
    make_member,
    make_municipality,
    make_staff,
    make_user,
)


def test_a_member_tells_what_they_can_offer_and_when_they_are_free(make_client, ctx):
    me = make_client(make_user())
    response = me.patch(
        "/api/v1/me",
        json={
            "skills": ["it_help", "garden"],
            "availability": ["tue_morning"],
            "travel_km": 3,
            "language": "en",
            "text_size": 150,
            "contact_channels": ["app", "phone"],
            "phone": "+45 12 34 56 78",
        },
    )
    assert response.status_code == 200, response.get_json()
    profile = me.get("/api/v1/me").get_json()
    assert profile["skills"] == ["it_help", "garden"]
    assert profile["text_size"] == 150
    assert profile["language"] == "en"


def test_experiences_are_kept_only_with_consent(make_client, ctx):
    me = make_client(make_user())
    refused = me.patch("/api/v1/me", json={"experiences": ["copd"]})
    assert refused.status_code == 422
    assert "experiences" in refused.get_json()["errors"]["json"]
    assert me.get("/api/v1/me").get_json()["experiences"] == []
    given = me.patch("/api/v1/me", json={"experiences": ["copd"], "experiences_consent": True})
    assert given.get_json()["experiences"] == ["copd"]
    assert given.get_json()["experiences_consent_at"]
    withdrawn = me.patch("/api/v1/me", json={"experiences": []})
    assert withdrawn.get_json()["experiences_consent_at"] is None


def test_moving_house_by_postcode_updates_the_place(make_client, ctx):
    me = make_client(make_user())
    profile = me.patch("/api/v1/me", json={"postcode": "8200"}).get_json()
    assert profile["postcode"] == "8200"
    assert profile["place_name"] == "Aarhus N"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"skills": ["juggling"]}, "skills"),
        ({"text_size": 250}, "text_size"),
        ({"travel_km": -1}, "travel_km"),
        ({"language": "de"}, "language"),
        ({"contact_channels": ["pigeon"]}, "contact_channels"),
        ({"notify_by": ["sms"]}, "notify_by"),
        ({"notify_by": "email"}, "notify_by"),
        ({"availability": "mornings"}, "availability"),
        ({"postcode": "9999"}, "postcode"),
        ({"email": "not an email"}, "email"),
        ({"is_admin": True}, "is_admin"),
    ],
)
def test_bad_profile_changes_name_the_field_and_change_nothing(make_client, ctx, change, field):
    me = make_client(make_user())
    before = me.get("/api/v1/me").get_json()
    response = me.patch("/api/v1/me", json=change)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]["json"]
    assert me.get("/api/v1/me").get_json() == before


def test_a_member_chooses_how_circles_tells_her_of_news(make_client, ctx):
    me = make_client(make_user())
    assert me.get("/api/v1/me").get_json()["notify_by"] == ["inapp"]
    chosen = me.patch("/api/v1/me", json={"notify_by": ["push", "email", "inapp"]})
    assert chosen.get_json()["notify_by"] == ["inapp", "email", "push"]


def test_email_news_needs_an_email_address(make_client, ctx):
    karen = make_user()
    me = make_client(karen)
    karen.email = None  # registered by an organizer, say, with no address
    db.session.commit()
    refused = me.patch("/api/v1/me", json={"notify_by": ["email"]})
    assert refused.status_code == 422
    assert "notify_by" in refused.get_json()["errors"]["json"]


def test_inger_in_three_circles_opens_her_profile_as_cheaply_as_in_one(
    make_client, ctx, statements
):
    """The profile is read on every visit: its circles' names come with the memberships, in the
    same statements whether she belongs to one circle or three."""
    first = make_circle(name="Trøjborg")
    inger = make_member(first, name="Inger Holm")
    client = make_client(inger)
    with statements() as one:
        assert client.get("/api/v1/me").status_code == 200
    for name in ("Risskov", "Frederiksbjerg"):
        add_member(inger, make_circle(name=name))
    db.session.commit()
    with statements() as three:
        profile = client.get("/api/v1/me").get_json()
    assert [m["circle_name"] for m in profile["memberships"]] == [
        "Trøjborg",
        "Risskov",
        "Frederiksbjerg",
    ]
    assert len(three) == len(one) <= 3, "\n".join(three)


def test_anne_who_works_for_two_municipalities_and_lives_in_two_circles_sees_each_once(
    make_client, ctx
):
    """Her memberships and the municipalities she works for come in one statement: each
    circle is listed once, and each municipality, however the two multiply."""
    trojborg, risskov = make_circle(name="Trøjborg"), make_circle(name="Risskov")
    odder = make_municipality("Odder")
    anne = make_staff(trojborg.municipality)
    db.session.add(MunicipalStaff(user=anne, municipality=odder))
    add_member(anne, trojborg)
    add_member(anne, risskov)
    db.session.commit()
    profile = make_client(anne).get("/api/v1/me").get_json()
    assert [m["circle_name"] for m in profile["memberships"]] == ["Trøjborg", "Risskov"]
    assert sorted(profile["staff_of"]) == sorted({trojborg.municipality_id, odder.id})
