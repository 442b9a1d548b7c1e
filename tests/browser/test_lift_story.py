"""Karen gets her lift: she asks, Søren says yes, they write, see what each shared, and thank."""

from playwright.sync_api import expect

from circles.help.models import Block, HelpRequest, Match, Message
from tests.browser.conftest import WORKER_READY, check_screen
from tests.browser.test_help_stories import rows
from tests.browser.test_screens import sign_in
from tests.factories import (
    HOME,
    make_circle,
    make_match,
    make_member,
    make_offer,
    make_request,
    near,
)


def ask_for_a_lift(page) -> None:
    """Karen's three steps: a lift, in her words, from home with her address shared."""
    expect(page.get_by_text("Trin 1 af 3")).to_be_visible()
    page.get_by_label("Et lift eller transport").check()
    page.get_by_role("button", name="Fortsæt").click()
    page.get_by_label("Fortæl kort, hvad du har brug for").fill("Til lægen på Trøjborg tirsdag")
    page.get_by_role("button", name="Fortsæt").click()
    expect(page.get_by_text("Trin 3 af 3")).to_be_visible()
    expect(page.get_by_text("Din adresse vises også for din hjælper")).to_be_hidden()
    page.get_by_label("Ja, vis min adresse, når vi begge har sagt ja").check()
    expect(page.get_by_text("Din adresse vises også for din hjælper")).to_be_visible()
    check_screen(page, "ask-share-address")
    page.get_by_role("button", name="Send mit ønske om hjælp").click()


def test_karen_gets_her_lift_and_both_say_thank_you(ctx, browser, browser_context_args, open_app):
    circle = make_circle()
    karen = make_member(
        circle,
        name="Karen Jensen",
        address="Tordenskjoldsgade 12",
        postcode="8000",
        place_name="Aarhus C",
    )
    soren = make_member(
        circle,
        name="Søren Ærø Østergård",
        home=near(HOME, 700),
        phone="20 30 40 50",
        contact_channels=["app", "phone"],
    )
    make_offer(soren, "transport")

    asker = open_app("#/signin")
    sign_in(asker, karen.email)
    open_app("#/ask")
    ask_for_a_lift(asker)
    expect(asker.get_by_role("button", name="Spørg Søren")).to_be_visible()
    expect(asker.get_by_role("link", name="Bloker Søren")).to_be_visible()
    asker.get_by_role("button", name="Spørg Søren").click()
    expect(asker.get_by_text("Sendt: Du spørger Søren")).to_be_visible()
    [request] = rows(HelpRequest, requester_id=karen.id)
    assert (request.category, request.share_address) == ("transport", True)
    [match] = rows(Match, request_id=request.id)

    context = browser.new_context(**browser_context_args)
    helper = context.new_page()
    helper.goto(f"{open_app.base}/#/signin")
    sign_in(helper, soren.email)
    helper.goto(f"{open_app.base}/#/matches/{match.id}")
    # Before both have said yes, Søren learns neither Karen's name nor where she lives.
    expect(helper.get_by_role("heading", level=1)).to_have_text("Du hjælper en nabo")
    expect(helper.get_by_text("Tordenskjoldsgade 12")).to_have_count(0)
    helper.get_by_role("button", name="Ja, det vil jeg gerne").click()
    expect(helper.get_by_text("Tordenskjoldsgade 12, 8000 Aarhus C")).to_be_visible()
    expect(helper.get_by_role("heading", level=1)).to_have_text("Du hjælper Karen")
    expect(
        helper.get_by_text("Karen Jensen har valgt kun at blive kontaktet her i appen")
    ).to_be_visible()
    check_screen(helper, "match-shared-address")
    helper.get_by_role("link", name="Skriv til Karen").click()
    expect(helper.get_by_role("heading", level=1)).to_have_text("Samtale med Karen")
    helper.get_by_label("Skriv til Karen").fill("Jeg henter dig kl. 9 ved hoveddøren.")
    helper.get_by_role("button", name="Send beskeden").click()
    expect(helper.get_by_text("Jeg henter dig kl. 9 ved hoveddøren.")).to_be_visible()

    asker.goto(f"{open_app.base}/#/matches/{match.id}")
    expect(asker.get_by_role("heading", level=1)).to_have_text("Søren hjælper dig")
    expect(asker.get_by_role("link", name="20 30 40 50")).to_be_visible()
    expect(asker.get_by_text("Adresse")).to_have_count(0)  # the helper's home is never shown
    asker.get_by_role("link", name="Skriv til Søren").click()
    expect(asker.get_by_text("Jeg henter dig kl. 9 ved hoveddøren.")).to_be_visible()
    asker.get_by_label("Skriv til Søren").fill("Tak, jeg står klar med min stok.")
    asker.get_by_role("button", name="Send beskeden").click()
    expect(asker.get_by_text("Tak, jeg står klar med min stok.")).to_be_visible()
    check_screen(asker, "thread")
    helper.reload()
    expect(helper.get_by_text("Tak, jeg står klar med min stok.")).to_be_visible()
    assert [m.body for m in rows(Message, match_id=match.id)] == [
        "Jeg henter dig kl. 9 ved hoveddøren.",
        "Tak, jeg står klar med min stok.",
    ]

    helper.goto(f"{open_app.base}/#/matches/{match.id}")
    helper.get_by_role("button", name="Det er klaret").click()
    helper.get_by_label("Sig tak").fill("Det var hyggeligt at køre dig")
    helper.get_by_role("button", name="Send tak").click()
    expect(helper.get_by_text("Du sagde tak: „Det var hyggeligt at køre dig“")).to_be_visible()
    asker.goto(f"{open_app.base}/#/matches/{match.id}")
    expect(asker.get_by_text("Søren sagde tak: „Det var hyggeligt at køre dig“")).to_be_visible()
    asker.get_by_label("Sig tak").fill("Tusind tak for turen")
    asker.get_by_role("button", name="Send tak").click()
    expect(asker.get_by_text("Du sagde tak: „Tusind tak for turen“")).to_be_visible()
    check_screen(asker, "match-thanked-both-ways")
    [done] = rows(Match, id=match.id)
    assert (done.status, done.thanks_note, done.helper_thanks_note) == (
        "done",
        "Tusind tak for turen",
        "Det var hyggeligt at køre dig",
    )
    context.close()


