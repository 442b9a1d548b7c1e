"""Suggestions: each reason appears in words and changes the order; fairness spreads the load."""

from datetime import UTC, datetime, timedelta

import pytest

from circles.core.types import utcnow
from circles.extensions import db
from circles.help import matches, matching
from circles.help.models import Block
from tests.factories import (
    HOME,
    add_member,
    make_circle,
    make_match,
    make_member,
    make_offer,
    make_request,
    near,
)


@pytest.fixture
def street(ctx):
    """Karen asks; Anna (600 m north) and Bent (800 m north) live in the same grid square, one
    square from Karen's: distances go by squares, never by exact homes, so the two are equally
    near and Anna, who joined first, comes first until something else tells them apart."""
    circle = make_circle()
    karen = make_member(circle, name="Karen Jensen", language="en")
    anna = make_member(circle, name="Anna Berg", home=near(HOME, 600), availability=[])
    bent = make_member(circle, name="Bent Dahl", home=near(HOME, 800), availability=[])
    return circle, karen, anna, bent


def ranked(request, language="en"):
    db.session.expire_all()
    found = matching.suggestions(request, language, limit=None)
    return [(s.helper.name.split()[0], s.reasons) for s in found]


def order(request) -> list[str]:
    return [name for name, _ in ranked(request)]


def reasons_of(request, name: str) -> list[str]:
    return dict(ranked(request))[name]


def test_distance_alone_puts_the_nearest_first_in_words(street):
    circle, karen, anna, bent = street
    bent.latitude = near(HOME, 1100)[0]  # two squares north
    db.session.commit()
    request = make_request(karen, circle)
    assert order(request) == ["Anna", "Bent"]
    assert reasons_of(request, "Bent") == ["lives about 1.1 km away"]
    anna.latitude = near(HOME, 1600)[0]  # three squares north
    db.session.commit()
    assert order(request) == ["Bent", "Anna"]
    anna.latitude = near(HOME, 600)[0]
    db.session.commit()
    assert reasons_of(request, "Anna") == ["lives about 600 m away"]
    assert ranked(request, "da")[0][1] == ["bor ca. 600 m væk"]
    assert matching.distance_words(1.26, "da") == "bor ca. 1,3 km væk"
    assert matching.distance_words(1.26, "en") == "lives about 1.3 km away"


def test_a_matching_offer_lifts_a_helper(street):
    circle, karen, anna, bent = street
    make_offer(bent, "shopping")
    make_offer(anna, "garden")  # another kind of help does not count
    request = make_request(karen, circle, category="shopping")
    assert order(request) == ["Bent", "Anna"]
    assert "offers help with: Shopping" in reasons_of(request, "Bent")


def test_an_offer_beyond_its_distance_does_not_count(street):
    circle, karen, anna, bent = street
    make_offer(bent, "shopping", max_km=0.5)
    bent.latitude = near(HOME, 800)[0]
    db.session.commit()
    request = make_request(karen, circle, category="shopping")
    assert order(request) == ["Anna", "Bent"]


def test_availability_that_fits_the_time_in_the_requesters_zone(street):
    circle, karen, anna, bent = street
    bent.availability = ["tue_morning"]
    db.session.commit()
    # Tuesday 24 Nov 2026, 09:30 UTC is 10:30 in Copenhagen: a Tuesday morning.
    request = make_request(karen, circle, needed_at=datetime(2026, 11, 24, 9, 30, tzinfo=UTC))
    assert order(request) == ["Bent", "Anna"]
    assert "is usually free on Tuesday morning" in reasons_of(request, "Bent")
    evening = make_request(karen, circle, needed_at=datetime(2026, 11, 24, 18, 0, tzinfo=UTC))
    assert order(evening) == ["Anna", "Bent"]


def test_two_offers_of_the_same_kind_make_one_suggestion_with_both_times(street):
    circle, karen, anna, bent = street
    make_offer(
        bent, "shopping", max_km=0.2, availability=["tue_morning"]
    )  # too near to reach Karen
    make_offer(bent, "shopping", availability=["wed_evening"])
    tuesday = make_request(karen, circle, needed_at=datetime(2026, 11, 24, 9, 30, tzinfo=UTC))
    wednesday = make_request(karen, circle, needed_at=datetime(2026, 11, 25, 18, 30, tzinfo=UTC))
    assert ranked(tuesday) == [
        ("Bent", ["lives about 600 m away", "offers help with: Shopping"]),
        ("Anna", ["lives about 600 m away"]),
    ]
    assert reasons_of(wednesday, "Bent") == [
        "lives about 600 m away",
        "offers help with: Shopping",
        "is usually free on Wednesday evening",
    ]


