"""The match lifecycle: invite or volunteer, accept or decline, done, thanks, or cancel."""

import pytest

from circles.core.models import AuditEntry
from circles.help.models import HelpRequest, Match
from circles.notify.models import Notification
from tests.factories import (
    HOME,
    make_circle,
    make_match,
    make_member,
    make_request,
    near,
)

ACTIONS = ("accept", "decline", "done", "thanks", "cancel")
STATUSES = ("proposed", "accepted", "declined", "cancelled", "done")
# (status, action) -> the status after; every pair not listed is a 409.
ALLOWED = {
    ("proposed", "accept"): "accepted",
    ("proposed", "decline"): "declined",
    ("proposed", "cancel"): "cancelled",
    ("accepted", "done"): "done",
    ("accepted", "cancel"): "cancelled",
    ("done", "thanks"): "done",
}
BODIES = {"thanks": {"note": "Tusind tak!"}, "cancel": {"reason": "Jeg er syg"}}


@pytest.fixture
def pair(ctx):
    """Mette asks for shopping; Lars, 600 m away, shares his phone once agreed."""
    circle = make_circle()
    mette = make_member(circle, name="Mette Hansen", phone="11111111")
    lars = make_member(
        circle,
        name="Lars Holm",
        home=near(HOME, 600),
        phone="22222222",
        contact_channels=["app", "phone"],
    )
    organizer = make_member(circle, role="organizer", name="Olga Organizer")
    outsider = make_member(make_circle("Risskov"), name="Ude Person")
    request = make_request(mette, circle)
    return {
        "circle": circle,
        "mette": mette,
        "lars": lars,
        "organizer": organizer,
        "outsider": outsider,
        "request": request,
    }


def kinds(user) -> list[str]:
    return [n.kind for n in Notification.query.filter_by(user_id=user.id).order_by(Notification.id)]


def test_invite_accept_done_thanks_the_whole_story(pair, make_client):
    mette, lars = make_client(pair["mette"]), make_client(pair["lars"])
    invited = mette.post(
        "/api/v1/matches",
        json={"request_id": pair["request"].id, "helper_id": pair["lars"].id},
        headers={"Idempotency-Key": "m-1"},
    )
    assert invited.status_code == 201, invited.get_json()
    match = invited.get_json()
    assert match["origin"] == "invite" and match["status"] == "proposed"
    assert match["other"] is None and match["other_first_name"] == "Lars"
    seen_by_lars = lars.get(f"/api/v1/matches/{match['id']}").get_json()
    assert seen_by_lars["waiting_for_me"] is True and seen_by_lars["other"] is None
    assert seen_by_lars["distance_km"] == 0.6

    accepted = lars.post(f"/api/v1/matches/{match['id']}/accept").get_json()
    assert accepted["status"] == "accepted"
    assert accepted["other"]["name"] == "Mette Hansen"
    assert accepted["other"]["phone"] is None  # Mette did not choose the phone channel
    from_mette = mette.get(f"/api/v1/matches/{match['id']}").get_json()
    assert from_mette["other"] == {
        "user_id": pair["lars"].id,
        "name": "Lars Holm",
        "phone": "22222222",
        "email": None,
        "address": None,
    }
    assert mette.get(f"/api/v1/requests/{pair['request'].id}").get_json()["status"] == "matched"

    assert lars.post(f"/api/v1/matches/{match['id']}/done").get_json()["status"] == "done"
    thanked = mette.post(f"/api/v1/matches/{match['id']}/thanks", json={"note": "Tak, Lars!"})
    assert thanked.get_json()["thanks_note"] == "Tak, Lars!"
    assert kinds(pair["lars"]) == ["help.invited", "help.thanked"]
    assert kinds(pair["mette"]) == ["help.accepted", "help.done"]


def test_volunteer_then_requester_accepts(pair, make_client):
    lars, mette = make_client(pair["lars"]), make_client(pair["mette"])
    match = lars.post("/api/v1/matches", json={"request_id": pair["request"].id}).get_json()
    assert match["origin"] == "volunteer"
    assert kinds(pair["mette"]) == ["help.volunteered"]
    assert lars.post(f"/api/v1/matches/{match['id']}/accept").status_code == 409
    assert mette.post(f"/api/v1/matches/{match['id']}/accept").get_json()["status"] == "accepted"
    assert kinds(pair["lars"]) == ["help.accepted"]


