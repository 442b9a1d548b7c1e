"""Asking for help offline, offering help, volunteering and booking, in the browser, end to end."""

from playwright.sync_api import expect
from sqlalchemy import select

from circles.events.models import Booking
from circles.extensions import db
from circles.help.models import HelpRequest, Match, Offer
from tests.browser.conftest import check_screen
from tests.browser.test_screens import sign_in
from tests.factories import make_circle, make_event, make_match, make_member, make_request


def rows(model, **where):
    """What the server stored, read fresh from the database."""
    db.session.expire_all()
    return list(db.session.scalars(select(model).filter_by(**where)))


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


def test_member_asks_for_help_offline_and_it_is_sent_once_when_online(ctx, open_app, context):
    karen = make_member(make_circle(), name="Karen Jensen")
    page = open_app("#/signin")
    sign_in(page, karen.email)
    open_app("#/ask")
    expect(page.get_by_text("Trin 1 af 3")).to_be_visible()
    check_screen(page, "ask-step-1")

    context.set_offline(True)
    ask_for_shopping(page, "Jeg skal have hentet varer fra Netto")
    expect(page.locator("#status")).to_contain_text("1 venter på at blive sendt")
    page.locator("#status a").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Venter på at blive sendt")
    check_screen(page, "outbox-waiting")
    assert rows(HelpRequest, requester_id=karen.id) == []

    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.get_by_text("Alt er sendt. Intet venter.")).to_be_visible()
    page.evaluate("window.dispatchEvent(new Event('online'))")  # a second flush sends nothing new
    open_app("#/")
    expect(page.get_by_text("Jeg skal have hentet varer fra Netto")).to_be_visible()
    stored = rows(HelpRequest, requester_id=karen.id)
    assert [r.description for r in stored] == ["Jeg skal have hentet varer fra Netto"]


def test_member_offers_help_on_tuesday_mornings(ctx, open_app):
    soren = make_member(make_circle(), name="Søren Ærø Østergård")
    page = open_app("#/signin")
    sign_in(page, soren.email)
    open_app("#/offer")
    page.get_by_label("Hjælp med it og telefon").check()
    page.get_by_label("Tirsdag formiddag").check()
    page.get_by_role("button", name="Gem mit tilbud").click()
    expect(page.get_by_role("heading", name="Mine tilbud")).to_be_visible()
    offers = rows(Offer, user_id=soren.id)
    assert [(o.category, o.availability) for o in offers] == [("it_help", ["tue_morning"])]


def test_helper_offers_to_help_with_a_request_nearby(ctx, open_app):
    circle = make_circle()
    inge = make_member(circle, name="Inge Madsen")
    jonas = make_member(circle, name="Jonas Holm")
    request = make_request(inge, circle, category="garden", description="Hækken skal klippes")
    page = open_app("#/signin")
    sign_in(page, jonas.email)
    open_app("#/nearby")
    expect(page.get_by_text("Hækken skal klippes")).to_be_visible()
    check_screen(page, "nearby")
    page.get_by_role("button", name="Jeg kan hjælpe").click()
    # Before Inge says yes, Jonas does not learn who she is.
    expect(page.get_by_role("heading", level=1)).to_have_text("Du hjælper en nabo")
    expect(page.get_by_text("Madsen")).to_have_count(0)
    matches = rows(Match, request_id=request.id)
    assert [(m.helper_id, m.origin) for m in matches] == [(jonas.id, "volunteer")]


def test_member_books_an_event_and_gets_a_calendar_link(ctx, open_app):
    circle = make_circle()
    karen = make_member(circle)
    meal = make_event(circle, make_member(circle), kind="meal", title="Fællesspisning", capacity=12)
    page = open_app("#/signin")
    sign_in(page, karen.email)
    open_app("#/events")
    check_screen(page, "events")
    page.get_by_role("link", name="Fællesspisning").first.click()
    page.get_by_role("button", name="Tilmeld mig").click()
    expect(page.get_by_text("Du er tilmeldt")).to_be_visible()
    check_screen(page, "event-booked")
    assert [b.status for b in rows(Booking, event_id=meal.id, user_id=karen.id)] == ["going"]
    link = page.get_by_role("link", name="Føj til min kalender")
    expect(link).to_have_attribute("href", f"/api/v1/events/{meal.id}.ics")
    calendar = page.evaluate("href => fetch(href).then(r => r.text())", link.get_attribute("href"))
    assert "BEGIN:VCALENDAR" in calendar and "Fællesspisning" in calendar


