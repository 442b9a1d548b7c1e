"""A new member signs up, finds and joins a circle near them, and tells what they can give."""

from playwright.sync_api import expect
from sqlalchemy import select

from circles.accounts.models import User
from circles.extensions import db
from circles.membership.models import Membership
from tests.browser.conftest import check_screen
from tests.browser.test_screens import open_menu
from tests.factories import PASSWORD, make_circle, make_member

AARHUS_C = (56.15051, 10.27802)  # where postcode 8000 puts a new member


def test_member_signs_up_joins_a_circle_and_edits_profile(ctx, open_app):
    make_circle(name="Trøjborg", centre=AARHUS_C)
    page = open_app("#/signup")
    expect(page.get_by_role("heading", level=1)).to_have_text("Opret en konto")
    check_screen(page, "signup")

    page.get_by_label("Dit navn").fill("Søren Ærø Østergård")
    page.get_by_label("E-mail").fill("soren@example.dk")
    page.get_by_label("Adgangskode").fill("en god lang adgangskode")
    page.get_by_label("Fødselsdato").fill("1950-06-01")
    page.get_by_label("Postnummer").fill("8000")
    page.get_by_role("button", name="Opret konto").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Find en cirkel")
    expect(page.get_by_text("Velkommen, Søren Ærø Østergård")).to_be_visible()
    check_screen(page, "circles")
    page.get_by_role("button", name="Bliv medlem af Trøjborg").click()
    expect(page.get_by_text("Du er nu medlem af Trøjborg.")).to_be_visible()

    open_menu(page, "Min profil")
    expect(page.get_by_role("heading", level=1)).to_have_text("Min profil")
    check_screen(page, "profile")
    # The long lists are folded: he opens the two he wants.
    page.locator("summary", has_text="Det kan jeg hjælpe med").click()
    page.get_by_label("Små reparationer").check()
    page.locator("summary", has_text="Det har jeg selv været igennem").click()
    page.get_by_label("Ja, I må bruge det").check()
    page.get_by_label("At leve med KOL").check()
    page.get_by_role("button", name="Gem min profil").click()
    expect(page.get_by_text("Din profil er gemt.")).to_be_visible()

    user = db.session.scalar(select(User).where(User.email == "soren@example.dk"))
    db.session.refresh(user)
    assert user.skills == ["repairs"]
    assert user.experiences == ["copd"]
    membership = db.session.scalar(select(Membership).where(Membership.user_id == user.id))
    assert membership.status == "active"


def test_visitor_switches_to_english_and_larger_text(open_app):
    page = open_app("#/settings")
    expect(page.get_by_role("heading", level=1)).to_have_text("Indstillinger")
    page.get_by_label("English").check()
    page.get_by_label("150 %").check()
    page.get_by_role("button", name="Gem indstillinger").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Settings")
    expect(page.get_by_text("Your settings are saved.")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("html")).to_have_attribute("style", "font-size: 168.75%;")
    page.reload()
    expect(page.get_by_role("button", name="Menu")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Settings")


def test_member_signs_in_with_the_keyboard_alone(ctx, open_app):
    member = make_member(make_circle(), name="Inge Madsen")
    page = open_app("#/signin")
    page.locator("#skip-link").focus()
    page.keyboard.press("Enter")  # skips to the content, and stays on the same screen
    expect(page.get_by_role("heading", level=1)).to_be_focused()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind")
    page.keyboard.press("Tab")
    expect(page.get_by_label("E-mail")).to_be_focused()
    page.keyboard.type(member.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hej Inge")


def test_member_signs_up_with_the_phones_location(ctx, open_app, context):
    make_circle(name="Trøjborg")
    context.grant_permissions(["geolocation"])
    context.set_geolocation({"latitude": 56.1725, "longitude": 10.2085})
    page = open_app("#/signup")
    page.get_by_label("Dit navn").fill("Karen Jensen")
    page.get_by_label("E-mail").fill("karen@example.dk")
    page.get_by_label("Adgangskode").fill("en god lang adgangskode")
    page.get_by_label("Fødselsdato").fill("1946-02-20")
    page.get_by_role("button", name="Brug min placering").click()
    expect(page.get_by_text("Din placering er fundet")).to_be_visible()
    page.get_by_role("button", name="Opret konto").click()
    expect(page.get_by_role("button", name="Bliv medlem af Trøjborg")).to_be_visible()
    user = db.session.scalar(select(User).where(User.email == "karen@example.dk"))
    assert round(user.latitude, 4) == 56.1725


def test_sign_up_with_missing_fields_says_what_to_fix(ctx, open_app):
    page = open_app("#/signup")
    page.get_by_label("Dit navn").fill("Søren Ærø Østergård")
    page.get_by_role("button", name="Opret konto").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Der er et problem")
    expect(page.get_by_label("E-mail")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#f-email-error")).to_have_text("Udfyld dette felt.")
    check_screen(page, "signup-errors")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("E-mail")).to_be_focused()
