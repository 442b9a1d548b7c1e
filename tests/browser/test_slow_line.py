"""On a slow line, Karen taps "Aktiviteter" in the menu: she sees at once that it is coming."""

from playwright.sync_api import expect

from tests.browser.test_screens import sign_in
from tests.factories import make_circle, make_member


def test_a_screen_on_a_slow_line_says_it_is_loading_until_it_is_there(ctx, open_app, context):
    karen = make_member(make_circle())
    page = open_app("#/signin")
    sign_in(page, karen.email)
    # Her home screen asks for the events too: it is drawn before the line turns slow.
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hej {karen.name.split()[0]}")

    # The line holds the answer until Karen has looked; on the context, because the app's
    # service worker makes the request, not the page itself.
    held = []
    context.route("**/api/v1/events", lambda route: held.append(route))
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Aktiviteter", exact=True).click()
    main, line = page.locator("main"), page.locator("#loading")
    expect(main).to_have_attribute("aria-busy", "true", timeout=1_000)
    expect(line).to_be_visible(timeout=2_000)
    expect(line).to_have_text("Henter …")
    assert len(held) == 1
    held[0].continue_()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aktiviteter")
    expect(main).not_to_have_attribute("aria-busy", "true")
    expect(line).to_be_hidden()
