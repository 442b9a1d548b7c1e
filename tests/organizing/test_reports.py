"""A member reports a message that worries them; an organizer warns, suspends or removes."""

from circles.core.models import AuditEntry
from circles.extensions import db
from circles.membership.models import Membership
from circles.notify.models import Notification
from tests.factories import make_circle, make_event, make_member, make_request


def kinds(user):
    return [n.kind for n in db.session.query(Notification).filter_by(user_id=user.id)]


def status_of(user, circle):
    return db.session.query(Membership).filter_by(user_id=user.id, circle_id=circle.id).one().status


def test_a_reported_request_is_handled_with_a_warning_the_member_reads(make_client, ctx):
    circle = make_circle()
    organizer = make_member(circle, role="organizer")
    karen = make_member(circle, name="Karen")
    pushy = make_member(circle, name="Poul")
    request = make_request(pushy, circle, description="Ring til mig på 12345678 NU")

    filed = make_client(karen).post(
        "/api/v1/reports",
        json={
            "target_type": "help_requests",
            "target_id": request.id,
            "reason": "unwanted_contact",
            "text": "Han har ringet fem gange i dag, og jeg vil ikke have flere opkald.",
        },
    )
    assert filed.status_code == 201, filed.get_json()
    assert "reporter_id" not in filed.get_json()
    assert kinds(organizer) == ["report.received"]

    mette = make_client(organizer)
    listed = mette.get(f"/api/v1/circles/{circle.id}/reports?status=open").get_json()
    assert [(r["reporter_name"], r["reported_name"]) for r in listed] == [("Karen", "Poul")]
    assert listed[0]["text"].startswith("Han har ringet fem gange")  # kept whole

    wordless = mette.post(f"/api/v1/reports/{listed[0]['id']}/handle", json={"outcome": "warned"})
    assert wordless.status_code == 422 and "note" in wordless.get_json()["errors"]["json"]
    words = "Ring kun, når Karen selv beder om det."
    warned = mette.post(
        f"/api/v1/reports/{listed[0]['id']}/handle", json={"outcome": "warned", "note": words}
    )
    assert warned.status_code == 200 and warned.get_json()["outcome"] == "warned"
    assert status_of(pushy, circle) == "active"
    warning = db.session.query(Notification).filter_by(user_id=pushy.id).one()
    assert warning.kind == "moderation.warned" and warning.params["note"] == words
    assert kinds(karen) == ["report.handled"]
    again = mette.post(f"/api/v1/reports/{listed[0]['id']}/handle", json={"outcome": "dismissed"})
    assert again.status_code == 409
    mine = make_client(karen).get("/api/v1/me/reports").get_json()
    assert mine[0]["status"] == "handled" and "outcome" not in mine[0]


def test_a_suspended_member_loses_the_circle_until_reinstated_and_removal_is_final(
    make_client, ctx
):
    circle = make_circle()
    mette = make_client(make_member(circle, role="organizer"))
    karen = make_client(make_member(circle))
    poul = make_member(circle, name="Poul")
    walk = make_event(circle, poul)

    def report_and_handle(outcome):
        filed = karen.post(
            "/api/v1/reports",
            json={"target_type": "events", "target_id": walk.id, "reason": "unkind"},
        ).get_json()
        body = {"outcome": outcome, "note": "Efter samtale med begge."}
        return mette.post(f"/api/v1/reports/{filed['id']}/handle", json=body)

    assert report_and_handle("suspended").status_code == 200
    assert status_of(poul, circle) == "suspended"
    poul_client = make_client(poul)
    asked = poul_client.post(
        "/api/v1/requests", json={"category": "garden", "circle_id": circle.id}
    )
    assert asked.status_code == 422 and "circle_id" in asked.get_json()["errors"]["json"]
    rejoin = poul_client.post(f"/api/v1/circles/{circle.id}/join", json={})
    assert rejoin.status_code == 403
    reinstated = mette.post(f"/api/v1/circles/{circle.id}/memberships/{poul.id}/reinstate")
    assert reinstated.status_code == 200 and status_of(poul, circle) == "active"

    assert report_and_handle("removed").status_code == 200
    assert status_of(poul, circle) == "removed"
    assert poul_client.post(f"/api/v1/circles/{circle.id}/join", json={}).status_code == 403
    twice = mette.post(f"/api/v1/circles/{circle.id}/memberships/{poul.id}/reinstate")
    assert twice.status_code == 409

    actions = [e.action for e in db.session.query(AuditEntry).order_by(AuditEntry.id)]
    assert actions == [
        "membership.suspended",
        "report.handled",
        "membership.reinstated",
        "membership.removed",
        "report.handled",
    ]


def test_reports_name_what_is_wrong_and_reach_only_shared_circles(make_client, ctx):
    circle = make_circle()
    karen = make_client(make_member(circle))
    stranger = make_member(make_circle("Risskov", centre=(56.193, 10.229)))
    vague = karen.post("/api/v1/reports", json={"reason": "unkind"})
    assert vague.status_code == 422 and "reported_user_id" in vague.get_json()["errors"]["json"]
    half = karen.post("/api/v1/reports", json={"reason": "spam", "target_type": "events"})
    assert "target_id" in half.get_json()["errors"]["json"]
    long = karen.post(
        "/api/v1/reports", json={"reason": "other", "reported_user_id": 1, "text": "x" * 2001}
    )
    assert "text" in long.get_json()["errors"]["json"]
    outside = karen.post(
        "/api/v1/reports", json={"reason": "unkind", "reported_user_id": stranger.id}
    )
    assert outside.status_code == 422
    hidden = karen.post(
        "/api/v1/reports",
        json={"reason": "spam", "target_type": "help_requests", "target_id": 999},
    )
    assert hidden.status_code == 404
