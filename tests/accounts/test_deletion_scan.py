"""After Karen deletes her account, no text or JSON column anywhere still holds her."""

import json
from datetime import date

from sqlalchemy import JSON, String, Text, select

from circles.accounts.models import User
from circles.extensions import db
from circles.help.models import Match
from circles.membership.models import Membership
from tests.factories import PASSWORD, book, make_circle, make_event, make_member, make_request

NAME = "Karen Søgaard-Østergaard"
EMAIL = "karen.soegaard@example.dk"
PHONE = "86 12 34 56"
ADDRESS = "Trøjborgvej 12, 8200 Aarhus N"
BIRTH = date(1941, 3, 12)
FREE_TEXTS = [
    "Mælk, rugbrød og en avis til min nabo Else",
    "Tusind tak for hjælpen med indkøbene, Lars",
    "Han har ringet fem gange i dag, og jeg vil ikke have flere opkald.",
    "Bænke langs Nordre Ringgade, så jeg kan hvile benene",
    "Karen Søgaard-Østergaard er faldet og har brug for hjælp til at handle",
]


def everything_stored() -> list[tuple[str, str, str]]:
    """(table, column, text) for every text and JSON value in the database."""
    found = []
    for table in db.metadata.sorted_tables:
        for column in table.c:
            if not isinstance(column.type, String | Text | JSON):
                continue
            for value in db.session.scalars(select(column)):
                if value is not None:
                    text = (
                        value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                    )
                    found.append((table.name, column.name, text))
    return found


def test_nothing_of_karen_is_left_anywhere_after_she_deletes_her_account(make_client, ctx):
    circle = make_circle()
    mette = make_member(circle, role="organizer", name="Mette Hansen")
    lars = make_member(circle, role="helper", name="Lars Holm", phone="22222222")
    poul = make_member(circle, name="Poul Berg")
    karen_user = make_member(circle, name=NAME, email=EMAIL, birth_date=BIRTH)
    karen, lars_app, mette_app = make_client(karen_user), make_client(lars), make_client(mette)

    profile = {
        "phone": PHONE,
        "address": ADDRESS,
        "contact_channels": ["app", "phone"],
        "experiences": ["copd"],
        "experiences_consent": True,
    }
    assert karen.patch("/api/v1/me", json=profile).status_code == 200
    asked = karen.post(
        "/api/v1/requests",
        json={"category": "shopping", "description": FREE_TEXTS[0], "circle_id": circle.id},
        headers={"Idempotency-Key": "karen-1"},
    )
    assert asked.status_code == 201, asked.get_json()
    request_id = asked.get_json()["id"]
    invited = karen.post("/api/v1/matches", json={"request_id": request_id, "helper_id": lars.id})
    match_id = invited.get_json()["id"]
    accepted = lars_app.post(
        f"/api/v1/matches/{match_id}/accept", headers={"Idempotency-Key": "lars-1"}
    )
    assert accepted.get_json()["other"]["name"] == NAME  # Lars's saved answer names her
    lars_app.post(f"/api/v1/matches/{match_id}/done")
    karen.post(f"/api/v1/matches/{match_id}/thanks", json={"note": FREE_TEXTS[1]})
    pushy = make_request(poul, circle, description="Ring til mig")
    report = {"target_type": "help_requests", "target_id": pushy.id, "reason": "unwanted_contact"}
    assert karen.post("/api/v1/reports", json={**report, "text": FREE_TEXTS[2]}).status_code == 201
    dinner = make_event(circle, mette, kind="conversation", title="Middagssamtale om trafik")
    book(dinner, karen_user)
    proposed = karen.post(f"/api/v1/events/{dinner.id}/proposals", json={"text": FREE_TEXTS[3]})
    assert proposed.status_code == 201
    call = {"member_id": karen_user.id, "direction": "in", "note": FREE_TEXTS[4]}
    assert mette_app.post(f"/api/v1/circles/{circle.id}/calls", json=call).status_code == 201
    before = everything_stored()
    assert any(NAME in text for _, _, text in before if _ != "users")

    deleted = karen.delete("/api/v1/me", json={"password": PASSWORD})
    assert deleted.status_code == 204, deleted.get_json()

    db.session.expire_all()  # the test's own open savepoint holds what the request saved
    wanted = [NAME, EMAIL, PHONE, "+4586123456", ADDRESS, BIRTH.isoformat(), *FREE_TEXTS]
    left = [
        (table, column, needle)
        for table, column, text in everything_stored()
        for needle in wanted
        if needle in text
    ]
    assert left == [], left
    # Lars's part stays, with Karen as an anonymous member.
    match = db.session.get(Match, match_id)
    assert match.status == "done" and match.request.requester.name.startswith("Medlem ")
    # Nor where she lived: not her home, nor its square kept beside her memberships.
    karen_after = db.session.get(User, karen_user.id)
    assert karen_after is None or (karen_after.latitude, karen_after.longitude) == (None, None)
    squares = db.session.execute(
        select(Membership.square_row, Membership.square_col).where(
            Membership.user_id == karen_user.id
        )
    ).all()
    assert squares == [] or set(squares) == {(None, None)}
