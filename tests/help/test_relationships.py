"""Relationships: two people who helped each other twice or more see each other as regulars."""

import pytest

from circles.extensions import db
from circles.help.models import Block
from tests.factories import make_circle, make_match, make_member, make_request


@pytest.fixture
def neighbours(ctx):
    circle = make_circle()
    karen = make_member(circle, name="Karen Jensen")
    soren = make_member(
        circle, name="Søren Østergård", phone="33333333", contact_channels=["phone"]
    )
    return circle, karen, soren


def help_once(circle, requester, helper):
    make_match(make_request(requester, circle, status="done"), helper, status="done")


def test_twice_done_makes_a_relationship_both_ways(neighbours, make_client):
    circle, karen, soren = neighbours
    help_once(circle, karen, soren)
    assert make_client(karen).get("/api/v1/me/relationships").get_json() == []
    help_once(circle, soren, karen)  # help goes both ways: everyone gives and receives
    mine = make_client(karen).get("/api/v1/me/relationships").get_json()
    assert [(r["person"]["name"], r["times"]) for r in mine] == [("Søren Østergård", 2)]
    assert mine[0]["person"]["phone"] == "33333333"
    theirs = make_client(soren).get("/api/v1/me/relationships").get_json()
    assert [r["person"]["name"] for r in theirs] == ["Karen Jensen"]


def test_a_block_ends_the_relationship_view(neighbours, make_client):
    circle, karen, soren = neighbours
    help_once(circle, karen, soren)
    help_once(circle, karen, soren)
    db.session.add(Block(blocker_id=soren.id, blocked_id=karen.id))
    db.session.commit()
    assert make_client(karen).get("/api/v1/me/relationships").get_json() == []
