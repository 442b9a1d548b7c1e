"""Karen's own data: she downloads it, sees and withdraws her consents, deletes her account."""

from datetime import timedelta

from circles.accounts import cards
from circles.core.models import AuditEntry
from circles.core.types import utcnow
from circles.extensions import db
from circles.municipal.models import CheckIn
from tests.factories import PASSWORD, make_circle, make_member, make_offer, make_request

ANSWERS = {
    "companionship": "often",
    "left_out": "some_of_the_time",
    "isolated": "hardly_ever",
    "lonely_direct": "often",
}


def test_karen_downloads_everything_about_her_and_nothing_secret(make_client, ctx):
    circle = make_circle()
    karen = make_member(circle, name="Karen Jensen", phone="86 12 34 56")
    other = make_member(circle, name="Poul Berg")
    make_request(karen, circle, description="Hjælp til at bære kartofler op")
    make_request(other, circle, description="Poul vil have hjælp i haven")
    mine = make_client(karen).get("/api/v1/me/export")
    assert mine.status_code == 200
    data = mine.get_json()
    assert data["tables"]["users"][0]["name"] == "Karen Jensen"
    assert "password_hash" not in data["tables"]["users"][0]
    assert "totp_secret" not in data["tables"]["users"][0]
    # The sign-in behind this very download is hers, but its secret is not handed out.
    assert (
        data["tables"]["user_sessions"] and "token_hash" not in data["tables"]["user_sessions"][0]
    )
    assert [r["description"] for r in data["tables"]["help_requests"]] == [
        "Hjælp til at bære kartofler op"
    ]
    assert data["tables"]["memberships"][0]["circle_id"] == circle.id
    assert "Poul" not in str(data)


def test_a_reset_link_karen_asked_for_is_in_her_data_without_its_secret(make_client, ctx):
    karen = make_member(make_circle(), name="Karen Jensen", email="karen@example.dk")
    app = make_client(karen)
    assert app.post("/api/v1/auth/password-reset", json={"email": karen.email}).status_code == 202
    data = app.get("/api/v1/me/export").get_json()
    [link] = data["tables"]["one_time_secrets"]
    assert link["purpose"] == "password_reset" and "secret_hash" not in link


def test_only_a_signed_in_member_gets_data_or_deletes(client):
    assert client.get("/api/v1/me/export").status_code == 401
    assert client.get("/api/v1/me/consents").status_code == 401
    assert client.delete("/api/v1/me", json={"confirm": True}).status_code == 401


def test_karen_deletes_her_account_with_her_password_and_cannot_sign_in_again(make_client, ctx):
    circle = make_circle()
    karen = make_member(circle, name="Karen Jensen")
    email = karen.email
    app = make_client(karen)
    wrong = app.delete("/api/v1/me", json={"password": "not my password"})
    assert wrong.status_code == 403 and "password" in wrong.get_json()["errors"]["json"]
    assert app.get("/api/v1/me").get_json()["name"] == "Karen Jensen"
    assert app.delete("/api/v1/me", json={"password": PASSWORD}).status_code == 204
    assert app.get("/api/v1/me").status_code == 401
    again = app.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert again.status_code == 401
    db.session.expire_all()  # the test's own copy of Karen is from before
    logged = db.session.query(AuditEntry).filter_by(action="account.erased").one()
    assert logged.subject.name.startswith("Medlem ") and logged.subject.email is None


def test_a_helper_who_deletes_her_account_is_no_longer_counted_as_offering(make_client, ctx):
    """Her offers go, and with them the kinds her old membership said she offered."""
    circle = make_circle()
    bodil = make_member(circle, name="Bodil Holm")
    make_offer(bodil, "garden")
    assert make_client(bodil).delete("/api/v1/me", json={"password": PASSWORD}).status_code == 204
    db.session.expire_all()
    assert [m.offered_kinds for m in bodil.memberships] == [0]


def test_inger_without_a_password_deletes_her_account_after_saying_yes(app, make_client, ctx):
    circle = make_circle()
    mette = make_member(circle, role="organizer", name="Mette Hansen")
    inger = make_member(circle, name="Inger Madsen")
    inger.password_hash = None
    _card, code = cards.issue(mette, circle.id, inger.id)
    db.session.commit()
    tablet = app.test_client()
    assert tablet.post("/api/v1/auth/card", json={"code": code}).status_code == 200
    unsure = tablet.delete("/api/v1/me", json={})
    assert unsure.status_code == 422 and "confirm" in unsure.get_json()["errors"]["json"]
    assert tablet.delete("/api/v1/me", json={"confirm": True}).status_code == 204
    assert tablet.get("/api/v1/me").status_code == 401


def test_withdrawing_consent_to_share_experiences_removes_them(make_client, ctx):
    karen = make_client(make_member(make_circle()))
    given = {"experiences": ["copd", "diabetes"], "experiences_consent": True}
    assert karen.patch("/api/v1/me", json=given).get_json()["experiences"] == ["copd", "diabetes"]
    withdrawn = karen.patch("/api/v1/me", json={"experiences_consent": False}).get_json()
    assert withdrawn["experiences"] == [] and withdrawn["experiences_consent_at"] is None
    history = karen.get("/api/v1/me/consents").get_json()
    assert [(c["kind"], c["given"]) for c in history] == [
        ("experiences", False),
        ("experiences", True),
    ]


def test_withdrawing_checkin_consent_removes_this_quarters_answers_only(make_client, ctx):
    circle = make_circle()
    karen = make_member(circle)
    app = make_client(karen)
    app.patch("/api/v1/me", json={"checkin_consent": True})
    # An answer from an earlier quarter is already in the municipality's published figures.
    earlier = utcnow() - timedelta(days=120)
    scores = {"companionship": 3, "left_out": 2, "isolated": 1, "lonely_direct": 3}
    db.session.add(CheckIn(user_id=karen.id, circle_id=circle.id, taken_at=earlier, **scores))
    db.session.commit()
    assert app.post("/api/v1/checkins", json=ANSWERS).status_code == 201
    app.patch("/api/v1/me", json={"checkin_consent": False})
    kept = db.session.query(CheckIn).filter_by(user_id=karen.id).all()
    assert [c.taken_at for c in kept] == [earlier]
    history = app.get("/api/v1/me/consents").get_json()
    assert [(c["kind"], c["given"]) for c in history] == [("checkins", False), ("checkins", True)]


def test_nobody_guesses_karens_password_by_trying_to_delete_her_account(
    make_client, app, monkeypatch, ctx
):
    karen = make_client(make_member(make_circle(), name="Karen Jensen"))
    monkeypatch.setitem(app.config, "CIRCLES_LOGIN_RATE_LIMIT", "2 per minute")
    tries = [karen.delete("/api/v1/me", json={"password": f"guess {n}"}) for n in range(3)]
    assert [r.status_code for r in tries] == [403, 403, 429]
    assert karen.get("/api/v1/me").status_code == 200