def test_karen_writes_offline_then_blocks_soren_and_lifts_it_again(ctx, open_app, context):
    circle = make_circle()
    karen = make_member(circle, name="Karen Jensen")
    soren = make_member(circle, name="Søren Ærø Østergård", home=near(HOME, 700))
    request = make_request(karen, circle, category="transport", status="matched")
    match = make_match(request, soren, status="accepted")
    page = open_app("#/signin")
    page.evaluate(WORKER_READY)
    page.reload()  # now the service worker controls the page and saves what it fetches
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    sign_in(page, karen.email)
    open_app(f"#/matches/{match.id}/messages")
    expect(page.get_by_role("heading", level=1)).to_have_text("Samtale med Søren")
    expect(page.get_by_text("I har ikke skrevet sammen endnu.")).to_be_visible()

    context.set_offline(True)
    page.get_by_label("Skriv til Søren").fill("Er du der?")
    page.get_by_role("button", name="Send beskeden").click()
    expect(page.get_by_text("Dig · venter på at blive sendt")).to_be_visible()
    assert rows(Message, match_id=match.id) == []
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.get_by_text("Dig · venter på at blive sendt")).to_have_count(0)
    expect(page.get_by_text("Er du der?")).to_be_visible()
    assert [m.body for m in rows(Message, match_id=match.id)] == ["Er du der?"]

    page.get_by_role("link", name="Bloker Søren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bloker Søren?")
    check_screen(page, "block-confirm")
    page.get_by_role("button", name="Ja, bloker Søren").click()
    expect(page.get_by_role("heading", name="Personer du har blokeret")).to_be_visible()
    expect(page.get_by_role("button", name="Fjern blokering af Søren")).to_be_visible()
    check_screen(page, "settings-blocked")
    assert [b.blocked_id for b in rows(Block, blocker_id=karen.id)] == [soren.id]
    open_app(f"#/matches/{match.id}/messages")
    expect(page.get_by_text("Samtalen er lukket")).to_be_visible()

    open_app("#/settings")
    page.get_by_role("button", name="Fjern blokering af Søren").click()
    expect(page.get_by_text("Du har ikke blokeret nogen.")).to_be_visible()
    assert rows(Block, blocker_id=karen.id) == []
