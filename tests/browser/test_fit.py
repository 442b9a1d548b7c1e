"""Every screen a member or an organizer meets, on a 390x844 phone, in Danish and English, with
text at 100 % and at 200 %: a finger can hit every link, button, field and label (44x44 px,
48 for buttons), nothing scrolls sideways, the header stays small, and axe-core finds nothing."""

import json

import pytest
from playwright.sync_api import expect

from circles.events.models import Event
from circles.extensions import db
from circles.organizing import calls
from tests.browser.conftest import AXE_TAGS, SCREENS
from tests.browser.test_screens import HELP_SCREENS, SIGNED_IN, SIGNED_OUT, sign_in
from tests.factories import (
    PASSWORD,
    add_member,
    make_circle,
    make_event,
    make_match,
    make_member,
    make_offer,
    make_request,
    make_staff,
    make_user,
)

ORGANIZER_PAGES = ["", "/desk?q=a", "/members/new", "/today", "/calls", "/figures", "/helpers",
                   "/reports", "/area", "/import", "/audit"]  # fmt: skip

# What a finger taps, as each appears on the screen; the skip link only shows when focused.
TAPPABLE = "a[href], button, input:not([type=hidden]), label, select, textarea, summary"
MEASURE = """tappable => [...document.querySelectorAll(tappable)]
    .filter(e => e.getClientRects().length && !e.closest('.skip-link, .skip'))
    .filter(e => getComputedStyle(e).visibility !== 'hidden')
    .map(e => {
      const box = e.getBoundingClientRect();
      const least = e.matches('button, .button, input[type=submit]') ? 47.5 : 43.5;
      const name = (e.id || e.getAttribute('for') || e.textContent || e.name || e.tagName).trim();
      const size = `${Math.round(box.width)}x${Math.round(box.height)}`;
      return box.width < least || box.height < least
        ? `${e.tagName.toLowerCase()} "${name.slice(0, 40)}": ${size}` : null;
    }).filter(Boolean)"""

# The innermost elements that stick out past the phone's right edge: what makes it scroll.
WIDEST = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > 390.5)
    .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > 390.5))
    .slice(0, 3)
    .map(e => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.trim().slice(0, 30)}"`)"""


def problems_on(page, name: str) -> list[str]:
    """What is wrong with the screen shown: small targets, sideways scrolling, a tall header,
    axe-core's findings. A screenshot is kept."""
    page.wait_for_selector("main h1")
    page.wait_for_load_state("load")
    language = page.evaluate("document.documentElement.lang")
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS / f"fit-{name}-{language}.png", full_page=True)
    found = [f"{name}: {small}" for small in page.evaluate(MEASURE, TAPPABLE)]
    # Against the phone's 390 px, not innerWidth: a mobile browser widens its layout viewport
    # to fit content that overflows, and innerWidth grows with it.
    wide = page.evaluate("document.documentElement.scrollWidth") - 390
    if wide > 0:
        culprits = page.evaluate(WIDEST)
        found.append(f"{name}: scrolls sideways by {wide} px: {culprits}")
    header = page.evaluate("document.querySelector('header').getBoundingClientRect().height")
    menu_open = page.locator("[aria-expanded=true]").count()
    if header > 0.2 * 844 and not menu_open:
        found.append(f"{name}: the header is {round(header)} px tall")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(url="/vendor/axe-core/axe.min.js")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    for violation in result["violations"]:
        nodes = json.dumps([n["target"] for n in violation["nodes"]][:3])
        found.append(f"{name}: axe {violation['id']} {nodes}")
    return found


# The settings saved on this phone before anyone signs in: the language and the text size.
SETTINGS = "s => localStorage.setItem('circles-settings', JSON.stringify(s))"


@pytest.fixture
def neighbourhood(ctx):
    """A circle with an organizer, a member with a request, a match and a weekly walk."""
    circle = make_circle(name="Frederiksbjerg")
    mette = make_member(circle, role="organizer", name="Mette Kjær", email="mette@example.dk")
    inge = make_member(circle, name="Inge Madsen", phone="86 12 34 56")
    make_offer(inge, "garden")
    add_member(make_user(name="Bent Ravn"), circle, status="pending")  # waits to join
    helper = make_member(circle, role="helper", name="Søren Ærø Østergård")
    make_request(inge, circle, category="garden", description="Hækken")
    walk = make_event(circle, inge, title="Søndagsgåtur ved Riis Skov", capacity=1)
    walk.rrule = "FREQ=WEEKLY;COUNT=4"
    db.session.commit()
    call = {"member_id": inge.id, "direction": "out", "note": "Godt at tale med hende"}
    calls.log(mette, circle.id, call, today=walk.starts_at.date())
    db.session.commit()
    return {"circle": circle, "mette": mette, "inge": inge, "helper": helper, "walk": walk}


def member_screens(neighbourhood, language: str, size: int):
    """A member of the circle in that language and text size, and the screens she meets."""
    circle, inge = neighbourhood["circle"], neighbourhood["inge"]
    member = make_member(circle, language=language, text_size=size)
    mine = make_request(member, circle, category="garden", description="Græsset")
    match = make_match(mine, inge, status="accepted")
    walk: Event = neighbourhood["walk"]
    found = [*HELP_SCREENS, f"#/requests/{mine.id}", f"#/matches/{match.id}"]
    return member, [*SIGNED_IN, *found, f"#/events/{walk.id}", "#/arrangements", "#/reports"]


