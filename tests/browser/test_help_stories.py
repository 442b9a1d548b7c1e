"""Asking for help offline, a helper accepting, and booking an event, in the browser.

The help and events API is not on main yet, so these stories run against tests/browser/fake_api.py,
which follows the contract in /work/shared/API.md; accounts and profiles are the real server's.
"""

import pytest
from playwright.sync_api import expect

from tests.browser import fake_api
from tests.browser.conftest import WORKER_READY, check_screen
from tests.browser.test_screens import sign_in
from tests.factories import make_circle, make_member

# Requests the page sends go through the fake; the service worker would send them around it.
pytestmark = pytest.mark.browser_context_args(service_workers="block")


@pytest.fixture
def world():
    return fake_api.World()


def person(user) -> fake_api.Person:
    return fake_api.Person(id=user.id, name=user.name, phone=user.phone, email=user.email)


def ask_for_shopping(page, words: str) -> None:
    """The three steps of asking for help."""
    expect(page.get_by_text("Trin 1 af 3")).to_be_visible()
    page.get_by_label("Indkøb").check()
    page.get_by_role("button", name="Fortsæt").click()
    expect(page.get_by_text("Trin 2 af 3")).to_be_visible()
    page.get_by_label("Fortæl kort, hvad du har brug for").fill(words)
    page.get_by_role("button", name="Fortsæt").click()
    expect(page.get_by_text("Trin 3 af 3")).to_be_visible()
    check_screen(page, "ask-step-3")
    page.get_by_role("button", name="Send mit ønske om hjælp").click()


def test_member_asks_for_help_offline_and_it_is_sent_once_when_online(
    ctx, open_app, context, world
):
    karen = make_member(make_circle(), name="Karen Jensen")
    fake_api.install(context, world, person(karen))
    page = open_app("#/signin")
    sign_in(page, karen.email)
    open_app("#/ask")
    check_screen(page, "ask-step-1")

    context.set_offline(True)
    world.offline = True
    ask_for_shopping(page, "Jeg skal have hentet varer fra Netto")
    expect(page.get_by_text("Gemt på telefonen: Ønske om hjælp: Indkøb")).to_be_visible()
    expect(page.locator("#status")).to_contain_text("1 venter på at blive sendt")
    page.locator("#status a").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Venter på at blive sendt")
    check_screen(page, "outbox-waiting")
    assert world.requests == {}

    world.offline = False
    context.set_offline(False)
    expect(page.locator("#status")).to_have_text("Sendt: Ønske om hjælp: Indkøb")
    page.evaluate("window.dispatchEvent(new Event('online'))")  # a second flush sends nothing new
    open_app("#/")
    expect(page.get_by_text("Jeg skal have hentet varer fra Netto")).to_be_visible()
    assert len(world.requests) == 1
    keys = {key for path, key in world.calls if path == "/requests"}
    assert len(keys) == 1 and None not in keys


def test_helper_accepts_and_both_see_contact_details(
    ctx, browser, browser_context_args, live_server, world
):
    circle = make_circle()
    karen = make_member(circle, name="Karen Jensen", phone="86 12 34 56")
    jonas = make_member(circle, name="Jonas Holm", phone="20 30 40 50")
    pages = {}
    for user in (karen, jonas):
        context = browser.new_context(**browser_context_args, service_workers="block")
        fake_api.install(context, world, person(user))
        pages[user.name] = context.new_page()
    base = live_server
    requester, helper = pages["Karen Jensen"], pages["Jonas Holm"]

    requester.goto(f"{base}/#/signin")
    sign_in(requester, karen.email)
    requester.goto(f"{base}/#/ask")
    ask_for_shopping(requester, "Jeg skal have hentet varer")
    expect(requester.get_by_text("Sendt: Ønske om hjælp: Indkøb")).to_be_visible()
    expect(requester.get_by_role("heading", name="Hvem kan hjælpe?")).to_be_visible()
    expect(requester.get_by_role("heading", name="Jonas")).to_be_visible()
    expect(requester.get_by_text("Bor 600 m fra dig")).to_be_visible()
    check_screen(requester, "request-suggestions")
    requester.get_by_role("button", name="Spørg Jonas").click()
    expect(requester.get_by_role("link", name="Med Jonas")).to_be_visible()
    expect(requester.get_by_text("Venter på svar")).to_be_visible()
    expect(requester.get_by_text("20 30 40 50")).to_have_count(0)

    helper.goto(f"{base}/#/signin")
    sign_in(helper, jonas.email)
    expect(helper.get_by_text("Venter på dit svar")).to_be_visible()
    check_screen(helper, "home-helper")
    helper.get_by_role("link", name="Indkøb – Karen").click()
    expect(helper.get_by_role("heading", level=1)).to_have_text("Du hjælper Karen")
    expect(helper.get_by_text("86 12 34 56")).to_have_count(0)
    check_screen(helper, "match-proposed")
    helper.get_by_role("button", name="Ja, det vil jeg gerne").click()
    expect(helper.get_by_text("I har begge sagt ja")).to_be_visible()
    expect(helper.get_by_role("link", name="86 12 34 56")).to_be_visible()
    check_screen(helper, "match-accepted")

    requester.get_by_role("link", name="Med Jonas").click()
    expect(requester.get_by_role("heading", level=1)).to_have_text("Jonas hjælper dig")
    expect(requester.get_by_role("link", name="20 30 40 50")).to_be_visible()
    requester.get_by_role("button", name="Det er klaret").click()
    requester.get_by_label("Sig tak").fill("Tusind tak for hjælpen")
    check_screen(requester, "match-thanks")
    requester.get_by_role("button", name="Send tak").click()
    expect(requester.get_by_text("Tak: Tusind tak for hjælpen")).to_be_visible()
    for page in pages.values():
        page.context.close()


