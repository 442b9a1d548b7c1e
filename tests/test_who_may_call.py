"""Who may call each foundation endpoint: anonymous, member of another circle, member,
organizer, municipal staff, admin. Every other role must be turned away."""

from datetime import UTC, date, datetime

import pytest

from circles.events.models import Proposal
from circles.extensions import db
from circles.help.models import Arrangement
from circles.membership.models import Membership
from circles.notify import push
from circles.organizing import outreach
from circles.organizing.models import Call, Report
from tests.conftest import signed_in_client
from tests.factories import (
    add_member,
    make_admin,
    make_circle,
    make_event,
    make_match,
    make_member,
    make_municipality,
    make_offer,
    make_request,
    make_staff,
    make_user,
)
from tests.servers import Browser

# A browser's Web Push subscription, as PushManager gives it.
PHONE = Browser("https://push.example.net/send/phone").subscription()

EVENT = {
    "title": "Gåtur",
    "starts_at": "2027-06-06T10:00:00+02:00",
    "ends_at": "2027-06-06T11:00:00+02:00",
}
ROLES = ("anonymous", "other_member", "member", "organizer", "staff", "admin")

# method, path, json body, expected status per role (same order as ROLES)
MATRIX = [
    ("GET", "/api/v1/categories", None, (200, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/circles?postcode=8000", None, (200, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/circles/{circle}", None, (200, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/municipalities", None, (200, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/me", None, (401, 200, 200, 200, 200, 200)),
    ("PATCH", "/api/v1/me", {"text_size": 125}, (401, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/notifications", None, (401, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/circles/{circle}/memberships", None, (401, 403, 403, 200, 403, 200)),
    (
        "POST",
        "/api/v1/circles/{circle}/memberships/{waiting}/approve",
        None,
        (401, 403, 403, 200, 403, 200),
    ),
    (
        "POST",
        "/api/v1/circles/{circle}/memberships/{waiting}/refuse",
        None,
        (401, 403, 403, 200, 403, 200),
    ),
    (
        "POST",
        "/api/v1/circles/{circle}/organizers",
        {"email": "{waiting_email}"},
        (401, 403, 403, 403, 403, 201),
    ),
    ("POST", "/api/v1/circles", "circle", (401, 403, 403, 403, 403, 201)),
    ("POST", "/api/v1/municipalities", {"name": "Odense"}, (401, 403, 403, 403, 403, 201)),
    (
        "POST",
        "/api/v1/municipalities/{municipality}/staff",
        {"email": "{waiting_email}"},
        (401, 403, 403, 403, 403, 201),
    ),
    ("POST", "/api/v1/circles/{circle}/leave", None, (401, 404, 204, 204, 404, 404)),
    # Mutual help: a request by someone else in the circle, with a helper invited to it.
    ("GET", "/api/v1/requests", None, (401, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/requests?near=1", None, (401, 200, 200, 200, 200, 200)),
    ("POST", "/api/v1/requests", {"category": "garden"}, (401, 201, 201, 201, 422, 422)),
    ("GET", "/api/v1/requests/{request}", None, (401, 404, 404, 200, 404, 200)),
    (
        "PATCH",
        "/api/v1/requests/{request}",
        {"description": "Kun mælk"},
        (401, 404, 404, 200, 404, 200),
    ),
    ("GET", "/api/v1/requests/{request}/suggestions", None, (401, 404, 404, 200, 404, 200)),
    ("GET", "/api/v1/offers", None, (401, 200, 200, 200, 200, 200)),
    ("POST", "/api/v1/offers", {"category": "garden"}, (401, 201, 201, 201, 201, 201)),
    ("PATCH", "/api/v1/offers/{offer}", {"max_km": 3}, (401, 404, 200, 404, 404, 404)),
    ("DELETE", "/api/v1/offers/{offer}", None, (401, 404, 204, 404, 404, 404)),
    ("GET", "/api/v1/matches", None, (401, 200, 200, 200, 200, 200)),
    ("POST", "/api/v1/matches", {"request_id": "{request}"}, (401, 404, 201, 201, 404, 404)),
    ("GET", "/api/v1/matches/{match}", None, (401, 404, 404, 200, 404, 200)),
    ("POST", "/api/v1/matches/{match}/accept", None, (401, 404, 404, 409, 404, 409)),
    ("POST", "/api/v1/matches/{match}/decline", None, (401, 404, 404, 409, 404, 409)),
    ("POST", "/api/v1/matches/{match}/done", None, (401, 404, 404, 409, 404, 409)),
    (
        "POST",
        "/api/v1/matches/{match}/thanks",
        {"note": "Tak"},
        (401, 404, 404, 409, 404, 409),
    ),
    (
        "POST",
        "/api/v1/matches/{match}/cancel",
        {"reason": "Syg"},
        (401, 404, 404, 200, 404, 200),
    ),
    ("GET", "/api/v1/matches/{match}/messages", None, (401, 404, 404, 404, 404, 404)),
    (
        "POST",
        "/api/v1/matches/{match}/messages",
        {"body": "Hej"},
        (401, 404, 404, 404, 404, 404),
    ),
    ("GET", "/api/v1/blocks", None, (401, 200, 200, 200, 200, 200)),
    ("POST", "/api/v1/blocks", {"user_id": "{asker}"}, (401, 201, 201, 201, 201, 201)),
    ("DELETE", "/api/v1/blocks/{asker}", None, (401, 404, 404, 404, 404, 404)),
    ("GET", "/api/v1/me/relationships", None, (401, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/arrangements", None, (401, 200, 200, 200, 200, 200)),
    (
        "POST",
        "/api/v1/arrangements",
        {
            "helper_id": "{asker}",
            "category": "visit",
            "every_weeks": 1,
            "first_at": "2030-01-01T10:00:00+01:00",
        },
        (401, 422, 422, 422, 422, 422),
    ),
    (
        "PATCH",
        "/api/v1/arrangements/{arrangement}",
        {"paused_until": "2030-01-01"},
        (401, 404, 404, 200, 404, 200),
    ),
    ("DELETE", "/api/v1/arrangements/{arrangement}", None, (401, 404, 404, 204, 404, 204)),
    ("GET", "/api/v1/push/key", None, (200, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/push/subscriptions", None, (401, 200, 200, 200, 200, 200)),
    ("POST", "/api/v1/push/subscriptions", PHONE, (401, 201, 201, 201, 201, 201)),
    (
        "DELETE",
        "/api/v1/push/subscriptions/{subscription}",
        None,
        (401, 404, 204, 404, 404, 404),
    ),
    (
        "PATCH",
        "/api/v1/circles/{circle}",
        {"members_may_create_events": False},
        (401, 403, 403, 200, 403, 200),
    ),
    ("GET", "/api/v1/events", None, (401, 200, 200, 200, 200, 200)),
    ("POST", "/api/v1/events", "event", (401, 404, 201, 201, 404, 201)),
    ("GET", "/api/v1/events/{event}", None, (401, 404, 200, 200, 404, 200)),
    ("PATCH", "/api/v1/events/{event}", {"title": "Ny"}, (401, 404, 403, 200, 404, 200)),
    ("DELETE", "/api/v1/events/{event}", None, (401, 404, 403, 204, 404, 204)),
    ("GET", "/api/v1/events/{event}.ics", None, (401, 404, 200, 200, 404, 200)),
    # The organizer hosts the event: a host has her place and cannot book it.
    ("POST", "/api/v1/events/{event}/rsvp", {}, (401, 404, 201, 409, 404, 201)),
    ("DELETE", "/api/v1/events/{event}/rsvp", None, (401, 404, 204, 204, 404, 204)),
    ("GET", "/api/v1/events/{event}/bookings", None, (401, 404, 403, 200, 404, 200)),
    (
        "POST",
        "/api/v1/events/{event}/attendance",
        {"attended": []},
        (401, 404, 403, 409, 404, 409),
    ),
    (
        "POST",
        "/api/v1/events/{event}/occurrences/cancel",
        {"occurrence_start": "{event_start}"},
        (401, 404, 403, 200, 404, 200),
    ),
    (
        "POST",
        "/api/v1/events/{event}/occurrences/move",
        {
            "occurrence_start": "{event_start}",
            "starts_at": "{event_start}",
            "ends_at": "{event_end}",
        },
        (401, 404, 403, 200, 404, 200),
    ),
    ("POST", "/api/v1/events/{event}/interest", None, (401, 404, 409, 409, 404, 409)),
    ("DELETE", "/api/v1/events/{event}/interest", None, (401, 404, 409, 409, 404, 409)),
    ("POST", "/api/v1/events/{event}/proposals", {"text": "x"}, (401, 404, 409, 409, 404, 409)),
    ("GET", "/api/v1/events/{event}/proposals", None, (401, 404, 403, 200, 404, 200)),
    ("GET", "/api/v1/proposals", None, (401, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/proposals/mine", None, (401, 200, 200, 200, 200, 200)),
    (
        "PATCH",
        "/api/v1/proposals/{proposal}",
        {"status": "under_consideration"},
        (401, 404, 404, 404, 200, 404),
    ),
    ("GET", "/api/v1/calendar", None, (401, 200, 200, 200, 200, 200)),
    ("POST", "/api/v1/calendar/rotate", None, (401, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/calendar/not-a-token.ics", None, (404, 404, 404, 404, 404, 404)),
    ("GET", "/api/v1/checkins/questions", None, (200, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/me/checkins", None, (401, 200, 200, 200, 200, 200)),
    ("POST", "/api/v1/checkins", "checkin", (401, 403, 403, 403, 403, 403)),
    ("GET", "/api/v1/municipalities/{municipality}/stats", None, (401, 403, 403, 403, 200, 200)),
    (
        "GET",
        "/api/v1/municipalities/{municipality}/stats/members.csv",
        None,
        (401, 403, 403, 403, 200, 200),
    ),
    ("GET", "/staff/municipalities/{municipality}", None, (302, 403, 403, 403, 200, 200)),
    # Organizers: vetting helpers, and reports with what is done about them.
    (
        "POST",
        "/api/v1/circles/{circle}/memberships/{helper}/vetting",
        {"met_on": "2026-01-05", "references_checked": True},
        (401, 403, 403, 200, 403, 200),
    ),
    (
        "DELETE",
        "/api/v1/circles/{circle}/memberships/{helper}/vetting",
        None,
        (401, 403, 403, 200, 403, 200),
    ),
    (
        "POST",
        "/api/v1/reports",
        {"reported_user_id": "{asker}", "reason": "unkind"},
        (401, 422, 201, 201, 422, 422),
    ),
    ("GET", "/api/v1/me/reports", None, (401, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/circles/{circle}/reports", None, (401, 403, 403, 200, 403, 200)),
    (
        "POST",
        "/api/v1/reports/{report}/handle",
        {"outcome": "dismissed"},
        (401, 404, 404, 200, 404, 200),
    ),
    (
        "POST",
        "/api/v1/circles/{circle}/memberships/{suspended}/reinstate",
        None,
        (401, 403, 403, 200, 403, 200),
    ),
    # The organizer pages (anonymous callers are sent to sign in).
    ("GET", "/organize/circles/{circle}", None, (302, 403, 403, 200, 403, 200)),
    ("GET", "/organize/circles/{circle}/today", None, (302, 403, 403, 200, 403, 200)),
    ("GET", "/organize/circles/{circle}/desk?q=a", None, (302, 403, 403, 200, 403, 200)),
    ("GET", "/organize/circles/{circle}/members/new", None, (302, 403, 403, 200, 403, 200)),
    ("GET", "/organize/circles/{circle}/members/{asker}", None, (302, 403, 403, 200, 403, 200)),
    ("GET", "/organize/circles/{circle}/helpers", None, (302, 403, 403, 200, 403, 200)),
    ("GET", "/organize/circles/{circle}/reports", None, (302, 403, 403, 200, 403, 200)),
    ("GET", "/organize/circles/{circle}/calls", None, (302, 403, 403, 200, 403, 200)),
    ("GET", "/organize/circles/{circle}/figures", None, (302, 403, 403, 200, 403, 200)),
    ("GET", "/organize/circles/{circle}/import", None, (302, 403, 403, 200, 403, 200)),
    ("GET", "/organize/circles/{circle}/audit", None, (302, 403, 403, 200, 403, 200)),
    ("GET", "/organize/circles/{circle}/area", None, (302, 403, 403, 200, 403, 200)),
    # Where the circle reaches, and where a member lives.
    (
        "PUT",
        "/api/v1/circles/{circle}/area",
        {"postcodes": ["8000", "8200"]},
        (401, 403, 403, 200, 403, 200),
    ),
    (
        "PUT",
        "/api/v1/circles/{circle}/members/{asker}/home",
        {"latitude": 56.1712, "longitude": 10.2069},
        (401, 403, 403, 200, 403, 200),
    ),
    # The phone desk and the audit log.
    ("GET", "/api/v1/circles/{circle}/members?q=a", None, (401, 403, 403, 200, 403, 200)),
    ("GET", "/api/v1/circles/{circle}/members/{asker}", None, (401, 403, 403, 200, 403, 200)),
    ("POST", "/api/v1/circles/{circle}/members", "caller", (401, 403, 403, 201, 403, 201)),
    (
        "POST",
        "/api/v1/offers",
        {"category": "garden", "user_id": "{asker}"},
        (401, 403, 403, 201, 403, 201),
    ),
    ("GET", "/api/v1/circles/{circle}/audit", None, (401, 403, 403, 200, 403, 200)),
    ("GET", "/api/v1/me/on-my-behalf", None, (401, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/circles/{circle}/figures", None, (401, 403, 403, 200, 403, 200)),
    ("GET", "/api/v1/circles/{circle}/week.pdf", None, (401, 403, 200, 200, 403, 200)),
    (
        "POST",
        "/api/v1/circles/{circle}/members/{offline}/sign-in-card",
        None,
        (401, 403, 403, 200, 403, 200),
    ),
    ("POST", "/api/v1/auth/card", {"code": "not-a-card-code"}, (422,) * 6),
    # Getting back in: anyone may ask; the answer never says whether the address is known.
    ("POST", "/api/v1/auth/password-reset", {"email": "nobody@example.dk"}, (202,) * 6),
    (
        "POST",
        "/api/v1/auth/password-reset/confirm",
        {"token": "not-a-reset-token-at-all", "password": "a new long password"},
        (422,) * 6,
    ),
    ("POST", "/api/v1/auth/sms-code", {"phone": "20 00 00 00"}, (202,) * 6),
    ("POST", "/api/v1/auth/sms-code/confirm", {"phone": "20000000", "code": "123456"}, (422,) * 6),
    (
        "POST",
        "/api/v1/auth/email-confirmation/confirm",
        {"token": "not-a-confirmation-token"},
        (422,) * 6,
    ),
    (
        "POST",
        "/api/v1/me/password",
        {"current_password": "not my password", "password": "a new long password"},
        (401, 403, 403, 403, 403, 403),
    ),
    ("POST", "/api/v1/me/email-confirmation", None, (401, 409, 409, 409, 409, 409)),
    ("GET", "/privacy", None, (200,) * 6),
    ("GET", "/accessibility", None, (200,) * 6),
    ("GET", "/staff/forgot", None, (200,) * 6),
    # Calls and the outreach list.
    (
        "POST",
        "/api/v1/circles/{circle}/calls",
        {"member_id": "{asker}", "note": "Ringede"},
        (401, 403, 403, 201, 403, 201),
    ),
    ("GET", "/api/v1/circles/{circle}/calls", None, (401, 403, 403, 200, 403, 200)),
    ("GET", "/api/v1/circles/{circle}/calls/follow-ups", None, (401, 403, 403, 200, 403, 200)),
    ("POST", "/api/v1/calls/{call}/follow-up-done", None, (401, 404, 404, 200, 404, 200)),
    ("GET", "/api/v1/circles/{circle}/outreach", None, (401, 403, 403, 200, 403, 200)),
    (
        "POST",
        "/api/v1/outreach/{outreach}/called",
        {"note": "Ringede"},
        (401, 404, 404, 200, 404, 200),
    ),
]


# Nobody in the world has consented to check-ins: the consented case is in test_checkins.py.
CHECKIN = dict.fromkeys(("companionship", "left_out", "isolated", "lonely_direct"), "often")


@pytest.fixture(scope="module")
def world(app, module_transaction):
    """A circle with one person in each role, and one person waiting to be approved.

    Built and signed in once for the module; each test's changes are rolled back after it.
    """
    with app.app_context():
        return build_world(app)


def build_world(app):
    """The people, their circle's things, and a client signed in as each role."""
    municipality = make_municipality("Aarhus")
    circle = make_circle(municipality=municipality)
    other_circle = make_circle("Risskov", centre=(56.193, 10.229), municipality=municipality)
    waiting = make_user(name="Waiting")
    add_member(waiting, circle, status="pending")
    people = {
        "other_member": make_member(other_circle),
        "member": make_member(circle),
        "organizer": make_member(circle, role="organizer"),
        "staff": make_staff(municipality),
        "admin": make_admin(),
    }
    asker, invited = make_member(circle, name="Asker"), make_member(circle, name="Invited")
    helper = make_member(circle, role="helper", name="Helper")
    suspended = make_member(circle, name="Suspended")
    # Registered at the desk, no password: the only kind of person a sign-in card is for.
    offline = make_member(circle, name="Offline")
    offline.password_hash = None
    db.session.query(Membership).filter_by(user_id=suspended.id).one().status = "suspended"
    report = Report(
        circle_id=circle.id, reporter_id=asker.id, reported_user_id=invited.id, reason="unkind"
    )
    db.session.add(report)
    call = Call(circle_id=circle.id, member_id=asker.id, follow_up_on=date(2026, 1, 1))
    db.session.add(call)
    item = outreach.add(circle.id, "quiet_member", "quiet", member_id=asker.id)
    request = make_request(asker, circle)
    match = make_match(request, invited)
    offer = make_offer(people["member"])
    arrangement = Arrangement(
        circle_id=circle.id,
        requester_id=asker.id,
        helper_id=invited.id,
        category="visit",
        first_at=datetime(2030, 1, 1, 9, tzinfo=UTC),
        created_by_id=asker.id,
    )
    db.session.add(arrangement)
    clients = {role: signed_in_client(app, person) for role, person in people.items()}
    clients["anonymous"] = app.test_client()
    event = make_event(circle, people["organizer"])
    conversation = make_event(circle, people["organizer"], kind="conversation")
    proposal = Proposal(event_id=conversation.id, author_id=people["organizer"].id, text="Bænke")
    db.session.add(proposal)
    db.session.commit()
    ids = {
        "event": event.id,
        "event_start": event.starts_at.isoformat(),
        "event_end": event.ends_at.isoformat(),
        "proposal": proposal.id,
        "circle": circle.id,
        "waiting": waiting.id,
        "municipality": municipality.id,
        "waiting_email": waiting.email,
        "request": request.id,
        "match": match.id,
        "offer": offer.id,
        "arrangement": arrangement.id,
        "asker": asker.id,
        "helper": helper.id,
        "suspended": suspended.id,
        "offline": offline.id,
        "report": report.id,
        "call": call.id,
        "outreach": item.id,
        "subscription": push.subscribe(
            people["member"], "https://push.example.net/send/member", **PHONE["keys"]
        ).id,
    }
    db.session.commit()  # the clients read and write on their own connections
    circle_body = {
        "name": "Ny",
        "latitude": 56.1,
        "longitude": 10.2,
        "radius_km": 1,
        "municipality_id": municipality.id,
    }
    bodies = {
        "circle": circle_body,
        "event": {**EVENT, "circle_id": circle.id, "host_ids": [people["organizer"].id]},
        "checkin": CHECKIN,
        "caller": {
            "name": "Inger",
            "phone": "86123456",
            "birth_date": "1941-04-02",
            "postcode": "8000",
        },
    }
    return clients, ids, bodies


def fill(value, ids):
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, dict):
        return {key: fill(item, ids) for key, item in value.items()}
    return value


@pytest.mark.parametrize(
    ("method", "path", "body", "expected"), MATRIX, ids=[f"{m} {p}" for m, p, _, _ in MATRIX]
)
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_its_answer(world, method, path, body, expected, role):
    clients, ids, bodies = world
    json = bodies[body] if isinstance(body, str) else fill(body, ids)
    response = clients[role].open(fill(path, ids), method=method, json=json)
    assert response.status_code == expected[ROLES.index(role)], response.get_json()
