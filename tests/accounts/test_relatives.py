"""Peter helps his mother Karen from his own account, only for her, only while she wants."""

import pytest

from circles.accounts import relatives
from circles.core import audit
from circles.extensions import db
from circles.notify import notifications
from tests.factories import make_circle, make_event, make_member, make_request, make_user


@pytest.fixture
def family(ctx):
    circle = make_circle()
    return {
        "circle": circle,
        "karen": make_member(circle, name="Karen Jensen"),
        "poul": make_member(circle, name="Poul Berg"),
        "mette": make_member(circle, role="organizer", name="Mette Hansen"),
        # Peter lives in Odense and belongs to no circle: he helps with his own account.
        "peter": make_user(name="Peter Jensen", email="peter.jensen@example.dk", home=None),
    }


def invited_and_accepted(make_client, family) -> dict:
    karen, peter = make_client(family["karen"]), make_client(family["peter"])
    invited = karen.post(
        "/api/v1/me/relatives", json={"name": "Peter", "email": "Peter.Jensen@example.dk"}
    )
    assert invited.status_code == 201 and invited.get_json()["status"] == "invited"
    waiting = peter.get("/api/v1/me/helping").get_json()
    assert [(w["member_name"], w["status"]) for w in waiting] == [("Karen Jensen", "invited")]
    accepted = peter.post(f"/api/v1/relatives/{waiting[0]['id']}/accept")
    assert accepted.status_code == 200 and accepted.get_json()["status"] == "active"
    return {"karen": karen, "peter": peter, "link_id": waiting[0]["id"]}


def test_peter_asks_for_help_for_his_mother_and_she_sees_it_was_him(family, make_client):
    apps = invited_and_accepted(make_client, family)
    karen = family["karen"]
    asked = apps["peter"].post(
        "/api/v1/requests",
        json={"category": "shopping", "description": "Indkøb til mor", "requester_id": karen.id},
    )
    assert asked.status_code == 201, asked.get_json()
    assert apps["karen"].get("/api/v1/requests").get_json()[0]["description"] == "Indkøb til mor"
    done_for_me = apps["karen"].get("/api/v1/me/on-my-behalf").get_json()
    assert [(e["action"], e["actor_name"]) for e in done_for_me][:1] == [
        ("request.posted", "Peter Jensen")
    ]


def test_peter_books_a_walk_for_karen_and_gets_copies_of_her_news(family, make_client):
    apps = invited_and_accepted(make_client, family)
    karen = family["karen"]
    walk = make_event(family["circle"], family["mette"])
    booked = apps["peter"].post(
        f"/api/v1/events/{walk.id}/rsvp", json={"going": True, "user_id": karen.id}
    )
    assert booked.status_code == 201, booked.get_json()
    assert booked.get_json()["user_id"] == karen.id
    notifications.notify(karen, "help.done", category="indkøb")
    texts = [n["text"] for n in apps["peter"].get("/api/v1/notifications").get_json()]
    assert any(t.startswith("Besked til Karen Jensen:") for t in texts), texts


def test_peter_cannot_act_for_anyone_else_or_see_their_requests(family, make_client):
    apps = invited_and_accepted(make_client, family)
    poul = family["poul"]
    for_poul = {"category": "shopping", "requester_id": poul.id}
    assert apps["peter"].post("/api/v1/requests", json=for_poul).status_code == 403
    pouls = make_request(poul, family["circle"], description="Poul vil have hjælp i haven")
    assert apps["peter"].get(f"/api/v1/requests/{pouls.id}").status_code == 404
    assert not relatives.may_act_for(family["peter"], poul, "ask_for_help")
    with pytest.raises(ValueError):
        relatives.may_act_for(family["peter"], family["karen"], "read_diary")


def test_a_stranger_cannot_accept_or_end_karens_invitation(family, make_client):
    karen = make_client(family["karen"])
    link = karen.post("/api/v1/me/relatives", json={"name": "Peter", "phone": "20 30 40 50"})
    link_id = link.get_json()["id"]
    poul = make_client(family["poul"])
    assert poul.post(f"/api/v1/relatives/{link_id}/accept").status_code == 404
    assert poul.post(f"/api/v1/relatives/{link_id}/end").status_code == 404
    assert poul.get("/api/v1/me/helping").get_json() == []


