"""After both said yes each side sees what the other chose to share, and thanks go both ways."""

import pytest

from circles.notify.models import Notification
from tests.factories import HOME, make_circle, make_match, make_member, make_request, near


@pytest.fixture
def lift(ctx):
    """Karen in 8200 Aarhus N asks for a lift; Søren shares his phone, Karen only the app."""
    circle = make_circle()
    karen = make_member(
        circle,
        name="Karen Jensen",
        address="Tordenskjoldsgade 12, 2. th.",
        postcode="8200",
        place_name="Aarhus N",
        phone="86123456",
    )
    soren = make_member(
        circle,
        name="Søren Ærø Østergård",
        home=near(HOME, 700),
        phone="20304050",
        contact_channels=["app", "phone"],
    )
    organizer = make_member(circle, role="organizer", name="Mette Madsen")
    return {"circle": circle, "karen": karen, "soren": soren, "organizer": organizer}


def agreed_lift(lift, **fields):
    request = make_request(lift["karen"], lift["circle"], category="transport", **fields)
    return make_match(request, lift["soren"], status="accepted")


def test_soren_sees_karens_address_because_she_chose_to_share_it(lift, make_client):
    match = agreed_lift(lift, share_address=True)
    by_soren = make_client(lift["soren"]).get(f"/api/v1/matches/{match.id}").get_json()
    assert by_soren["other"] == {
        "user_id": lift["karen"].id,
        "name": "Karen Jensen",
        "phone": None,  # Karen chose to be reached in the app only
        "email": None,
        "address": "Tordenskjoldsgade 12, 2. th., 8200 Aarhus N",
    }
    by_karen = make_client(lift["karen"]).get(f"/api/v1/matches/{match.id}").get_json()
    assert by_karen["other"]["phone"] == "20304050"
    assert by_karen["other"]["address"] is None  # the helper's home is never shared
    request = make_client(lift["soren"]).get(f"/api/v1/requests/{match.request_id}").get_json()
    assert request["requester"]["address"] == "Tordenskjoldsgade 12, 2. th., 8200 Aarhus N"


@pytest.mark.parametrize(
    "fields", [{"share_address": False}, {"share_address": True, "place": "Lægehuset"}]
)
def test_the_address_stays_hidden_unless_shared_for_help_at_home(lift, make_client, fields):
    match = agreed_lift(lift, **fields)
    by_soren = make_client(lift["soren"]).get(f"/api/v1/matches/{match.id}").get_json()
    assert by_soren["other"]["name"] == "Karen Jensen"
    assert by_soren["other"]["address"] is None


def test_nothing_is_shared_before_both_said_yes(lift, make_client):
    request = make_request(lift["karen"], lift["circle"], share_address=True)
    match = make_match(request, lift["soren"])
    by_soren = make_client(lift["soren"]).get(f"/api/v1/matches/{match.id}").get_json()
    # Rule since the merge: before both agree, the helper learns neither her name nor her id.
    assert by_soren["other"] is None and by_soren["other_first_name"] is None
    assert by_soren["other_id"] is None
    seen = make_client(lift["soren"]).get(f"/api/v1/requests/{request.id}").get_json()
    assert seen["requester"] is None


def test_karen_chooses_in_the_ask_flow_to_share_her_address(lift, make_client):
    karen = make_client(lift["karen"])
    body = {"category": "transport", "description": "Til lægen", "share_address": True}
    created = karen.post("/api/v1/requests", json=body)
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["share_address"] is True
    changed = karen.patch(
        f"/api/v1/requests/{created.get_json()['id']}", json={"share_address": False}
    )
    assert changed.get_json()["share_address"] is False


def test_both_sides_thank_each_other_once(lift, make_client):
    match = agreed_lift(lift)
    karen, soren = make_client(lift["karen"]), make_client(lift["soren"])
    early = soren.post(f"/api/v1/matches/{match.id}/thanks", json={"note": "Tak"})
    assert early.status_code == 409
    assert soren.post(f"/api/v1/matches/{match.id}/done").get_json()["may_thank"] is True
    from_soren = soren.post(f"/api/v1/matches/{match.id}/thanks", json={"note": "Hyggelig tur!"})
    assert from_soren.get_json()["helper_thanks_note"] == "Hyggelig tur!"
    assert from_soren.get_json()["may_thank"] is False
    assert karen.get(f"/api/v1/matches/{match.id}").get_json()["may_thank"] is True
    from_karen = karen.post(f"/api/v1/matches/{match.id}/thanks", json={"note": "Tusind tak"})
    assert from_karen.get_json()["thanks_note"] == "Tusind tak"
    for side in (karen, soren):
        twice = side.post(f"/api/v1/matches/{match.id}/thanks", json={"note": "Tak igen"})
        assert twice.status_code == 409 and twice.get_json()["key"] == "error.already_thanked"
    thanked = Notification.query.filter_by(kind="help.thanked").order_by(Notification.id).all()
    assert [(n.user_id, n.params["note"]) for n in thanked] == [
        (lift["karen"].id, "Hyggelig tur!"),
        (lift["soren"].id, "Tusind tak"),
    ]
