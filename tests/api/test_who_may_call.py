"""Who may call each foundation endpoint: anonymous, member of another circle, member,
organizer, municipal staff, admin. Every other role must be turned away."""

import pytest

from tests.factories import (
    add_member,
    make_admin,
    make_circle,
    make_member,
    make_municipality,
    make_staff,
    make_user,
)

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
]


# Nobody in the world has consented to check-ins: the consented case is in test_checkins.py.
CHECKIN = dict.fromkeys(("companionship", "left_out", "isolated", "lonely_direct"), "often")


@pytest.fixture
def world(client, make_client):
    """A circle with one person in each role, and one person waiting to be approved."""
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
    clients = {role: make_client(person) for role, person in people.items()}
    clients["anonymous"] = client
    ids = {
        "circle": circle.id,
        "waiting": waiting.id,
        "municipality": municipality.id,
        "waiting_email": waiting.email,
    }
    circle_body = {
        "name": "Ny",
        "latitude": 56.1,
        "longitude": 10.2,
        "radius_km": 1,
        "municipality_id": municipality.id,
    }
    return clients, ids, circle_body


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
    clients, ids, circle_body = world
    json = {"circle": circle_body, "checkin": CHECKIN}.get(str(body)) or fill(body, ids)
    response = clients[role].open(fill(path, ids), method=method, json=json)
    assert response.status_code == expected[ROLES.index(role)], response.get_json()
