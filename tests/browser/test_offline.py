"""Offline, the app still opens and says clearly when it shows saved information."""

import shutil

from playwright.sync_api import expect

from circles.config import PROJECT_DIR
from circles.extensions import db
from circles.notify import notifications
from tests.browser.conftest import WORKER_READY, eventually
from tests.browser.test_screens import open_menu, sign_in
from tests.factories import make_circle, make_member


def test_member_offline_sees_saved_messages_marked_as_saved(ctx, open_app, context):
    member = make_member(make_circle())
    notifications.notify(member, "membership.approved", link="#/circles", circle="Trøjborg")
    db.session.commit()  # services do not commit: the live server must see the message
    page = open_app("#/signin")
    page.evaluate(WORKER_READY)
    page.reload()  # now the service worker controls the page and saves what it fetches
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    sign_in(page, member.email)
    open_menu(page, "Beskeder")
    # The message itself, not just "Trøjborg": home names the circle too, and going offline
    # before the messages page has fetched (and so saved) them would test nothing.
    welcome = page.get_by_text("Du er nu medlem af Trøjborg")
    expect(welcome).to_be_visible()
    expect(page.locator(".saved")).to_have_count(0)

    context.set_offline(True)
    page.reload()
    page.wait_for_selector("main h1")
    page.goto(page.url.split("#")[0] + "#/notifications")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beskeder")
    expect(page.locator(".saved")).to_contain_text("Du ser gemte oplysninger")
    expect(welcome).to_be_visible()
    expect(page.get_by_role("status").first).to_contain_text("Du er ikke på nettet")
    context.set_offline(False)


def test_a_changed_app_replaces_the_old_shell_cache(app, monkeypatch, open_app, tmp_path):
    copy = tmp_path / "pwa"
    shutil.copytree(PROJECT_DIR / "pwa", copy)
    monkeypatch.setitem(app.config, "CIRCLES_PWA_DIR", str(copy))
    page = open_app("#/signin")
    page.evaluate(WORKER_READY)
    shell_caches = "caches.keys().then(k => k.filter(n => n.startsWith('circles-shell-')))"
    before = page.evaluate(shell_caches)
    assert len(before) == 1

    index = copy / "index.html"
    index.write_text(index.read_text("utf-8").replace("<body>", "<body data-new>"), "utf-8")
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    eventually(page, f"{shell_caches}.then(k => k.length === 1 && k[0] !== {before[0]!r})")
    page.reload()
    expect(page.locator("body[data-new]")).to_have_count(1)


# The screens' modules the worker keeps: a newcomer's first visit loads only the screen she sees.
KEPT_SCREENS = """async () => {
  const name = (await caches.keys()).find((n) => n.startsWith("circles-shell-"));
  const kept = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
  return kept.filter((path) => path.startsWith("/js/views/")).length;
}"""


def test_once_signed_in_she_opens_offline_a_screen_she_never_opened_online(ctx, open_app, context):
    member = make_member(make_circle())
    db.session.commit()  # services do not commit: the live server must see her
    page = open_app("#/signin")
    page.evaluate(WORKER_READY)
    screens = len(list((PROJECT_DIR / "pwa" / "js" / "views").glob("*.js")))
    assert page.evaluate(KEPT_SCREENS) < screens  # signed out: only what she has seen

    sign_in(page, member.email)
    eventually(page, f"({KEPT_SCREENS})().then((n) => n === {screens})")

    context.set_offline(True)
    page.reload()
    page.wait_for_selector("main h1")
    page.goto(page.url.split("#")[0] + "#/settings")  # never opened before
    expect(page.get_by_role("heading", level=1)).to_have_text("Indstillinger")
    context.set_offline(False)