def test_when_karen_ends_it_peter_can_no_longer_act_for_her(family, make_client):
    apps = invited_and_accepted(make_client, family)
    ended = apps["karen"].post(f"/api/v1/relatives/{apps['link_id']}/end")
    assert ended.status_code == 200 and ended.get_json()["status"] == "ended"
    again = apps["karen"].post(f"/api/v1/relatives/{apps['link_id']}/end")
    assert again.status_code == 409
    request = {"category": "shopping", "requester_id": family["karen"].id}
    assert apps["peter"].post("/api/v1/requests", json=request).status_code == 403
    assert apps["peter"].get("/api/v1/me/helping").get_json() == []


def test_inger_says_yes_on_the_phone_and_the_organizer_invites_her_daughter(family, make_client):
    circle, mette = family["circle"], family["mette"]
    inger = make_member(circle, name="Inger Madsen", email=None)
    url = f"/api/v1/circles/{circle.id}/members/{inger.id}/relatives"
    daughter = {"name": "Susanne", "email": "susanne@example.dk"}
    assert make_client(family["poul"]).post(url, json=daughter).status_code == 403
    invited = make_client(mette).post(url, json=daughter)
    assert invited.status_code == 201 and invited.get_json()["said_yes_to_organizer"] is True
    db.session.expire_all()
    logged = [(e.action, e.actor_id) for e in db.session.scalars(audit.done_for(inger))]
    assert logged == [("relative.invited", mette.id)]


def test_an_invitation_needs_an_email_or_a_phone_and_not_ones_own(family, make_client):
    karen = make_client(family["karen"])
    nothing = karen.post("/api/v1/me/relatives", json={"name": "Peter"})
    assert nothing.status_code == 422 and "email" in nothing.get_json()["errors"]["json"]
    me = karen.post("/api/v1/me/relatives", json={"name": "Mig", "email": family["karen"].email})
    assert me.status_code == 422
    assert make_client(family["poul"]).get("/api/v1/me/relatives").get_json() == []


def test_peter_calls_off_karens_request_and_she_sees_that_too(family, make_client):
    apps = invited_and_accepted(make_client, family)
    karen = family["karen"]
    request = make_request(karen, family["circle"], description="Indkøb")
    called_off = apps["peter"].patch(f"/api/v1/requests/{request.id}", json={"status": "cancelled"})
    assert called_off.status_code == 200, called_off.get_json()
    done_for_me = apps["karen"].get("/api/v1/me/on-my-behalf").get_json()
    assert ("request.changed", "Peter Jensen") in [
        (e["action"], e["actor_name"]) for e in done_for_me
    ]


def test_peter_gets_no_copy_of_an_sms_karen_must_answer_herself(family, make_client):
    apps = invited_and_accepted(make_client, family)
    notifications.notify(family["karen"], "sms.unclear")
    assert apps["peter"].get("/api/v1/notifications").get_json() == []


def test_peter_reads_and_writes_in_karens_thread_with_her_helper_and_she_sees_it(
    family, make_client
):
    from circles.help.models import Message
    from tests.factories import make_match

    apps = invited_and_accepted(make_client, family)
    karen, poul = family["karen"], family["poul"]
    match = make_match(make_request(karen, family["circle"], description="Indkøb"), poul)
    assert make_client(poul).post(f"/api/v1/matches/{match.id}/accept").status_code == 200
    thread = f"/api/v1/matches/{match.id}/messages"
    assert apps["karen"].post(thread, json={"body": "Tak fordi du vil"}).status_code == 201

    read = apps["peter"].get(thread)
    assert read.status_code == 200 and [m["body"] for m in read.get_json()] == ["Tak fordi du vil"]
    wrote = apps["peter"].post(thread, json={"body": "Mor er hjemme efter kl. 10"})
    assert wrote.status_code == 201, wrote.get_json()
    db.session.expire_all()
    assert db.session.query(Message).filter_by(author_id=family["peter"].id).count() == 1
    logged = [(e.action, e.actor_id) for e in db.session.scalars(audit.done_for(karen))]
    assert ("thread.written_for", family["peter"].id) in logged
    # Poul, not Karen, is told of Peter's message.
    told = notifications.unread_count(poul)
    assert told >= 1


def test_peter_cannot_read_a_thread_karen_is_not_part_of(family, make_client):
    from tests.factories import make_match

    apps = invited_and_accepted(make_client, family)
    other = make_member(family["circle"], name="Else Holm")
    match = make_match(make_request(family["poul"], family["circle"]), other)
    make_client(other).post(f"/api/v1/matches/{match.id}/accept")
    assert apps["peter"].get(f"/api/v1/matches/{match.id}/messages").status_code == 404