def test_member_books_an_event_and_gets_a_calendar_link(ctx, open_app, context, world):
    karen = make_member(make_circle())
    world.add_event(
        title="Fællesspisning i Trøjborg",
        starts_at="2026-12-03T17:00:00+00:00",
        place_name="Trøjborg Beboerhus",
        address="Tordenskjoldsgade 5",
        places_left=12,
    )
    fake_api.install(context, world, person(karen))
    page = open_app("#/signin")
    sign_in(page, karen.email)
    open_app("#/events")
    check_screen(page, "events")
    page.get_by_role("link", name="Fællesspisning i Trøjborg").click()
    expect(page.get_by_text("torsdag 3. december")).to_be_visible()
    page.get_by_role("button", name="Tilmeld mig").click()
    expect(page.get_by_text("Du er tilmeldt")).to_be_visible()
    check_screen(page, "event-booked")
    link = page.get_by_role("link", name="Føj til min kalender")
    expect(link).to_have_attribute("href", "/api/v1/events/1.ics")
    calendar = page.evaluate("href => fetch(href).then(r => r.text())", link.get_attribute("href"))
    assert "BEGIN:VCALENDAR" in calendar


@pytest.mark.browser_context_args(service_workers="allow")
def test_a_request_made_offline_survives_closing_the_app(ctx, open_app, context, world):
    karen = make_member(make_circle(), name="Karen Jensen")
    fake_api.install(context, world, person(karen))
    page = open_app("#/signin")
    page.evaluate(WORKER_READY)
    sign_in(page, karen.email)
    open_app("#/ask")
    page.wait_for_function("navigator.serviceWorker.controller !== null")

    context.set_offline(True)
    world.offline = True
    ask_for_shopping(page, "Jeg skal have hentet varer fra Netto")
    expect(page.locator("#status")).to_contain_text("1 venter på at blive sendt")
    page.close()
    page = context.new_page()  # the app opened again, still offline: from the phone's cache
    page.goto(open_app.base + "/#/outbox")
    expect(page.get_by_role("heading", level=1)).to_have_text("Venter på at blive sendt")
    expect(page.get_by_text("Ønske om hjælp: Indkøb")).to_be_visible()

    world.offline = False
    context.set_offline(False)
    expect(page.get_by_text("Alt er sendt. Intet venter.")).to_be_visible()
    assert [r["description"] for r in world.requests.values()] == [
        "Jeg skal have hentet varer fra Netto"
    ]


def test_member_offers_help_on_tuesday_mornings(ctx, open_app, context, world):
    soren = make_member(make_circle(), name="Søren Ærø Østergård")
    fake_api.install(context, world, person(soren))
    page = open_app("#/signin")
    sign_in(page, soren.email)
    open_app("#/offer")
    page.get_by_label("Hjælp med it og telefon").check()
    page.get_by_label("Tirsdag formiddag").check()
    page.get_by_role("button", name="Gem mit tilbud").click()
    expect(page.get_by_text("Sendt: Tilbud om hjælp: Hjælp med it og telefon")).to_be_visible()
    expect(page.get_by_role("heading", name="Mine tilbud")).to_be_visible()
    assert [(o["category"], o["availability"]) for o in world.offers] == [
        ("it_help", ["tue_morning"])
    ]


def test_helper_offers_to_help_with_a_request_nearby(ctx, open_app, context, world):
    circle = make_circle()
    inge = make_member(circle, name="Inge Madsen")
    jonas = make_member(circle, name="Jonas Holm")
    world.people[inge.id] = person(inge)
    world.requests[1] = {
        "id": 1,
        "requester_id": inge.id,
        "status": "open",
        "category": "garden",
        "category_label": "Have",
        "description": "Hækken skal klippes",
        "needed_at": None,
        "place": None,
        "distance_km": 0.4,
    }
    fake_api.install(context, world, person(jonas))
    page = open_app("#/signin")
    sign_in(page, jonas.email)
    open_app("#/nearby")
    expect(page.get_by_text("0,4 km væk")).to_be_visible()
    check_screen(page, "nearby")
    page.get_by_role("button", name="Jeg kan hjælpe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Du hjælper Inge")
    expect(page.get_by_text("Vi venter på et svar fra den anden")).to_be_visible()
    assert [(m["helper_id"], m["origin"]) for m in world.matches.values()] == [
        (jonas.id, "volunteer")
    ]
