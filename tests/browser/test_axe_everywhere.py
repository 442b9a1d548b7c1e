"""axe-core, with every rule it runs by default, finds nothing on any screen: each screen of the
app a member meets, each organizer page and each staff page, in Danish and English, with text at
100 % and at 200 %, on a 390x844 phone. One page per person, who signs in once."""

import json

import pytest
from playwright.sync_api import expect

from circles.extensions import db
from tests.browser.conftest import run_axe
from tests.browser.test_fit import ORGANIZER_PAGES, SETTINGS, member_screens, neighbourhood
from tests.browser.test_screens import SIGNED_OUT, sign_in
from tests.factories import PASSWORD, make_staff

__all__ = ["neighbourhood"]  # the fixture, shared with test_fit

# Screens met by following a link, beyond test_screens' lists.
FROM_LINKS_OUT = ["#/forgot", "#/sms-code", "#/reset/not-a-token"]
FROM_LINKS_IN = ["#/behalf", "{match}/messages", "#/report/person/{inge}"]
FROM_LINKS_IN += ["#/block/{inge}?name=Inge"]
VARIANTS = [(language, size) for language in ("da", "en") for size in (100, 200)]
# The staff pages have no text-size setting: the browser's own (html's font-size) stands in.
ROOT_FONT = {100: "font-size: 112.5%;", 200: "font-size: 225%;"}  # the app's 18 px, times the size
BROWSER_TEXT_SIZE = "size => { document.documentElement.style.fontSize = size + '%'; }"


class Axe:
    """axe-core run on each screen shown; what it finds, and how many screens it checked."""

    def __init__(self):
        self.checked = 0
        self.found: list[str] = []

    def check(self, page, name: str) -> None:
        page.wait_for_selector("main h1")
        page.wait_for_load_state("load")
        language, result = run_axe(page, f"axe-{name}")  # every rule enabled by default
        self.checked += 1
        for violation in result["violations"]:
            nodes = json.dumps([n["target"] for n in violation["nodes"]][:3])
            self.found.append(f"{name} ({language}): {violation['id']} {nodes}")

    def report(self, who: str) -> None:
        print(f"\naxe-core checked {self.checked} {who} screens: {len(self.found)} problems")
        assert self.found == [], "\n".join(self.found)


@pytest.fixture
def phone(browser, browser_context_args):
    """A fresh phone (browser context) for one person, closed afterwards."""
    contexts = []

    def opened():
        contexts.append(browser.new_context(**browser_context_args))
        return contexts[-1].new_page()

    yield opened
    for context in contexts:
        context.close()


def test_every_member_screen_passes_axe(neighbourhood, phone, live_server):
    member, screens = member_screens(neighbourhood, "da", 100)
    match = next(route for route in screens if route.startswith("#/matches/"))
    inge = neighbourhood["inge"].id
    screens += [route.format(match=match, inge=inge) for route in FROM_LINKS_IN]
    page = phone()
    axe = Axe()
    page.goto(f"{live_server}/manifest.webmanifest")
    for language, size in VARIANTS:
        page.evaluate(SETTINGS, {"language": language, "textSize": size})
        page.goto(f"{live_server}/#/signin")
        page.reload()  # the app takes the language and text size as it starts
        for route in [*SIGNED_OUT, *FROM_LINKS_OUT]:
            page.goto(f"{live_server}/{route}")
            expect(page.locator("html")).to_have_attribute("lang", language)
            expect(page.locator("html")).to_have_attribute("style", ROOT_FONT[size])
            axe.check(page, f"{size}-out-" + route.strip("#/").replace("/", "-"))
    page.goto(f"{live_server}/#/signin")
    sign_in(page, member.email)
    for language, size in VARIANTS:
        member.language, member.text_size = language, size
        db.session.commit()
        page.evaluate(SETTINGS, {"language": language, "textSize": size, "member": True})
        page.reload()  # the app takes the member's language and text size as it starts
        for route in screens:
            page.goto(f"{live_server}/{route}")
            expect(page.locator("html")).to_have_attribute("lang", language)
            expect(page.locator("html")).to_have_attribute("style", ROOT_FONT[size])
            name = route.strip("#/").split("?")[0].replace("/", "-") or "home"
            axe.check(page, f"{size}-{name}")
        page.get_by_role("button", name="Menu").click()
        axe.check(page, f"{size}-menu")
    axe.report("member")


def test_every_organizer_page_passes_axe(neighbourhood, phone, live_server):
    circle, mette = neighbourhood["circle"], neighbourhood["mette"]
    page = phone()
    page.goto(f"{live_server}/staff/login?next=/organize/")
    page.locator("#email").fill(mette.email)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/organize/**")
    axe = Axe()
    pages = [*ORGANIZER_PAGES, f"/members/{neighbourhood['inge'].id}"]
    for language, size in VARIANTS:
        mette.language, mette.text_size = language, size  # her settings in the app hold here too
        db.session.commit()
        page.goto(f"{live_server}/organize/")
        expect(page.locator(".organize")).to_have_class(f"organize text-{size}")
        axe.check(page, f"organize-{size}-index")
        for path in pages:
            page.goto(f"{live_server}/organize/circles/{circle.id}{path}")
            name = path.strip("/").split("?")[0].replace("/", "-") or "home"
            axe.check(page, f"organize-{size}-{name}")
    axe.report("organizer")


def test_every_staff_page_passes_axe(neighbourhood, phone, live_server):
    municipality = neighbourhood["circle"].municipality
    staff = make_staff(municipality)
    db.session.commit()
    page = phone()
    axe = Axe()
    for language, size in VARIANTS:
        page.set_extra_http_headers({"Accept-Language": language})
        for path in ["/staff/login", "/staff/forgot"]:
            page.goto(f"{live_server}{path}")
            page.evaluate(BROWSER_TEXT_SIZE, size)
            axe.check(page, f"staff-{size}-" + path.split("/")[-1])
    page.goto(f"{live_server}/staff/login")
    page.locator("#email").fill(staff.email)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/")
    for language, size in VARIANTS:
        staff.language = language
        db.session.commit()
        for path in [f"/municipalities/{municipality.id}", "/municipalities/999999"]:
            page.goto(f"{live_server}/staff{path}")
            expect(page.locator("html")).to_have_attribute("lang", language)
            page.evaluate(BROWSER_TEXT_SIZE, size)
            axe.check(page, f"staff-{size}-" + ("problem" if "999999" in path else "dashboard"))
    axe.report("staff")
