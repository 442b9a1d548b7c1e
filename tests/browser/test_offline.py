"""Offline, the app still opens and says clearly when it shows saved information."""

from playwright.sync_api import expect

from circles.services import notifications
from tests.browser.test_screens import open_menu, sign_in
from tests.factories import make_circle, make_member


def test_member_offline_sees_saved_messages_marked_as_saved(ctx, open_app, context):
    member = make_member(make_circle())
    notifications.notify(member, "membership.approved", link="#/circles", circle="Trøjborg")
    page = open_app("#/signin")
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now the service worker controls the page and saves what it fetches
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    sign_in(page, member.email)
    open_menu(page, "Beskeder")
    expect(page.get_by_text("Trøjborg")).to_be_visible()
    expect(page.locator(".saved")).to_have_count(0)

    context.set_offline(True)
    page.reload()
    page.wait_for_selector("main h1")
    page.goto(page.url.split("#")[0] + "#/notifications")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beskeder")
    expect(page.locator(".saved")).to_contain_text("Du ser gemte oplysninger")
    expect(page.get_by_text("Trøjborg")).to_be_visible()
    expect(page.get_by_role("status").first).to_contain_text("Du er ikke på nettet")
    context.set_offline(False)
