"""Stories of signed-in devices: each can be seen and ended, and an ended one stays out."""

from datetime import timedelta

import pytest
import time_machine

from circles.accounts import sessions
from circles.accounts.models import ApiToken, UserSession
from circles.core.types import utcnow
from circles.extensions import db
from tests.conftest import ApiClient
from tests.factories import PASSWORD, make_circle, make_member, make_user

TABLET = "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) Safari/604.1"
PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 7) Chrome/120.0 Mobile Safari/537.36"


@pytest.fixture
def production_timeouts(app):
    """The timeouts of a real installation (the test app relaxes them for time travel)."""
    keys = ("CIRCLES_PRIVILEGED_IDLE_MINUTES", "CIRCLES_SESSION_HOURS", "CIRCLES_TOKEN_IDLE_DAYS")
    saved = {key: app.config[key] for key in keys}
    app.config.update(
        CIRCLES_PRIVILEGED_IDLE_MINUTES=30, CIRCLES_SESSION_HOURS=12, CIRCLES_TOKEN_IDLE_DAYS=90
    )
    yield
    app.config.update(saved)


def browser(app, user, remember=False, agent=PHONE) -> ApiClient:
    """A browser on one device that signed in as user."""
    client = ApiClient(app, app.response_class, use_cookies=True)
    client.environ_base["HTTP_USER_AGENT"] = agent
    login = {"email": user.email, "password": PASSWORD, "remember": remember}
    response = client.post("/api/v1/auth/login", json=login)
    assert response.status_code == 200, response.get_json()
    return client


def copy_of_cookies(app, source: ApiClient) -> ApiClient:
    """What a thief who copied the browser's cookies holds."""
    thief = ApiClient(app, app.response_class, use_cookies=True)
    for name in ("session", "remember_token"):
        cookie = source.get_cookie(name)
        if cookie is not None:
            thief.set_cookie(name, cookie.value)
    return thief


def test_each_remembered_sign_in_gets_its_own_cookie_and_sign_out_kills_copies(app, ctx):
    karen = make_user()
    first, second = browser(app, karen, remember=True), browser(app, karen, remember=True)
    first_token = first.get_cookie("remember_token").value
    assert first_token != second.get_cookie("remember_token").value
    stolen = copy_of_cookies(app, first)
    remember_only = ApiClient(app, app.response_class, use_cookies=True)
    remember_only.set_cookie("remember_token", first_token)
    assert first.post("/api/v1/auth/logout").status_code == 204
    assert first.get_cookie("remember_token") is None
    assert stolen.get("/api/v1/me").status_code == 401
    assert remember_only.get("/api/v1/me").status_code == 401
    assert second.get("/api/v1/me").status_code == 200


def test_remember_me_is_a_choice(app, ctx):
    karen = make_user()
    assert browser(app, karen, remember=False).get_cookie("remember_token") is None
    assert browser(app, karen, remember=True).get_cookie("remember_token") is not None


def test_karen_signs_out_the_tablet_she_left_at_her_daughters(app, ctx):
    karen = make_user()
    tablet, phone = browser(app, karen, agent=TABLET), browser(app, karen, agent=PHONE)
    listed = phone.get("/api/v1/me/sessions").get_json()
    assert [(s["device"], s["current"]) for s in sorted(listed, key=lambda s: s["id"])] == [
        (TABLET, False),
        (PHONE, True),
    ]
    tablet_id = next(s["id"] for s in listed if s["device"] == TABLET)
    assert phone.delete(f"/api/v1/me/sessions/{tablet_id}").status_code == 204
    assert tablet.get("/api/v1/me").status_code == 401
    assert phone.get("/api/v1/me").status_code == 200
    assert [s["device"] for s in phone.get("/api/v1/me/sessions").get_json()] == [PHONE]


