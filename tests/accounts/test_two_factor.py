"""Stories of those who see many people: a stolen password alone does not open the desk."""

import time

import pyotp
import pytest

from circles.accounts.models import User
from circles.extensions import db
from tests.factories import (
    PASSWORD,
    make_admin,
    make_circle,
    make_member,
    make_municipality,
    make_staff,
)


@pytest.fixture
def two_factor_on(app):
    """As in production: CIRCLES_REQUIRE_2FA is on."""
    app.config["CIRCLES_REQUIRE_2FA"] = True
    yield
    app.config["CIRCLES_REQUIRE_2FA"] = False


def login(client, user, **extra):
    return client.post(
        "/api/v1/auth/login", json={"email": user.email, "password": PASSWORD, **extra}
    )


def enrolled_secret(client, user) -> str:
    """Enrol the authenticator app through the first sign-in; the secret the app now holds."""
    first = login(client, user)
    assert first.status_code == 401
    body = first.get_json()
    assert body["second_factor"] == "enrol"
    assert body["enrolment"]["otpauth_uri"].startswith("otpauth://totp/Circles:")
    assert body["enrolment"]["qr_svg"].startswith("<svg")
    secret = body["enrolment"]["secret"]
    again = login(client, user).get_json()["enrolment"]["secret"]
    assert again == secret  # the same app can still be scanned on a second try
    assert login(client, user, code=pyotp.TOTP(secret).now()).status_code == 200
    return secret


def test_a_thief_with_the_organizers_password_gets_no_further(app, client, two_factor_on):
    circle = make_circle()
    organizer = make_member(circle, role="organizer", name="Ole Organizer")
    secret = enrolled_secret(app.test_client(), organizer)
    thief = app.test_client()
    refused = login(thief, organizer)
    assert refused.status_code == 401
    assert refused.get_json()["second_factor"] == "code"
    assert "enrolment" not in refused.get_json()  # the secret is never shown again
    assert login(thief, organizer, code="000000").status_code == 401
    assert thief.get("/api/v1/me").status_code == 401
    token = thief.post("/api/v1/auth/tokens", json={"email": organizer.email, "password": PASSWORD})
    assert token.status_code == 401
    next_code = pyotp.TOTP(secret).at(time.time() + 30)  # each code works once: the next one
    assert login(app.test_client(), organizer, code=next_code).status_code == 200


def test_a_lost_phone_is_survived_with_a_single_use_recovery_code(app, ctx, two_factor_on):
    admin = make_admin()
    own = app.test_client()
    enrolled_secret(own, admin)
    codes = own.post("/api/v1/me/two-factor/recovery-codes").get_json()["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert login(app.test_client(), admin, code=codes[0]).status_code == 200
    assert login(app.test_client(), admin, code=codes[0]).status_code == 401  # used up
    assert login(app.test_client(), admin, code=codes[1]).status_code == 200
    stored = db.session.scalar(db.select(User.totp_secret).where(User.id == admin.id))
    assert stored and all(code.replace("-", "") not in stored for code in codes)


def test_members_sign_in_with_a_password_alone(app, client, two_factor_on):
    karen = make_member(make_circle(), name="Karen Jensen")
    assert login(client, karen).status_code == 200
    refused = client.post("/api/v1/me/two-factor/recovery-codes")
    assert refused.status_code == 409


def test_recovery_codes_are_for_the_signed_in_only(client):
    assert client.post("/api/v1/me/two-factor/recovery-codes").status_code == 401


def test_the_staff_page_asks_for_the_code_after_the_password(app, ctx, two_factor_on):
    staff_user = make_staff(make_municipality("Aarhus Kommune"))
    page = app.test_client()
    csrf = page.get("/staff/login").get_data(as_text=True).split('name="csrf_token" value="')[1]
    csrf = csrf.split('"')[0]
    form = {"csrf_token": csrf, "email": staff_user.email, "password": PASSWORD}
    step_two = page.post("/staff/login", data=form)
    assert step_two.status_code == 200
    html = step_two.get_data(as_text=True)
    assert 'name="code"' in html and "<svg" in html
    assert page.get("/api/v1/me").status_code == 401  # not signed in yet
    secret = html.split('data-secret="')[1].split('"')[0]
    wrong = page.post("/staff/login", data={"csrf_token": csrf, "code": "123456"})
    assert wrong.status_code == 401
    done = page.post("/staff/login", data={"csrf_token": csrf, "code": pyotp.TOTP(secret).now()})
    assert done.status_code == 302
    assert page.get("/api/v1/me").status_code == 200
