"""The demo's circles cover where their members live, so newcomers from Aarhus can join."""

import pytest
from sqlalchemy import select

from circles.accounts.models import User
from circles.demo.data import load_demo
from circles.extensions import db
from circles.membership import areas
from circles.membership.models import Membership


def test_every_demo_member_with_a_postcode_lives_in_their_circles_area(app, ctx):
    load_demo()
    placed = db.session.execute(
        select(Membership, User)
        .join(User, User.id == Membership.user_id)
        .where(User.postcode.is_not(None))
    ).all()
    assert placed
    for membership, user in placed:
        assert areas.covers(membership.circle, user), (user.name, membership.circle.name)


@pytest.mark.parametrize("postcode", ["8000", "8200"])
def test_a_newcomer_with_an_aarhus_postcode_may_join_a_demo_circle(app, ctx, postcode):
    load_demo()
    client = app.test_client()
    registered = client.post(
        "/api/v1/auth/register",
        json={
            "email": f"ny-{postcode}@example.dk",
            "password": "a good long password",
            "name": "Birthe Holm",
            "birth_date": "1949-08-02",
            "postcode": postcode,
        },
    )
    assert registered.status_code == 201
    open_to_me = [c for c in client.get("/api/v1/circles").get_json() if c["may_join"]]
    assert open_to_me
    joined = client.post(f"/api/v1/circles/{open_to_me[0]['id']}/join", json={})
    assert joined.status_code == 201
