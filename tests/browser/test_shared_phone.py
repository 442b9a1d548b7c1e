"""On a phone two members share, the second never sees what the app saved for the first."""

from playwright.sync_api import expect

from circles.extensions import db
from circles.notify import notifications
from tests.browser.conftest import WORKER_READY
from tests.browser.test_screens import open_menu, sign_in
from tests.conftest import ApiClient
from tests.factories import PASSWORD, make_circle, make_member

TABLET = "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) Version/17.0 Safari/604.1"

SAVED_TEXT = """async () => {
  const cache = await caches.open("circles-api");
  const texts = [];
  for (const key of await cache.keys()) texts.push(await (await cache.match(key)).text());
  return texts.join("\\n");
}"""


def test_lars_signing_in_after_karen_finds_none_of_her_saved_answers(ctx, open_app, context):
    circle = make_circle()
    karen = make_member(circle, name="Karen Jensen", email="karen@example.dk")
    lars = make_member(circle, name="Lars Holm", email="lars@example.dk")
    notifications.notify(karen, "membership.approved", link="#/circles", circle="Trøjborg")
    db.session.commit()  # services do not commit: the live server must see the message
    page = open_app("#/signin")
    page.evaluate(WORKER_READY)
    page.reload()  # the service worker now controls the page and saves what it fetches
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    sign_in(page, karen.email)
    open_menu(page, "Beskeder")
    expect(page.get_by_text("Du er nu medlem af Trøjborg")).to_be_visible()
    assert "karen@example.dk" in page.evaluate(SAVED_TEXT)

    # Karen puts the phone down without signing out; her session ends (she was not remembered).
    context.clear_cookies()
    sign_in(page, lars.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hej Lars")  # signed in, his menu
    open_menu(page, "Beskeder")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beskeder")
    saved = page.evaluate(SAVED_TEXT)
    assert "karen@example.dk" not in saved and "Du er nu medlem" not in saved
    assert "lars@example.dk" in saved

    context.set_offline(True)
    page.reload()
    page.wait_for_selector("main h1")
    page.goto(page.url.split("#")[0] + "#/notifications")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beskeder")
    expect(page.get_by_text("Du er nu medlem af Trøjborg")).to_have_count(0)
    context.set_offline(False)


def test_staying_signed_in_is_a_choice_left_empty_unless_ticked(ctx, open_app, context):
    karen = make_member(make_circle(), email="karen@example.dk")
    page = open_app("#/signin")
    box = page.get_by_label("Bliv ved med at være logget ind på denne telefon")
    expect(box).not_to_be_checked()
    sign_in(page, karen.email)
    assert not [c for c in context.cookies() if c["name"] == "remember_token"]
    page.goto(page.url.split("#")[0] + "#/signout")
    page.wait_for_selector("#nav a[href='#/signin']", state="attached")
    page.locator("#f-email").fill(karen.email)
    page.locator("#f-password").fill(PASSWORD)
    page.get_by_label("Bliv ved med at være logget ind på denne telefon").check()
    page.locator("form button[type=submit]").click()
    page.wait_for_selector("#nav a[href='#/signout']", state="attached")
    assert [c for c in context.cookies() if c["name"] == "remember_token"]


def test_karen_signs_out_the_tablet_she_left_at_her_daughters_from_settings(app, ctx, open_app):
    karen = make_member(make_circle(), email="karen@example.dk")
    tablet = ApiClient(app, app.response_class, use_cookies=True)
    tablet.environ_base["HTTP_USER_AGENT"] = TABLET
    login = {"email": karen.email, "password": PASSWORD}
    assert tablet.post("/api/v1/auth/login", json=login).status_code == 200
    page = open_app("#/signin")
    sign_in(page, karen.email)
    page.goto(page.url.split("#")[0] + "#/settings")
    devices = page.locator("ul.devices")
    expect(devices).to_contain_text("(denne telefon)")
    ipad = devices.locator("li", has_text="iPad, Safari")
    ipad.get_by_role("button", name="Log ud").click()
    expect(devices.locator("li", has_text="iPad")).to_have_count(0)
    assert tablet.get("/api/v1/me").status_code == 401
