"""Newcomers from Aarhus: Birthe (76) gives only her postcode and joins Trøjborg; Mikkel (40)
is too young to be a member, offers to help instead, and is told what happens next."""

from datetime import date

from playwright.sync_api import expect
from sqlalchemy import select

from circles.accounts.models import User
from circles.extensions import db
from circles.membership.models import Membership
from tests.browser.conftest import check_screen
from tests.factories import add_member, make_circle, make_user

TROJBORG = (56.1722, 10.2080)  # 8000's centre lies in the bay, about 5 km from here


def trojborg():
    """Trøjborg as the demo has it: 1.6 km around its centre, and the postcodes 8000 and 8200."""
    circle = make_circle(
        name="Trøjborg", centre=TROJBORG, radius_km=1.6, area_postcodes=["8000", "8200"]
    )
    add_member(make_user(name="Mette Organizer"), circle, "organizer")
    return circle


def sign_up(page, name, email, birth_date, postcode, help=False, phone=None):
    page.get_by_label("Dit navn").fill(name)
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill("en god lang adgangskode")
    page.get_by_label("Fødselsdato").fill(birth_date)
    page.get_by_label("Postnummer").fill(postcode)
    if help:
        page.get_by_label("Jeg vil gerne hjælpe").check()
    if phone:
        page.get_by_label("Telefonnummer").fill(phone)
    page.get_by_role("button", name="Opret konto").click()


def membership_of(email):
    user = db.session.scalar(select(User).where(User.email == email))
    db.session.expire_all()
    return db.session.scalar(select(Membership).where(Membership.user_id == user.id))


def test_a_newcomer_with_postcode_8000_signs_up_and_joins_trojborg(ctx, open_app):
    trojborg()
    page = open_app("#/signup")
    sign_up(page, "Birthe Holm", "birthe@example.dk", "1950-04-11", "8000")

    expect(page.get_by_role("heading", level=1)).to_have_text("Find en cirkel")
    expect(page.get_by_text("Dækker postnumrene 8000 Aarhus C, 8200 Aarhus N.")).to_be_visible()
    expect(page.get_by_text("Du bor uden for denne cirkels område")).to_have_count(0)
    expect(page.get_by_text("km væk")).to_have_count(0)  # nothing measured from the bay
    check_screen(page, "newcomer-circles")
    page.get_by_role("button", name="Bliv medlem af Trøjborg").click()
    expect(page.get_by_text("Du er nu medlem af Trøjborg.")).to_be_visible()
    joined = membership_of("birthe@example.dk")
    assert (joined.role, joined.status) == ("member", "active")


def test_a_forty_year_old_offers_to_help_and_is_told_an_organizer_will_call(ctx, open_app):
    trojborg()
    page = open_app("#/signup")
    expect(page.get_by_text("Alle voksne kan hjælpe, også under 50 år.")).to_be_visible()
    check_screen(page, "signup-with-help")
    sign_up(page, "Mikkel Berg", "mikkel@example.dk", "1986-03-09", "8200", help=True,
            phone="20 30 40 50")  # fmt: skip

    expect(page.get_by_text("Velkommen, Mikkel Berg. Vælg nu den cirkel")).to_be_visible()
    expect(page.get_by_role("button", name="Bliv medlem af Trøjborg")).to_have_count(0)
    page.get_by_role("button", name="Jeg vil gerne hjælpe i Trøjborg").click()
    expect(page.get_by_text("Tak, fordi du vil hjælpe i Trøjborg.")).to_be_visible()
    expect(page.get_by_text("Du har tilbudt at hjælpe")).to_be_visible()
    expect(
        page.get_by_text("En arrangør ringer til dig for at mødes med dig.").first
    ).to_be_visible()
    check_screen(page, "helper-waiting")
    offered = membership_of("mikkel@example.dk")
    assert (offered.role, offered.status) == ("helper", "pending")
    assert offered.user.phone == "20 30 40 50"


def test_someone_too_young_who_did_not_say_so_at_sign_up_is_still_offered_to_help(
    ctx, open_app, live_server
):
    trojborg()
    page = open_app("#/signup")
    sign_up(page, "Sara Lund", "sara@example.dk", date(1990, 5, 5).isoformat(), "8000")
    expect(page.get_by_text("Alle voksne kan hjælpe naboerne i cirklen")).to_be_visible()
    expect(page.get_by_text("Denne cirkel er for personer på 50 år")).to_have_count(0)
    page.get_by_role("button", name="Jeg vil gerne hjælpe i Trøjborg").click()
    expect(page.get_by_text("Tak, fordi du vil hjælpe i Trøjborg.")).to_be_visible()
