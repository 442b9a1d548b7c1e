"""Issue 13's whole journey, played in the browser on the demo data as `flask circles demo`
loads it: Karen gets her lift from Søren, a newcomer from 8000 joins a circle, and Mette
carries Inger while Jonas hears and answers by SMS through the local provider."""

from playwright.sync_api import expect
from sqlalchemy import select

from circles.accounts.models import User
from circles.db import transaction
from circles.demo.data import DEMO_PASSWORD, load_demo
from circles.extensions import db
from circles.help.models import HelpRequest, Match, Message
from circles.membership.models import Circle, Membership
from circles.notify import delivery
from tests.browser.conftest import check_screen
from tests.browser.test_help_stories import rows
from tests.browser.test_newcomer_story import sign_up

JONAS_MSISDN = 4530405060


def the_demo() -> dict[str, User]:
    """The demo, loaded as `flask circles demo` loads it; its people by first name."""
    with transaction():
        load_demo()
    people = db.session.scalars(select(User).where(User.name.is_not(None))).all()
    return {person.name.split()[0].lower(): person for person in people}


def sign_in(page, base: str, email: str) -> None:
    """Sign in through the sign-in screen with the demo's password."""
    page.goto(f"{base}/#/signin")
    page.locator("#f-email").fill(email)
    page.locator("#f-password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_selector("#nav a[href='#/signout']", state="attached")


def new_phone(browser, browser_context_args):
    """A second person's phone: a browser context of its own."""
    return browser.new_context(**browser_context_args).new_page()


def test_karen_asks_for_a_lift_soren_says_yes_they_write_and_both_say_thank_you(
    ctx, page, browser, browser_context_args, live_server
):
    people = the_demo()
    karen, soren = people["karen"], people["søren"]
    sign_in(page, live_server, "karen@circles.example")
    page.goto(f"{live_server}/#/ask")
    expect(page.get_by_text("Trin 1 af 3")).to_be_visible()
    page.get_by_label("Et lift eller transport").check()
    page.get_by_role("button", name="Fortsæt").click()
    page.get_by_label("Fortæl kort, hvad du har brug for").fill("Til lægen på Trøjborg tirsdag")
    page.get_by_role("button", name="Fortsæt").click()
    expect(page.get_by_text("Trin 3 af 3")).to_be_visible()
    page.get_by_role("button", name="Send mit ønske om hjælp").click()
    # Poul, whom Karen reported, is never suggested to her.
    expect(page.get_by_role("button", name="Spørg Søren")).to_be_visible()
    expect(page.get_by_role("button", name="Spørg Poul")).to_have_count(0)
    expect(page.get_by_role("link", name="Bloker Søren")).to_be_visible()
    page.get_by_role("button", name="Spørg Søren").click()
    expect(page.get_by_text("Sendt: Du spørger Søren")).to_be_visible()
    [request] = rows(HelpRequest, requester_id=karen.id, status="open", category="transport")
    [match] = rows(Match, request_id=request.id)

    helper = new_phone(browser, browser_context_args)
    sign_in(helper, live_server, "soren@circles.example")
    helper.goto(f"{live_server}/#/matches/{match.id}")
    expect(helper.get_by_role("heading", level=1)).to_have_text("Du hjælper en nabo")
    helper.get_by_role("button", name="Ja, det vil jeg gerne").click()
    expect(helper.get_by_role("heading", level=1)).to_have_text("Du hjælper Karen")
    expect(helper.get_by_role("link", name="Bloker Karen")).to_be_visible()
    helper.get_by_role("link", name="Skriv til Karen").click()
    expect(helper.get_by_role("heading", level=1)).to_have_text("Samtale med Karen")
    expect(helper.get_by_role("link", name="Bloker Karen")).to_be_visible()
    helper.get_by_label("Skriv til Karen").fill("Jeg henter dig kl. 9 ved hoveddøren.")
    helper.get_by_role("button", name="Send beskeden").click()
    expect(helper.get_by_text("Jeg henter dig kl. 9 ved hoveddøren.")).to_be_visible()

    page.goto(f"{live_server}/#/matches/{match.id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Søren hjælper dig")
    page.get_by_role("link", name="Skriv til Søren").click()
    expect(page.get_by_text("Jeg henter dig kl. 9 ved hoveddøren.")).to_be_visible()
    page.get_by_label("Skriv til Søren").fill("Tak, jeg står klar med min stok.")
    page.get_by_role("button", name="Send beskeden").click()
    expect(page.get_by_text("Tak, jeg står klar med min stok.")).to_be_visible()
    helper.reload()
    expect(helper.get_by_text("Tak, jeg står klar med min stok.")).to_be_visible()
    assert [m.body for m in rows(Message, match_id=match.id)] == [
        "Jeg henter dig kl. 9 ved hoveddøren.",
        "Tak, jeg står klar med min stok.",
    ]

    helper.goto(f"{live_server}/#/matches/{match.id}")
    helper.get_by_role("button", name="Det er klaret").click()
    helper.get_by_label("Sig tak").fill("Det var hyggeligt at køre dig")
    helper.get_by_role("button", name="Send tak").click()
    expect(helper.get_by_text("Du sagde tak: „Det var hyggeligt at køre dig“")).to_be_visible()
    page.goto(f"{live_server}/#/matches/{match.id}")
    expect(page.get_by_text("Søren sagde tak: „Det var hyggeligt at køre dig“")).to_be_visible()
    page.get_by_label("Sig tak").fill("Tusind tak for turen")
    page.get_by_role("button", name="Send tak").click()
    expect(page.get_by_text("Du sagde tak: „Tusind tak for turen“")).to_be_visible()
    check_screen(page, "demo-lift-thanked")
    [done] = rows(Match, id=match.id)
    assert (done.status, done.helper_id) == ("done", soren.id)
    assert (done.thanks_note, done.helper_thanks_note) == (
        "Tusind tak for turen",
        "Det var hyggeligt at køre dig",
    )


def test_a_newcomer_with_postcode_8000_signs_up_in_english_and_joins_a_demo_circle(ctx, open_app):
    the_demo()
    page = open_app("#/signup", language="en")
    page.get_by_label("Your name").fill("Birthe Holm")
    page.get_by_label("Email").fill("birthe@example.dk")
    page.get_by_label("Password").fill("a good long password")
    page.get_by_label("Date of birth").fill("1950-04-11")
    page.get_by_label("Postcode").fill("8000")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a circle")
    expect(page.get_by_text("km away")).to_have_count(0)  # nothing measured from the bay
    check_screen(page, "demo-newcomer-circles")
    page.get_by_role("button", name="Join Trøjborg").click()
    expect(page.get_by_text("You are now a member of Trøjborg.")).to_be_visible()
    birthe = db.session.scalar(select(User).where(User.email == "birthe@example.dk"))
    [joined] = rows(Membership, user_id=birthe.id)
    assert (joined.circle.name, joined.role, joined.status) == ("Trøjborg", "member", "active")


def test_a_newcomer_from_8200_signs_up_in_danish_and_may_join(ctx, open_app):
    the_demo()
    page = open_app("#/signup")
    sign_up(page, "Erik Holm", "erik@example.dk", "1948-02-02", "8200")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find en cirkel")
    page.get_by_role("button", name="Bliv medlem af Trøjborg").click()
    expect(page.get_by_text("Du er nu medlem af Trøjborg.")).to_be_visible()


def test_a_forty_year_old_from_8000_offers_to_help_in_trojborg(ctx, open_app):
    the_demo()
    page = open_app("#/signup")
    sign_up(page, "Mikkel Berg", "mikkel@example.dk", "1986-03-09", "8000", help=True,
            phone="20 30 40 50")  # fmt: skip
    expect(page.get_by_role("button", name="Bliv medlem af Trøjborg")).to_have_count(0)
    page.get_by_role("button", name="Jeg vil gerne hjælpe i Trøjborg").click()
    expect(page.get_by_text("Tak, fordi du vil hjælpe i Trøjborg.")).to_be_visible()
    mikkel = db.session.scalar(select(User).where(User.email == "mikkel@example.dk"))
    [offered] = rows(Membership, user_id=mikkel.id)
    assert (offered.circle.name, offered.role, offered.status) == ("Trøjborg", "helper", "pending")


def test_mette_says_yes_for_inger_jonas_hears_it_by_sms_and_answers_ja_to_an_invitation(
    ctx, page, browser, browser_context_args, live_server, client, sms_settings
):
    people = the_demo()
    inger = people["inger"]
    trojborg = db.session.scalar(select(Circle).where(Circle.name == "Trøjborg"))
    [lift] = rows(HelpRequest, requester_id=inger.id, status="open")

    # Jonas gives his mobile number and chooses SMS in his settings.
    jonas = new_phone(browser, browser_context_args)
    sign_in(jonas, live_server, "jonas@circles.example")
    jonas.goto(f"{live_server}/#/profile")
    jonas.get_by_label("Telefonnummer").fill("30 40 50 60")
    jonas.get_by_role("button", name="Gem min profil").click()
    expect(jonas.get_by_text("Din profil er gemt.")).to_be_visible()
    jonas.goto(f"{live_server}/#/settings")
    jonas.get_by_label("Send mig også beskederne som SMS").check()
    jonas.get_by_role("button", name="Gem indstillinger").click()
    expect(jonas.get_by_text("Dine indstillinger er gemt.")).to_be_visible()
    assert rows(User, id=people["jonas"].id)[0].notify_by == ["inapp", "sms"]

    # He sees Inger's lift among the requests nearby and offers to drive her.
    jonas.goto(f"{live_server}/#/nearby")
    inger_card = jonas.locator(".card").filter(has_text="Kørsel til øjenlægen torsdag")
    inger_card.get_by_role("button", name="Jeg kan hjælpe").click()
    jonas.wait_for_url("**/#/matches/*")
    [offered] = rows(Match, request_id=lift.id)
    assert (offered.helper_id, offered.status) == (people["jonas"].id, "proposed")

    # Inger has no app: Mette says yes for her on Inger's desk page.
    page.goto(f"{live_server}/staff/login?next=/organize/circles/{trojborg.id}/members/{inger.id}")
    page.get_by_label("E-mail").fill("mette@circles.example")
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inger Holm")
    expect(page.get_by_text("Jonas Helper: spurgt, venter på svar")).to_be_visible()
    page.get_by_role("button", name="Sig ja for dem").click()
    expect(page.get_by_text("Du sagde ja for dem. Den anden får besked.")).to_be_visible()
    expect(page.get_by_text("Jonas Helper: aftalt")).to_be_visible()
    check_screen(page, "demo-desk-inger-carried")
    assert rows(Match, id=offered.id)[0].status == "accepted"

    delivery.deliver_pending()
    told = sms_settings.texts_to(JONAS_MSISDN)
    assert told and told[-1].startswith("Circles: Det er en aftale!"), told

    # Mette asks for shopping for Inger on the desk and invites Jonas: he answers "ja" by SMS.
    page.locator("#ask-category").select_option(label="Indkøb")
    page.locator("#ask-description").fill("Indkøb i Netto fredag")
    page.get_by_role("button", name="Bed om hjælp").click()
    [shopping] = rows(HelpRequest, requester_id=inger.id, category="shopping")
    page.locator("section").filter(has_text="Indkøb i Netto fredag").get_by_role(
        "button", name="Spørg Jonas"
    ).click()
    expect(page.get_by_text("Jonas Helper: spurgt, venter på svar")).to_have_count(1)
    delivery.deliver_pending()
    invitation = sms_settings.texts_to(JONAS_MSISDN)[-1]
    assert "Svar JA eller NEJ" in invitation, invitation

    answered = sms_settings.receive(client, JONAS_MSISDN, "ja")
    assert answered.get_json() == {"outcome": "accepted"}
    [invited] = rows(Match, request_id=shopping.id)
    assert (invited.helper_id, invited.status) == (people["jonas"].id, "accepted")
    delivery.deliver_pending()
    assert "Inger Holm" in sms_settings.texts_to(JONAS_MSISDN)[-1]
    page.reload()
    expect(page.get_by_text("Jonas Helper: aftalt")).to_have_count(2)


INGER_MSISDN = 4586123456


def test_mette_turns_on_sms_for_inger_who_then_says_ja_to_jonas_by_sms(
    ctx, page, browser, browser_context_args, live_server, client, sms_settings
):
    people = the_demo()
    inger = people["inger"]
    trojborg = db.session.scalar(select(Circle).where(Circle.name == "Trøjborg"))
    member_page = f"/organize/circles/{trojborg.id}/members/{inger.id}"
    page.goto(f"{live_server}/staff/login?next={member_page}")
    page.get_by_label("E-mail").fill("mette@circles.example")
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_label("Send deres beskeder som SMS til deres mobil").check()
    page.locator("form").filter(has=page.locator("#sms")).get_by_role("button").click()
    expect(page.get_by_label("Send deres beskeder som SMS til deres mobil")).to_be_checked()
    assert "sms" in rows(User, id=inger.id)[0].notify_by

    jonas = new_phone(browser, browser_context_args)
    sign_in(jonas, live_server, "jonas@circles.example")
    jonas.goto(f"{live_server}/#/nearby")
    inger_card = jonas.locator(".card").filter(has_text="Kørsel til øjenlægen torsdag")
    inger_card.get_by_role("button", name="Jeg kan hjælpe").click()
    jonas.wait_for_url("**/#/matches/*")
    delivery.deliver_pending()
    [asked] = sms_settings.texts_to(INGER_MSISDN)
    assert asked.startswith("Circles: En nabo vil gerne hjælpe dig med Et lift eller transport")
    assert asked.endswith("Svar JA eller NEJ på denne SMS.")

    assert sms_settings.receive(client, INGER_MSISDN, "Ja tak!").get_json() == {
        "outcome": "accepted"
    }
    [lift] = rows(HelpRequest, requester_id=inger.id, category="transport")
    assert lift.status == "matched"
    delivery.deliver_pending()
    assert "Jonas Helper hjælper dig med" in sms_settings.texts_to(INGER_MSISDN)[-1]
    page.reload()
    expect(page.get_by_text("Jonas Helper: aftalt")).to_be_visible()
    jonas.reload()
    expect(jonas.get_by_role("heading", level=1)).to_have_text("Du hjælper Inger")
