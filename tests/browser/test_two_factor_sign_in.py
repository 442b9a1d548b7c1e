"""Mette organizes a circle, so the app asks her for a second step: the code from her phone's
authenticator app, or once, a recovery code; and it sets the app up the first time."""

import pyotp
import pytest
from playwright.sync_api import expect

from circles.accounts import two_factor
from circles.extensions import db
from tests.browser.conftest import check_screen
from tests.factories import PASSWORD, make_circle, make_member


@pytest.fixture
def two_factor_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "CIRCLES_REQUIRE_2FA", True)


@pytest.fixture
def mette(app, ctx, two_factor_on):
    """Mette, organizer in Trøjborg, whose authenticator app is set up."""
    mette = make_member(make_circle(name="Trøjborg"), role="organizer", name="Mette Mikkelsen")
    mette.totp_secret = two_factor.pending_secret(mette, app.config["SECRET_KEY"])
    mette.totp_enabled_at = mette.created_at
    db.session.commit()
    return mette


def password_step(page, person):
    page.get_by_label("E-mail").fill(person.email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()


def signed_in(page):
    page.wait_for_selector("#nav a[href='#/signout']", state="attached")


def test_mette_signs_in_with_her_password_and_the_code_from_her_app(open_app, mette):
    page = open_app("#/signin")
    password_step(page, mette)
    expect(page.get_by_role("heading", level=1)).to_have_text("Koden fra din app")
    field = page.get_by_label("Koden fra din godkendelses-app")
    expect(field).to_have_attribute("inputmode", "numeric")
    expect(field).to_have_attribute("autocomplete", "one-time-code")
    expect(field).to_be_focused()
    check_screen(page, "two-factor-code")
    field.fill("000000")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("alert")).to_contain_text("Koden er ikke rigtig.")
    expect(field).to_have_attribute("aria-invalid", "true")
    check_screen(page, "two-factor-wrong-code")
    field.fill(pyotp.TOTP(mette.totp_secret).now())
    page.get_by_role("button", name="Log ind").click()
    signed_in(page)


def test_a_recovery_code_lets_mette_in_once(open_app, mette):
    [code, *_] = two_factor.new_recovery_codes(mette)
    db.session.commit()
    page = open_app("#/signin")
    password_step(page, mette)
    page.get_by_role("button", name="Brug en reservekode i stedet").click()
    check_screen(page, "two-factor-recovery-code")
    page.get_by_label("Reservekode").fill(code)
    page.get_by_role("button", name="Log ind").click()
    signed_in(page)

    page = open_app("#/signout")  # and back to sign-in, signed out
    expect(page.locator("#nav a[href='#/signout']")).to_have_count(0)
    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind")
    password_step(page, mette)
    page.get_by_role("button", name="Brug en reservekode i stedet").click()
    page.get_by_label("Reservekode").fill(code)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("alert")).to_contain_text("Koden er ikke rigtig.")
    expect(page.locator("#nav a[href='#/signout']")).to_have_count(0)


def test_an_organizer_sets_up_her_authenticator_app_in_the_app(open_app, ctx, two_factor_on):
    make_member(
        make_circle(), role="organizer", name="Ole Organizer", email="ole@example.dk", language="en"
    )
    db.session.commit()
    page = open_app("#/signin", language="en")
    page.get_by_label("Email").fill("ole@example.dk")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up the second step")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    check_screen(page, "two-factor-enrol")
    secret = page.locator("code.secret").get_attribute("data-secret")
    page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    expect(page.get_by_text("each of these 10 codes lets you in once")).to_be_visible()
    check_screen(page, "two-factor-recovery-codes")
    page.get_by_role("button", name="I have written them down").click()
    signed_in(page)
