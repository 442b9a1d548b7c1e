"""Who may take a member's steps for them, and who may call the SMS provider's webhooks.

Roles as in tests/test_who_may_call.py: anonymous, a member of another circle, a member of
the circle who is not part of the match, an organizer of the circle, municipal staff, admin.
"""

from datetime import timedelta

import pytest

from circles.core.types import utcnow
from circles.extensions import db
from circles.help.models import Arrangement
from tests.factories import (
    make_admin,
    make_circle,
    make_match,
    make_member,
    make_municipality,
    make_request,
    make_staff,
    make_user,
)

ROLES = ("anonymous", "other_member", "member", "organizer", "staff", "admin")

# method, path, json body, expected status per role (same order as ROLES)
MATRIX = [
    ("POST", "/api/v1/matches/{match}/accept", "inger", (401, 404, 404, 200, 404, 200)),
    ("POST", "/api/v1/matches/{match}/decline", "inger", (401, 404, 404, 200, 404, 200)),
    ("POST", "/api/v1/matches/{match}/done", "inger", (401, 404, 404, 409, 404, 409)),
    ("POST", "/api/v1/matches/{match}/thanks", "thanks", (401, 404, 404, 409, 404, 409)),
    ("POST", "/api/v1/matches/{match}/cancel", "cancel", (401, 404, 404, 200, 404, 200)),
    ("POST", "/api/v1/matches", "invite", (401, 404, 403, 201, 404, 201)),
    ("DELETE", "/api/v1/arrangements/{arrangement}", "empty", (401, 404, 404, 204, 404, 204)),
    ("PUT", "/api/v1/circles/{circle}/members/{inger}/notify-by", "notify_sms",
     (401, 403, 403, 200, 403, 200)),
    ("POST", "/api/v1/sms/receipts", "report", (401,) * 6),
    ("POST", "/api/v1/sms/inbound", "sms", (401,) * 6),
    ("POST", "/organize/circles/{circle}/members/{inger}/matches/{match}/accept", "form",
     (302, 403, 403, 302, 403, 302)),
    ("POST", "/organize/circles/{circle}/members/{inger}/matches/{match}/cancel", "form_note",
     (302, 403, 403, 302, 403, 302)),
    ("POST", "/organize/circles/{circle}/members/{inger}/requests/{request}/invite", "form_helper",
     (302, 403, 403, 302, 403, 302)),
    ("POST", "/organize/circles/{circle}/members/{inger}/arrangements/{arrangement}/stop", "form",
     (302, 403, 403, 302, 403, 302)),
    ("POST", "/organize/circles/{circle}/members/{inger}/messages", "form_sms",
     (302, 403, 403, 302, 403, 302)),
]  # fmt: skip


@pytest.fixture
def world(client, make_client):
    """Inger (no app) asked for shopping; Søren offered; they also have a weekly visit."""
    municipality = make_municipality("Aarhus")
    circle = make_circle(municipality=municipality)
    other_circle = make_circle("Risskov", centre=(56.193, 10.229), municipality=municipality)
    people = {
        "other_member": make_member(other_circle),
        "member": make_member(circle, name="Karen Jensen"),
        "organizer": make_member(circle, role="organizer", name="Mette Kjær"),
        "staff": make_staff(municipality),
        "admin": make_admin(),
    }
    inger = make_member(circle, name="Inger Hansen", phone="86 12 34 56")
    soren = make_member(circle, role="helper", name="Søren Ærø Østergård")
    jonas = make_member(circle, role="helper", name="Jonas Berg")
    request = make_request(inger, circle)
    match = make_match(request, soren, origin="volunteer")
    arrangement = Arrangement(
        circle_id=circle.id, requester_id=inger.id, helper_id=soren.id, category="visit",
        first_at=utcnow() + timedelta(days=3), created_by_id=people["organizer"].id,
    )  # fmt: skip
    db.session.add(arrangement)
    db.session.commit()
    clients = {role: make_client(person) for role, person in people.items()}
    clients["anonymous"] = client
    ids = {"circle": circle.id, "inger": inger.id, "match": match.id, "request": request.id}
    ids["arrangement"] = arrangement.id
    bodies = {
        "inger": {"on_behalf_of": inger.id},
        "empty": None,
        "thanks": {"note": "Tak", "on_behalf_of": inger.id},
        "cancel": {"reason": "Syg", "on_behalf_of": inger.id},
        "invite": {"request_id": request.id, "helper_id": jonas.id, "on_behalf_of": inger.id},
        "report": {"id": 1, "status": "DELIVERED"},
        "sms": {"id": 1, "msisdn": 4586123456, "message": "ja"},
        "form": {},
        "form_sms": {"sms": "on"},
        "notify_sms": {"notify_by": ["sms"]},
        "form_note": {"note": "Inger er syg"},
        "form_helper": {"helper_id": str(jonas.id)},
    }
    return clients, ids, bodies


@pytest.mark.parametrize(
    ("method", "path", "body", "expected"), MATRIX, ids=[f"{m} {p} {b}" for m, p, b, _ in MATRIX]
)
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_its_answer(world, method, path, body, expected, role):
    clients, ids, bodies = world
    caller = clients[role]
    if path.startswith("/organize/"):
        csrf = caller.get("/api/v1/auth/csrf").get_json()["csrf_token"]
        response = caller.post(path.format(**ids), data={"csrf_token": csrf, **bodies[body]})
    else:
        response = caller.open(path.format(**ids), method=method, json=bodies[body])
    assert response.status_code == expected[ROLES.index(role)], response.get_data(True)[-300:]


def test_the_helper_cannot_answer_for_the_one_he_helps(make_client, ctx):
    circle = make_circle()
    inger = make_member(circle, name="Inger Hansen")
    soren = make_member(circle, role="helper", name="Søren Ærø Østergård")
    match = make_match(make_request(inger, circle), soren, origin="volunteer")
    answered = make_client(soren).post(
        f"/api/v1/matches/{match.id}/accept", json={"on_behalf_of": inger.id}
    )
    assert answered.status_code == 403


def test_an_organizer_acts_only_for_a_side_of_the_match(make_client, ctx):
    circle = make_circle()
    mette = make_member(circle, role="organizer", name="Mette Kjær")
    inger = make_member(circle, name="Inger Hansen")
    soren = make_member(circle, role="helper", name="Søren Ærø Østergård")
    outsider = make_user(name="Karen Jensen")
    match = make_match(make_request(inger, circle), soren, origin="volunteer")
    desk = make_client(mette)
    for someone in (outsider.id, 999_999, "x"):
        refused = desk.post(f"/api/v1/matches/{match.id}/accept", json={"on_behalf_of": someone})
        assert refused.status_code == 422, refused.get_json()