def test_declined_invitation_leaves_the_request_open(pair, make_client):
    match = make_match(pair["request"], pair["lars"])
    lars = make_client(pair["lars"])
    assert lars.post(f"/api/v1/matches/{match.id}/decline").get_json()["status"] == "declined"
    assert HelpRequest.query.one().status == "open"
    assert kinds(pair["mette"]) == ["help.declined"]


def test_cancelling_an_accepted_match_reopens_the_request(pair, make_client):
    match = make_match(pair["request"], pair["lars"], status="accepted")
    pair["request"].status = "matched"
    from circles.extensions import db

    db.session.commit()
    lars = make_client(pair["lars"])
    assert lars.post(f"/api/v1/matches/{match.id}/cancel", json={}).status_code == 422
    body = lars.post(f"/api/v1/matches/{match.id}/cancel", json={"reason": "Syg"}).get_json()
    assert body["status"] == "cancelled" and body["cancel_reason"] == "Syg"
    assert HelpRequest.query.one().status == "open"
    assert kinds(pair["mette"]) == ["help.cancelled"]


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("action", ACTIONS)
def test_each_transition_is_allowed_or_a_409(pair, make_client, status, action):
    match = make_match(pair["request"], pair["lars"], status=status)
    actor = pair["lars"] if action in ("accept", "decline") else pair["mette"]
    response = make_client(actor).post(
        f"/api/v1/matches/{match.id}/{action}", json=BODIES.get(action)
    )
    if (status, action) in ALLOWED:
        assert response.status_code == 200, response.get_json()
        assert response.get_json()["status"] == ALLOWED[(status, action)]
    else:
        assert response.status_code == 409, response.get_json()
        assert response.get_json()["message"]
        assert response.get_json()["key"] == f"error.match_cannot_{action}"


def test_forbidden_moves_say_why(pair, make_client):
    mette, lars = make_client(pair["mette"]), make_client(pair["lars"])
    invite = make_match(pair["request"], pair["lars"])
    own = mette.post(f"/api/v1/matches/{invite.id}/accept")
    assert own.status_code == 409 and own.get_json()["key"] == "error.match_other_side"
    again = mette.post(
        "/api/v1/matches", json={"request_id": pair["request"].id, "helper_id": pair["lars"].id}
    )
    assert again.status_code == 409 and again.get_json()["key"] == "error.match_exists"
    done = make_match(pair["request"], pair["organizer"], status="done")
    by_helper = make_client(pair["organizer"]).post(
        f"/api/v1/matches/{done.id}/thanks", json={"note": "tak"}
    )
    assert by_helper.status_code == 200  # thanks go both ways
    assert mette.post(f"/api/v1/matches/{done.id}/thanks", json={"note": "tak"}).status_code == 200
    twice = mette.post(f"/api/v1/matches/{done.id}/thanks", json={"note": "tak"})
    assert twice.status_code == 409 and twice.get_json()["key"] == "error.already_thanked"
    pair["request"].status = "done"
    from circles.extensions import db

    db.session.commit()
    late = lars.post(f"/api/v1/matches/{invite.id}/accept")
    assert late.status_code == 409 and late.get_json()["key"] == "error.request_not_open"
    closed = lars.post("/api/v1/matches", json={"request_id": pair["request"].id})
    assert closed.status_code == 409


def test_accepting_one_helper_withdraws_the_other_proposals(pair, make_client):
    first = make_match(pair["request"], pair["lars"])
    other = make_member(pair["circle"], name="Anden Hjælper")
    second = make_match(pair["request"], other)
    make_client(pair["lars"]).post(f"/api/v1/matches/{first.id}/accept")
    from circles.extensions import db

    db.session.expire_all()
    assert db.session.get(Match, second.id).status == "cancelled"
    assert kinds(other) == ["help.cancelled"]