@pytest.mark.parametrize("bent_helped_karen", [True, False], ids=["bent-helped", "karen-helped"])
def test_having_helped_each_other_before_lifts_a_helper(street, bent_helped_karen):
    circle, karen, anna, bent = street
    asker, helper = (karen, bent) if bent_helped_karen else (bent, karen)
    earlier = make_request(asker, circle, status="done")
    make_match(earlier, helper, status="done", created_at=utcnow() - timedelta(days=60))
    request = make_request(karen, circle)
    assert order(request) == ["Bent", "Anna"]
    assert "you have helped each other before (times: 1)" in reasons_of(request, "Bent")


def test_thanks_received_lift_a_helper(street):
    circle, karen, anna, bent = street
    other = make_member(circle, name="Ole Andersen", home=near(HOME, 5000))
    helped = make_request(other, circle, status="done")
    long_ago = utcnow() - timedelta(days=60)
    make_match(
        helped, bent, status="done", thanks_note="Tak!", thanked_at=long_ago, created_at=long_ago
    )
    request = make_request(karen, circle)
    assert order(request) == ["Bent", "Anna"]
    assert "has been thanked for helping (times: 1)" in reasons_of(request, "Bent")


def test_shared_experience_counts_only_for_peer_support_with_both_consents(street):
    circle, karen, anna, bent = street
    for person in (karen, bent):
        person.experiences = ["copd"]
    bent.experiences_consent_at = utcnow()
    db.session.commit()
    peer = make_request(karen, circle, category="peer_support")
    assert order(peer) == ["Anna", "Bent"]  # Karen has not consented
    karen.experiences_consent_at = utcnow()
    db.session.commit()
    assert order(peer) == ["Bent", "Anna"]
    assert "has also been through this: Living with COPD" in reasons_of(peer, "Bent")
    shopping = make_request(karen, circle, category="shopping")
    assert order(shopping) == ["Anna", "Bent"]


def test_open_commitments_sink_a_busy_helper(street):
    circle, karen, anna, bent = street
    other = make_member(circle, name="Ole Andersen", home=near(HOME, 5000))
    make_match(make_request(other, circle, status="matched"), anna, status="accepted")
    request = make_request(karen, circle)
    assert order(request) == ["Bent", "Anna"]
    assert "already has open commitments: 1" in reasons_of(request, "Anna")


def test_a_helper_asked_recently_is_lowered(street):
    circle, karen, anna, bent = street
    other = make_member(circle, name="Ole Andersen", home=near(HOME, 5000))
    asked = make_match(make_request(other, circle), anna, status="declined")
    request = make_request(karen, circle)
    assert order(request) == ["Bent", "Anna"]
    assert "was asked recently, so others come first" in reasons_of(request, "Anna")
    asked.created_at = utcnow() - timedelta(days=30)
    db.session.commit()
    assert order(request) == ["Anna", "Bent"]


def test_inviting_the_top_suggestion_each_time_spreads_the_load(street):
    circle, karen, anna, bent = street
    asked = []
    for _ in range(4):
        request = make_request(karen, circle)
        top = matching.suggestions(request, "en")[0].helper
        matches.propose(karen, request, top.id)
        asked.append(top.name.split()[0])
    assert set(asked) == {"Anna", "Bent"}
    assert asked.count("Anna") == 2


def test_blocked_people_are_never_suggested_either_way(street):
    circle, karen, anna, bent = street
    db.session.add_all(
        [
            Block(blocker_id=karen.id, blocked_id=anna.id),
            Block(blocker_id=bent.id, blocked_id=karen.id),
        ]
    )
    db.session.commit()
    assert order(make_request(karen, circle)) == []


