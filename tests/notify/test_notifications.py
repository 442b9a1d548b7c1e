"""Stories of the in-app inbox."""

from circles.core import pagination
from circles.core.models import AuditEntry
from circles.extensions import db
from circles.notify import notifications
from tests.factories import add_member, make_circle, make_member, make_user


def test_an_approved_member_finds_a_welcome_in_their_language(make_client, ctx):
    circle = make_circle(open=False)
    organizer = make_member(circle, role="organizer")
    karen = make_user(language="en")
    add_member(karen, circle, status="pending")
    make_client(organizer).post(f"/api/v1/circles/{circle.id}/memberships/{karen.id}/approve")

    inbox = make_client(karen)
    assert inbox.get("/api/v1/notifications/unread").get_json() == {"unread": 1}
    [welcome] = inbox.get("/api/v1/notifications").get_json()
    assert welcome["text"] == "Welcome! You are now a member of Trøjborg."
    assert inbox.post(f"/api/v1/notifications/{welcome['id']}/read").status_code == 204
    assert inbox.get("/api/v1/notifications/unread").get_json() == {"unread": 0}


def test_the_approval_is_in_the_audit_log_with_who_did_it(make_client, ctx):
    circle = make_circle(open=False)
    organizer = make_member(circle, role="organizer")
    karen = make_user()
    add_member(karen, circle, status="pending")
    make_client(organizer).post(f"/api/v1/circles/{circle.id}/memberships/{karen.id}/refuse")
    entry = db.session.scalar(db.select(AuditEntry))
    assert (entry.actor_id, entry.action, entry.subject_id) == (
        organizer.id,
        "membership.refused",
        karen.id,
    )


def test_the_same_dedupe_key_is_sent_once(ctx):
    karen = make_user()
    first = notifications.notify(karen, "membership.approved", dedupe_key="k", circle="X")
    again = notifications.notify(karen, "membership.approved", dedupe_key="k", circle="X")
    assert first is not None and again is None
    assert pagination.count(notifications.inbox(), {"user_id": karen.id}) == 1


def test_nobody_reads_or_marks_another_persons_notifications(client, make_client, ctx):
    karen, other = make_user(), make_user(name="Other")
    sent = notifications.notify(karen, "membership.approved", circle="Trøjborg")
    assert client.get("/api/v1/notifications").status_code == 401
    assert make_client(other).get("/api/v1/notifications").get_json() == []
    assert make_client(other).post(f"/api/v1/notifications/{sent.id}/read").status_code == 404