def test_nobody_can_see_or_end_another_persons_sessions(app, ctx):
    karen, mallory = make_user(), make_user(name="Mallory Madsen")
    karens_phone = browser(app, karen)
    karens_id = db.session.scalar(db.select(UserSession.id).where(UserSession.user_id == karen.id))
    hostile = browser(app, mallory)
    assert hostile.delete(f"/api/v1/me/sessions/{karens_id}").status_code == 404
    assert hostile.delete("/api/v1/me/sessions/999999").status_code == 404
    assert [s["id"] for s in hostile.get("/api/v1/me/sessions").get_json()] != [karens_id]
    assert karens_phone.get("/api/v1/me").status_code == 200
    anonymous = app.test_client()
    assert anonymous.get("/api/v1/me/sessions").status_code == 401
    assert anonymous.delete(f"/api/v1/me/sessions/{karens_id}").status_code == 401
    assert anonymous.delete("/api/v1/me/sessions").status_code == 401


def test_sign_out_everywhere_ends_every_browser_and_app(app, ctx):
    karen = make_user()
    tablet, phone = browser(app, karen, agent=TABLET), browser(app, karen, remember=True)
    app_token = phone.post(
        "/api/v1/auth/tokens", json={"email": karen.email, "password": PASSWORD, "name": "App"}
    ).get_json()["token"]
    assert phone.delete("/api/v1/me/sessions").status_code == 204
    assert tablet.get("/api/v1/me").status_code == 401
    assert phone.get("/api/v1/me").status_code == 401
    bearer = {"Authorization": f"Bearer {app_token}"}
    assert app.test_client().get("/api/v1/me", headers=bearer).status_code == 401


def test_a_new_password_signs_out_everyone_else(app, ctx):
    karen = make_user()
    thief, own = browser(app, karen, agent=TABLET), browser(app, karen)
    own_id = own.get("/api/v1/me/sessions").get_json()
    keep = next(s["id"] for s in own_id if s["current"])
    assert sessions.change_password(karen, "a brand new long password", keep_id=keep) == 1
    db.session.commit()
    assert thief.get("/api/v1/me").status_code == 401
    assert own.get("/api/v1/me").status_code == 200


def test_an_app_token_notes_its_use_once_a_minute_and_expires(app, ctx, production_timeouts):
    karen = make_user()
    client = app.test_client()
    made = client.post(
        "/api/v1/auth/tokens", json={"email": karen.email, "password": PASSWORD, "name": "App"}
    ).get_json()
    bearer = {"Authorization": f"Bearer {made['token']}"}
    start = utcnow()
    with time_machine.travel(start, tick=False):
        assert client.get("/api/v1/me", headers=bearer).status_code == 200
    first_use = db.session.scalar(db.select(ApiToken.last_used_at))
    assert first_use == start
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        assert client.get("/api/v1/me", headers=bearer).status_code == 200
    db.session.expire_all()
    assert db.session.scalar(db.select(ApiToken.last_used_at)) == first_use
    with time_machine.travel(start + timedelta(minutes=2), tick=False):
        assert client.get("/api/v1/me", headers=bearer).status_code == 200
    db.session.expire_all()
    assert db.session.scalar(db.select(ApiToken.last_used_at)) == start + timedelta(minutes=2)
    with time_machine.travel(start + timedelta(days=366), tick=False):
        assert client.get("/api/v1/me", headers=bearer).status_code == 401


def test_an_organizer_who_leaves_the_desk_is_signed_out_after_idle_minutes(
    app, ctx, production_timeouts
):
    circle = make_circle()
    organizer = make_member(circle, role="organizer", name="Ole Organizer")
    member = make_member(circle, name="Karen Jensen")
    start = utcnow()
    with time_machine.travel(start, tick=False):
        desk, own = browser(app, organizer), browser(app, member)
    with time_machine.travel(start + timedelta(minutes=20), tick=False):
        assert desk.get("/api/v1/me").status_code == 200
    with time_machine.travel(start + timedelta(minutes=45), tick=False):
        assert desk.get("/api/v1/me").status_code == 200  # 25 idle minutes: still in
    with time_machine.travel(start + timedelta(minutes=80), tick=False):
        assert desk.get("/api/v1/me").status_code == 401
        assert own.get("/api/v1/me").status_code == 200  # members are not timed out
