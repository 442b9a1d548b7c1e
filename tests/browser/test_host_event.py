"""Ruth hosts the dinner: her event page says her place is hers, and offers no booking."""

from playwright.sync_api import expect

from tests.browser.conftest import check_screen
from tests.browser.test_screens import sign_in
from tests.factories import make_circle, make_event, make_member


def test_ruth_sees_she_hosts_and_is_not_offered_a_place(ctx, open_app):
    circle = make_circle()
    ruth = make_member(circle, name="Ruth Andersen")
    dinner = make_event(circle, ruth, kind="meal", title="Fællesspisning", capacity=8)
    page = open_app("#/signin")
    sign_in(page, ruth.email)
    open_app(f"#/events/{dinner.id}")
    expect(page.get_by_text("Du er vært. Din plads er sikret")).to_be_visible()
    expect(page.get_by_role("button", name="Tilmeld mig")).to_have_count(0)
    check_screen(page, "event-host")
