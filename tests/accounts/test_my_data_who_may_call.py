"""Who may call the endpoints of my data, consents, relatives and organizers' corrections:
nobody who is not signed in."""

import pytest

ENDPOINTS = [
    ("GET", "/api/v1/me/export", None),
    ("GET", "/api/v1/me/consents", None),
    ("DELETE", "/api/v1/me", {"confirm": True}),
    ("GET", "/api/v1/me/relatives", None),
    ("POST", "/api/v1/me/relatives", {"name": "Peter", "email": "peter@example.dk"}),
    ("GET", "/api/v1/me/helping", None),
    ("POST", "/api/v1/relatives/1/accept", None),
    ("POST", "/api/v1/relatives/1/end", None),
    ("POST", "/api/v1/circles/1/members/2/relatives", {"name": "Susanne", "phone": "20304050"}),
    ("PATCH", "/api/v1/circles/1/members/2", {"name": "Inger Madsen"}),
    ("DELETE", "/api/v1/circles/1/members/2", None),
    ("GET", "/api/v1/circles/1/phone-tree.csv", None),
]


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
def test_nobody_signed_out_reaches_anyones_data(client, method, path, body):
    response = client.open(path, method=method, json=body)
    assert response.status_code == 401