@pytest.mark.parametrize("size", [100, 200])
@pytest.mark.parametrize("language", ["da", "en"])
def test_every_member_screen_fits_a_finger_and_the_phone(neighbourhood, open_app, language, size):
    member, screens = member_screens(neighbourhood, language, size)
    page = open_app("#/signin", language=language)
    page.evaluate(SETTINGS, {"language": language, "textSize": size})
    found = []
    for route in SIGNED_OUT:
        open_app(route)
        found += problems_on(page, f"{size}-out-" + (route.strip("#/") or "home"))
    sign_in(page, member.email)
    expect(page.locator("html")).to_have_attribute(
        "style", f"font-size: {'225%' if size == 200 else '112.5%'};"
    )
    for route in screens:
        open_app(route)
        name = f"{size}-" + (route.strip("#/").replace("/", "-") or "home")
        found += problems_on(page, name)
        # Words hyphenate by the rules of the language the page says it is in.
        if page.evaluate("document.documentElement.lang") != language:
            found.append(f"{name}: the page does not say it is in {language!r}")
    page.get_by_role("button", name="Menu").click()
    found += problems_on(page, f"{size}-menu")
    menu = page.evaluate("document.querySelector('header').getBoundingClientRect().bottom")
    assert menu <= 844, f"the open menu is {menu} px tall: it does not fit the phone"
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("size", [100, 200])
@pytest.mark.parametrize("language", ["da", "en"])
def test_every_organizer_page_fits_a_finger_and_the_phone(
    neighbourhood, page, live_server, language, size
):
    circle, mette = neighbourhood["circle"], neighbourhood["mette"]
    mette.language, mette.text_size = language, size  # her text size in the app holds here too
    db.session.commit()
    page.goto(f"{live_server}/staff/login?next=/organize/circles/{circle.id}")
    page.locator("#email").fill(mette.email)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Frederiksbjerg")
    expect(page.locator(".organize")).to_have_class(f"organize text-{size}")
    pages = [*ORGANIZER_PAGES, f"/members/{neighbourhood['inge'].id}"]
    found = []
    for path in pages:
        page.goto(f"{live_server}/organize/circles/{circle.id}{path}")
        name = f"organize-{size}-" + (path.strip("/").split("?")[0].replace("/", "-") or "home")
        found += problems_on(page, name)
        if page.evaluate("document.documentElement.lang") != language:
            found.append(f"{name}: the page does not say it is in {language!r}")
    assert found == [], "\n".join(found)


# The staff pages (circles/municipal/): checked the same way, reported apart; every one, at
# 100 % and 200 % text (the browser's own size: html's font-size), in Danish and English.
# The size each word in the staff dashboard's charts is written at on the screen, in px: its
# font size in the drawing's units times the scale the drawing is shown at.
CHART_TEXT = """() => [...document.querySelectorAll('svg.chart text')].map(text => {
    const scale = text.getScreenCTM();
    const size = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(scale.a, scale.b);
    return [text.textContent, Math.round(size * 10) / 10];
  })"""

# The staff pages have no text-size setting: the browser's own (html's font-size) stands in.
BROWSER_TEXT_SIZE = "size => { document.documentElement.style.fontSize = size + '%'; }"


@pytest.mark.parametrize("size", [100, 200])
@pytest.mark.parametrize("language", ["da", "en"])
def test_the_staff_pages_fit_a_finger_and_the_phone(
    neighbourhood, browser, browser_context_args, live_server, language, size
):
    municipality = neighbourhood["circle"].municipality
    anne = make_staff(municipality, language=language, email="anne@example.dk")
    # A phone set to the language: its browser asks for the pages in it before anyone signs in.
    locale = {"da": "da-DK", "en": "en-GB"}[language]
    page = browser.new_context(**{**browser_context_args, "locale": locale}).new_page()
    found = []
    for path in ["/staff/forgot", f"/staff/login?next=/staff/municipalities/{municipality.id}"]:
        page.goto(f"{live_server}{path}")
        page.evaluate(BROWSER_TEXT_SIZE, size)
        name = f"staff-{size}-" + path.split("/")[2].split("?")[0]
        found += problems_on(page, name)
        if page.evaluate("document.documentElement.lang") != language:
            found.append(f"{name}: the page does not say it is in {language!r}")
    page.locator("#email").fill(anne.email)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"**/staff/municipalities/{municipality.id}")
    for path in [f"/municipalities/{municipality.id}", "/municipalities/999999"]:
        page.goto(f"{live_server}/staff{path}")
        page.evaluate(BROWSER_TEXT_SIZE, size)
        name = f"staff-{size}-" + ("problem" if "999999" in path else "dashboard")
        found += problems_on(page, name)
        if name.endswith("dashboard"):  # its charts' words are 12 px at least on the phone
            words = page.evaluate(CHART_TEXT)
            assert len(words) > 20, "the dashboard shows charts with words"
            found += [f"{name}: the chart's {w!r} is {px} px" for w, px in words if px < 12]
        if page.evaluate("document.documentElement.lang") != language:
            found.append(f"{name}: the page does not say it is in {language!r}")
    assert found == [], "The staff pages:\n" + "\n".join(found)