def test_organizer_steps_in_and_it_is_logged(pair, make_client):
    organizer = make_client(pair["organizer"])
    volunteered = make_match(pair["request"], pair["lars"], origin="volunteer")
    assert organizer.post(f"/api/v1/matches/{volunteered.id}/accept").status_code == 200
    cancelled = organizer.post(
        f"/api/v1/matches/{volunteered.id}/cancel", json={"reason": "Mette er på hospitalet"}
    )
    assert cancelled.status_code == 200
    actions = {e.action for e in AuditEntry.query.all()}
    assert {"match.accepted", "match.cancelled"} <= actions
    assert kinds(pair["lars"]) == ["help.accepted", "help.cancelled"]
    assert kinds(pair["mette"]) == ["help.cancelled"]


def test_outsiders_cannot_see_or_volunteer(pair, make_client):
    match = make_match(pair["request"], pair["lars"])
    outsider = make_client(pair["outsider"])
    assert outsider.get(f"/api/v1/matches/{match.id}").status_code == 404
    assert outsider.post(f"/api/v1/matches/{match.id}/accept").status_code == 404
    volunteering = outsider.post("/api/v1/matches", json={"request_id": pair["request"].id})
    assert volunteering.status_code == 404


def test_blocked_people_cannot_be_matched(pair, make_client):
    mette, lars = make_client(pair["mette"]), make_client(pair["lars"])
    lars.post("/api/v1/blocks", json={"user_id": pair["mette"].id})
    invite = mette.post(
        "/api/v1/matches", json={"request_id": pair["request"].id, "helper_id": pair["lars"].id}
    )
    assert invite.status_code == 422
    assert lars.post("/api/v1/matches", json={"request_id": pair["request"].id}).status_code == 404


def test_a_retried_invitation_creates_one_match(pair, make_client):
    mette = make_client(pair["mette"])
    body = {"request_id": pair["request"].id, "helper_id": pair["lars"].id}
    for _ in range(2):
        response = mette.post("/api/v1/matches", json=body, headers={"Idempotency-Key": "k"})
        assert response.status_code == 201
    assert Match.query.count() == 1
    assert kinds(pair["lars"]) == ["help.invited"]


def test_bad_match_input_names_the_field(pair, make_client):
    mette = make_client(pair["mette"])
    assert "request_id" in mette.post("/api/v1/matches", json={}).get_json()["errors"]["json"]
    unknown = mette.post(
        "/api/v1/matches", json={"request_id": pair["request"].id, "helper_id": 99999}
    )
    assert unknown.status_code == 422


def everything_lars_can_read(lars, request_id: int, match_id: int) -> str:
    """Every answer Lars, the helper, can get about the request before he and Mette agree."""
    import json

    answers = [
        lars.get("/api/v1/requests?near=1").get_json(),
        lars.get("/api/v1/matches").get_json(),
        lars.get(f"/api/v1/matches/{match_id}").get_json(),
        lars.get(f"/api/v1/requests/{request_id}").get_json(),
        lars.get("/api/v1/notifications").get_json(),
    ]
    return json.dumps(answers, ensure_ascii=False)


@pytest.mark.parametrize("origin", ["invite", "volunteer"])
def test_lars_learns_neither_mettes_name_nor_her_id_before_they_agree(pair, make_client, origin):
    mette, lars = make_client(pair["mette"]), make_client(pair["lars"])
    request_id = pair["request"].id
    if origin == "invite":
        body = {"request_id": request_id, "helper_id": pair["lars"].id}
        match = mette.post("/api/v1/matches", json=body).get_json()
    else:
        match = lars.post("/api/v1/matches", json={"request_id": request_id}).get_json()
        assert match["other_first_name"] is None and match["other_id"] is None
    seen = lars.get(f"/api/v1/matches/{match['id']}").get_json()
    assert seen["other_first_name"] is None and seen["other_id"] is None
    before = everything_lars_can_read(lars, request_id, match["id"])
    assert "Mette" not in before and "Hansen" not in before
    assert f'"other_id": {pair["mette"].id}' not in before
    assert f'"requester_id": {pair["mette"].id}' not in before

    answering = mette if origin == "volunteer" else lars
    assert answering.post(f"/api/v1/matches/{match['id']}/accept").status_code == 200
    agreed = lars.get(f"/api/v1/matches/{match['id']}").get_json()
    assert agreed["other_first_name"] == "Mette" and agreed["other_id"] == pair["mette"].id
    assert agreed["other"]["name"] == "Mette Hansen"
