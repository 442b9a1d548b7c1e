"""One way to post a request: in the app or at the organizers' desk, helpers in reach hear."""

import re

import pytest

from circles.accounts import services as accounts
from circles.extensions import db
from circles.help.models import HelpRequest
from circles.notify import notifications
from circles.notify.models import Notification
from tests.factories import HOME, make_circle, make_member, make_offer, near


@pytest.fixture
def trojborg(ctx):
    """Inger asks; Jonas lives 800 m away and offers shopping; Olga organizes the circle."""
    circle = make_circle()
    people = {
        "inger": make_member(circle, name="Inger Holm", home=HOME),
        "jonas": make_member(circle, name="Jonas Berg", home=near(HOME, 800)),
        "olga": make_member(circle, role="organizer", name="Olga Organizer", home=near(HOME, 50)),
    }
    make_offer(people["jonas"], "shopping")
    return circle, people


def in_the_app(make_client, circle, people):
    response = make_client(people["inger"]).post("/api/v1/requests", json={"category": "shopping"})
    assert response.status_code == 201


def at_the_desk(make_client, circle, people):
    olga = make_client(people["olga"])
    member_url = f"/organize/circles/{circle.id}/members/{people['inger'].id}"
    page = olga.get(member_url).get_data(True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = olga.post(
        f"{member_url}/request",
        data={"csrf_token": token, "category": "shopping", "description": "Mælk og rugbrød"},
    )
    assert response.status_code == 302, response.get_data(True)[-600:]


@pytest.mark.parametrize("door", [in_the_app, at_the_desk])
def test_a_request_tells_the_helpers_in_reach_whichever_door_it_came_in(
    make_client, trojborg, door
):
    circle, people = trojborg
    door(make_client, circle, people)
    request = db.session.query(HelpRequest).one()
    assert request.requester_id == people["inger"].id
    heard = db.session.query(Notification).filter_by(kind="help.nearby").all()
    # Shown distances are between ~500 m grid squares (geo.coarse_km): 800 m apart shows 0.6.
    assert [(n.user_id, n.params["km"]) for n in heard] == [(people["jonas"].id, 0.6)]


def test_a_refused_request_tells_nobody(make_client, trojborg):
    circle, people = trojborg
    stranger = make_member(make_circle("Risskov"), name="Ude Person")
    response = make_client(stranger).post(
        "/api/v1/requests", json={"category": "shopping", "circle_id": circle.id}
    )
    assert response.status_code == 422
    assert db.session.query(HelpRequest).count() == 0
    assert db.session.query(Notification).count() == 0


def test_a_helper_known_only_by_postcode_hears_of_a_request_in_their_postcode_without_a_distance(
    make_client, trojborg
):
    circle, people = trojborg
    inger = people["inger"]
    accounts.place_home(inger, postcode="8000", latitude=HOME[0], longitude=HOME[1])
    birthe = make_member(circle, name="Birthe Lund", home=None)
    accounts.place_home(birthe, postcode="8000")  # the centre lies in the bay, 5 km out
    make_offer(birthe, "shopping")
    db.session.commit()
    in_the_app(make_client, circle, people)
    heard = db.session.query(Notification).filter_by(user_id=birthe.id).one()
    assert heard.kind == "help.nearby_area" and "km" not in heard.params
    assert notifications.text(heard, "da") == "En nabo i 8000 Aarhus C har brug for hjælp: Indkøb."
