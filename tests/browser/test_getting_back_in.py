"""Getting back in, in the browser: a forgotten password, a code by SMS, and the footer's
links to the privacy notice and the accessibility statement in both languages."""

import re

from playwright.sync_api import expect

from tests.accounts.test_getting_back_in import arrived
from tests.browser.conftest import check_screen
from tests.factories import PASSWORD, make_circle, make_member

NEW_PASSWORD = "min nye lange adgangskode"


def test_karen_forgets_her_password_follows_the_emailed_link_and_is_signed_in(
    ctx, open_app, mail_settings
):
    karen = make_member(make_circle(), name="Karen Jensen", email="karen@example.dk")
    page = open_app("#/signin")
    page.get_by_role("link", name="Glemt adgangskode?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Glemt adgangskode")
    check_screen(page, "forgot-password")
    page.get_by_label("E-mail").fill(karen.email)
    page.get_by_role("button", name="Send link").click()
    expect(page.get_by_text("Se efter i din indbakke")).to_be_visible()

    [(_, message)] = arrived(mail_settings.received)
    link = re.search(r"https://circles\.example\.dk/(#/reset/[\w-]+)", message.get_content())
    page = open_app(link.group(1))  # the link, on this test's server
    expect(page.get_by_role("heading", level=1)).to_have_text("Vælg en ny adgangskode")
    check_screen(page, "choose-new-password")
    page.get_by_label("Ny adgangskode").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Gem ny adgangskode").click()
    expect(page.get_by_text("Velkommen, Karen Jensen. Du er logget ind.")).to_be_visible()
    page.wait_for_selector("#nav a[href='#/signout']", state="attached")


def test_inger_with_only_a_mobile_signs_in_with_a_code_by_sms(ctx, open_app, sms_settings):
    make_member(make_circle(), name="Inger Madsen", email=None, phone="20 12 34 56")
    page = open_app("#/signin")
    expect(page.get_by_text("din organisator give dig et nyt kort")).to_be_visible()
    page.get_by_role("link", name="Log ind med en kode på SMS").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind med kode på SMS")
    page.get_by_label("Mobilnummer").fill("20 12 34 56")
    page.get_by_role("button", name="Send kode").click()
    expect(page.get_by_text("har vi sendt en SMS med en kode")).to_be_visible()
    check_screen(page, "sms-code")
    arrived(sms_settings.sent)
    code = re.search(r"\b(\d{6})\b", sms_settings.texts_to(4520123456)[0]).group(1)
    page.get_by_label("Koden fra SMS'en").fill(code)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_text("Velkommen, Inger Madsen. Du er logget ind.")).to_be_visible()


def test_the_footer_reaches_the_privacy_notice_and_accessibility_statement_in_both_languages(
    app, ctx, open_app, monkeypatch
):
    monkeypatch.setitem(app.config, "CIRCLES_OPERATOR_NAME", "Aarhus Kommune, Sundhed og Omsorg")
    monkeypatch.setitem(app.config, "CIRCLES_OPERATOR_PHONE", "89 40 20 00")
    monkeypatch.setitem(app.config, "CIRCLES_OPERATOR_EMAIL", "circles@aarhus.dk")
    monkeypatch.setitem(app.config, "CIRCLES_WAS_URL", "https://www.was.digst.dk/circles-aarhus-dk")
    for language, privacy, statement in [
        ("da", "Sådan passer vi på dine oplysninger", "Tilgængelighedserklæring"),
        ("en", "How we look after your information", "Accessibility statement"),
    ]:
        page = open_app("#/signin", language=language)
        page.get_by_role("link", name=privacy).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(privacy)
        expect(page.get_by_role("link", name="circles@aarhus.dk")).to_be_visible()
        check_screen(page, "privacy-notice")
        page.go_back()
        page.get_by_role("link", name=statement).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(statement)
        expect(page.get_by_role("link", name="89 40 20 00")).to_be_visible()
        was = page.locator("a[href='https://www.was.digst.dk/circles-aarhus-dk']")
        expect(was).to_be_visible()
        check_screen(page, "accessibility-statement")
    # The statement is linked as such from the staff and organizer pages' footer too.
    page.goto(f"{open_app.base}/staff/login")
    page.get_by_role("link", name="Tilgængelighedserklæring").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilgængelighedserklæring")


def test_karen_changes_her_password_in_settings_and_sees_confirm_your_email(
    ctx, open_app, mail_settings
):
    karen = make_member(make_circle(), name="Karen Jensen", email_confirmed_at=None)
    page = open_app("#/signin")
    page.locator("#f-email").fill(karen.email)
    page.locator("#f-password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_selector("#nav a[href='#/signout']", state="attached")
    open_app("#/")  # the home screen says it first: not everyone looks in Settings
    expect(page.get_by_role("heading", name="Bekræft din e-mail")).to_be_visible()
    check_screen(page, "home-confirm-email")
    open_app("#/settings")
    expect(page.get_by_role("heading", name="Bekræft din e-mail")).to_be_visible()
    page.get_by_role("button", name="Send linket igen").click()
    expect(page.get_by_text("Vi har sendt et nyt link")).to_be_visible()
    page.get_by_label("Nuværende adgangskode").fill("not my password")
    page.get_by_label("Ny adgangskode").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Gem ny adgangskode").click()
    expect(page.locator("#f-current_password-error")).to_contain_text("ikke rigtig")
    page.get_by_label("Nuværende adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Gem ny adgangskode").click()
    expect(page.get_by_text("Din adgangskode er skiftet")).to_be_visible()
    check_screen(page, "settings-password")