def test_helper_accepts_and_both_see_contact_details(ctx, browser, browser_context_args, open_app):
    circle = make_circle()
    karen = make_member(
        circle, name="Karen Jensen", phone="86 12 34 56", contact_channels=["phone"]
    )
    jonas = make_member(circle, name="Jonas Holm", phone="20 30 40 50", contact_channels=["phone"])
    request = make_request(karen, circle, description="Jeg skal have hentet varer")
    match = make_match(request, jonas)
    helper = open_app("#/signin")
    sign_in(helper, jonas.email)
    open_app(f"#/matches/{match.id}")
    expect(helper.get_by_role("heading", level=1)).to_have_text("Du hjælper en nabo")
    expect(helper.get_by_text("86 12 34 56")).to_have_count(0)
    check_screen(helper, "match-proposed")
    helper.get_by_role("button", name="Ja, det vil jeg gerne").click()
    expect(helper.get_by_text("I har begge sagt ja")).to_be_visible()
    expect(helper.get_by_role("link", name="86 12 34 56")).to_be_visible()
    expect(helper.get_by_role("heading", level=1)).to_have_text("Du hjælper Karen")
    check_screen(helper, "match-accepted")

    context = browser.new_context(**browser_context_args)
    requester = context.new_page()
    requester.goto(f"{open_app.base}/#/signin")
    sign_in(requester, karen.email)
    requester.goto(f"{open_app.base}/#/matches/{match.id}")
    expect(requester.get_by_role("heading", level=1)).to_have_text("Jonas hjælper dig")
    expect(requester.get_by_role("link", name="20 30 40 50")).to_be_visible()
    requester.get_by_role("button", name="Det er klaret").click()
    requester.get_by_label("Sig tak").fill("Tusind tak for hjælpen")
    check_screen(requester, "match-thanks")
    requester.get_by_role("button", name="Send tak").click()
    expect(requester.get_by_text("Du sagde tak: „Tusind tak for hjælpen“")).to_be_visible()
    assert [(m.status, m.thanks_note) for m in rows(Match, id=match.id)] == [
        ("done", "Tusind tak for hjælpen")
    ]
    context.close()


NEIGHBOURS = [
    "Anna",
    "Bent",
    "Carl",
    "Dorte",
    "Erik",
    "Frida",
    "Gorm",
    "Hanne",
    "Ib",
    "Jytte",
    "Knud",
    "Lone",
]


def test_a_long_time_helper_sees_his_newest_help_first_and_asks_for_the_older(ctx, open_app):
    circle = make_circle()
    jonas = make_member(circle, role="helper", name="Jonas Holm")
    for name in NEIGHBOURS:  # twelve neighbours he has helped, Anna first, Lone last
        neighbour = make_member(circle, name=f"{name} Jensen")
        make_match(make_request(neighbour, circle, status="done"), jonas, status="done")
    page = open_app("#/signin")
    sign_in(page, jonas.email)
    open_app("#/")
    arranged = page.locator("main ul").filter(has=page.get_by_role("link", name="Indkøb – Lone"))
    expect(arranged.get_by_role("link")).to_have_count(10)
    expect(page.get_by_role("link", name="Indkøb – Anna")).to_have_count(0)
    page.get_by_role("button", name="Vis ældre aftaler").click()
    expect(arranged.get_by_role("link")).to_have_count(12)
    expect(page.get_by_role("link", name="Indkøb – Anna")).to_be_visible()
    expect(page.get_by_role("button", name="Vis ældre aftaler")).to_be_hidden()
