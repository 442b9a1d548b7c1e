"""Every screen passes axe-core in Danish and English; the app is installable and works offline."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import WORKER_READY, check_screen
from tests.factories import (
    PASSWORD,
    make_circle,
    make_event,
    make_match,
    make_member,
    make_request,
)

SIGNED_OUT = ["#/signin", "#/signup", "#/circles", "#/settings"]
HELP_SCREENS = ["#/ask", "#/offer", "#/nearby", "#/events"]
SIGNED_IN = ["#/", "#/circles", "#/profile", "#/settings", "#/notifications", "#/outbox"]


def sign_in(page, email: str) -> None:
    """Sign in through the sign-in screen."""
    page.goto(page.url.split("#")[0] + "#/signin")
    page.locator("#f-email").fill(email)
    page.locator("#f-password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_selector("#nav a[href='#/signout']", state="attached")


def open_menu(page, item: str) -> None:
    """Open the menu and choose an item."""
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name=item, exact=True).click()


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_screen_passes_axe_in_both_languages(ctx, open_app, context, live_server, language):
    circle = make_circle()
    # In English the text is at 200 %: every screen must still fit the phone's width.
    member = make_member(circle, language=language, text_size=200 if language == "en" else 100)
    neighbour = make_member(circle, name="Inge Madsen")
    make_request(neighbour, circle, category="garden", description="Hækken")
    mine = make_request(member, circle, category="garden", description="Græsset")
    match = make_match(mine, neighbour, status="accepted")
    walk = make_event(circle, neighbour, title="Gåtur ved Riis Skov", capacity=1)
    screens = [*HELP_SCREENS, f"#/requests/{mine.id}", f"#/matches/{match.id}"]
    screens.append(f"#/events/{walk.id}")
    outside = []
    context.on("request", lambda r: r.url.startswith(live_server) or outside.append(r.url))
    page = open_app("#/signin", language=language)
    for route in SIGNED_OUT:
        open_app(route)
        check_screen(page, "out-" + (route.strip("#/") or "home"))
    sign_in(page, member.email)
    size = "225%" if language == "en" else "112.5%"
    expect(page.locator("html")).to_have_attribute("style", f"font-size: {size};")
    for route in SIGNED_IN + screens:
        open_app(route)
        check_screen(page, route.strip("#/").replace("/", "-") or "home")
    page.get_by_role("button", name="Menu").click()
    check_screen(page, "menu")
    assert outside == [], "nothing may load from outside the server"


def test_chromium_finds_the_app_installable(
    browser_type, browser_type_launch_args, live_server, tmp_path
):
    # A profile on disk: Chromium never offers to install from an incognito window.
    context = browser_type.launch_persistent_context(
        tmp_path / "profile", **browser_type_launch_args, viewport={"width": 390, "height": 844}
    )
    try:
        page = context.new_page()
        page.goto(f"{live_server}/#/signin")
        page.evaluate(WORKER_READY)
        session = context.new_cdp_session(page)
        errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert errors == []
    finally:
        context.close()


def test_text_at_200_percent_still_fits_the_phone(ctx, open_app):
    member = make_member(make_circle(), text_size=200)
    page = open_app("#/signin")
    sign_in(page, member.email)
    for route in ["#/", "#/profile", "#/settings"]:
        open_app(route)
        expect(page.locator("html")).to_have_attribute("style", "font-size: 225%;")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{route} scrolls sideways by {overflow}px"
        check_screen(page, "big-text-" + (route.strip("#/") or "home"))