def test_only_people_within_the_radius_and_the_circle(street):
    circle, karen, anna, bent = street
    make_member(circle, name="Far Away", home=near(HOME, 3000))
    make_member(make_circle("Risskov"), name="Other Circle", home=near(HOME, 100))
    request = make_request(karen, circle, radius_km=2.0)
    assert order(request) == ["Anna", "Bent"]
    request.radius_km = 5.0
    db.session.commit()
    assert order(request) == ["Anna", "Bent", "Far"]


def test_nearby_requests_are_in_my_circles_within_my_reach(street):
    circle, karen, anna, bent = street
    mine = make_request(karen, circle)
    elsewhere = make_circle("Risskov")
    make_request(make_member(elsewhere, name="X Y", home=near(HOME, 100)), elsewhere)
    found = matching.nearby_requests(anna)
    assert [r.id for r, _ in found] == [mine.id]
    assert found[0][1] == pytest.approx(0.556, abs=0.01)  # one grid square north


def test_when_there_are_too_many_candidates_the_nearest_are_kept(street, monkeypatch):
    circle, karen, anna, bent = street
    monkeypatch.setattr(matching, "CANDIDATE_LIMIT", 1)
    request = make_request(karen, circle)
    assert order(request) == ["Anna"]
    make_offer(bent, "shopping")  # the nearest who offer this kind of help are looked at too
    assert order(request) == ["Bent", "Anna"]


def test_when_bent_moves_across_town_and_back_karens_suggestions_follow_him(street, make_client):
    """Bent moves 4 km off, out of Karen's reach, and back: her list names him only while he
    lives near. (Where he lives is kept beside his membership too, for speed: it follows every
    move made through the app.)"""
    circle, karen, anna, bent = street
    request = make_request(karen, circle)
    db.session.commit()
    karen_sees, bent_moves = make_client(karen), make_client(bent)

    def names():
        found = karen_sees.get(f"/api/v1/requests/{request.id}/suggestions").get_json()
        return [s["first_name"] for s in found]

    def move(metres_north):
        latitude, longitude = near(HOME, metres_north)
        moved = bent_moves.patch("/api/v1/me", json={"latitude": latitude, "longitude": longitude})
        assert moved.status_code == 200, moved.get_json()

    assert names() == ["Anna", "Bent"]
    move(4000)
    assert names() == ["Anna"]
    move(800)
    assert names() == ["Anna", "Bent"]


def test_when_bent_offers_changes_and_withdraws_a_lift_karens_list_follows(
    street, make_client, monkeypatch
):
    """Among many nearer neighbours, Bent is found because he offers what Karen asks for.
    What he offers is kept beside his membership too, for speed: it follows every change he
    makes in the app, and a circle he joins later knows it from the start."""
    circle, karen, anna, bent = street
    monkeypatch.setattr(matching, "CANDIDATE_LIMIT", 1)  # room for Anna, the nearest, alone
    request = make_request(karen, circle, category="transport")
    db.session.commit()
    karen_sees, bent_offers = make_client(karen), make_client(bent)

    def names():
        found = karen_sees.get(f"/api/v1/requests/{request.id}/suggestions").get_json()
        return [s["first_name"] for s in found]

    assert names() == ["Anna"]
    offered = bent_offers.post("/api/v1/offers", json={"category": "transport"})
    assert offered.status_code == 201, offered.get_json()
    assert names() == ["Bent", "Anna"]
    path = f"/api/v1/offers/{offered.get_json()['id']}"
    assert bent_offers.patch(path, json={"category": "garden"}).status_code == 200
    assert names() == ["Anna"]
    assert bent_offers.patch(path, json={"category": "transport"}).status_code == 200
    assert names() == ["Bent", "Anna"]
    assert bent_offers.patch(path, json={"active": False}).status_code == 200
    assert names() == ["Anna"]
    assert bent_offers.patch(path, json={"active": True}).status_code == 200
    assert bent_offers.delete(path).status_code == 204
    assert names() == ["Anna"]

    make_offer(bent, "transport")
    risskov = make_circle(name="Risskov")
    inger = make_member(risskov, name="Inger Holm", home=near(HOME, 200))
    make_member(risskov, name="Ole Lund", home=near(HOME, 100))  # nearer than Bent
    add_member(bent, risskov)  # Bent, offering lifts, joins a second circle
    asked_there = make_request(inger, risskov, category="transport")
    assert order(asked_there) == ["Bent", "Ole"]
