"""Browser tests: the app served on a free port, driven by Debian's Chromium at phone size."""

import json
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from circles.config import PROJECT_DIR

CHROMIUM = "/usr/bin/chromium"
# Six helpers share two cores: give a busy machine time before calling a screen missing.
expect.set_options(timeout=15_000)
SCREENS = PROJECT_DIR / "test-results" / "screens"
# The WCAG 2.2 AA rules, and axe's best practices on top.
SET_LANGUAGE = "lang => localStorage.setItem('circles-settings', JSON.stringify({language: lang}))"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def pytest_collection_modifyitems(items):
    """Every test here is marked browser, so `-m "not browser"` leaves them out."""
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _served_from_another_thread(real_commits):
    """The live server answers from its own threads: every browser test commits for real."""


@pytest.fixture(scope="session")
def live_server(app):
    """The app served by werkzeug in a thread on a free port, on the test database."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (scripts/test does)")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium: Playwright cannot download its own here."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-background-networking"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A phone: 390x844, touch, Danish."""
    return {
        **browser_context_args,
        "viewport": {"width": 390, "height": 844},
        "has_touch": True,
        "is_mobile": True,
        "device_scale_factor": 2,
        "locale": "da-DK",
    }


@pytest.fixture
def open_app(page, live_server):
    """Open the app at a route (like "#/signin") and wait until the screen is drawn."""

    def opened(route: str = "", language: str | None = None):
        if language:
            page.goto(f"{live_server}/manifest.webmanifest")
            page.evaluate(SET_LANGUAGE, language)
        page.goto(f"{live_server}/{route}")
        page.wait_for_selector("main h1")
        return page

    opened.base = live_server
    return opened


# The service worker is active: page.evaluate awaits this; wait_for_function would not.
WORKER_READY = "navigator.serviceWorker.ready.then(() => true)"


def eventually(page, script: str, timeout: float = 10) -> None:
    """Wait until script (which may return a promise) gives a truthy value in the page."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(script):
        assert time.monotonic() < deadline, f"never true: {script}"
        page.wait_for_timeout(100)


TARGETS = "button, .button, #nav a, a.brand, input, select, textarea"  # the staff brand is no link
SMALL_TARGETS = """() => [...document.querySelectorAll("TARGETS")]
    .filter(e => e.offsetParent !== null && e.type !== "hidden")
    .map(e => [e.id || e.textContent.trim(), e.getBoundingClientRect()])
    .filter(([, box]) => box.width < 47.5 || box.height < 47.5)
    .map(([name, box]) => `${name}: ${Math.round(box.width)}x${Math.round(box.height)}`)""".replace(
    "TARGETS", TARGETS
)


def run_axe(page, shot: str, tags: list[str] | None = None) -> tuple[str, dict]:
    """The page's language and axe-core's result (the rules of tags, or every rule it runs by
    default), after a screenshot kept as shot-language.png."""
    language = page.evaluate("document.documentElement.lang")
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS / f"{shot}-{language}.png", full_page=True)
    if not page.evaluate("typeof axe !== 'undefined'"):
        # From this origin: the page's Content-Security-Policy refuses inline scripts.
        page.add_script_tag(url="/vendor/axe-core/axe.min.js")
    if tags is None:
        return language, page.evaluate("() => axe.run(document)")
    return language, page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags
    )


def check_screen(page, name: str) -> None:
    """No WCAG 2.2 AA problem by axe-core, targets of 48x48 px or more; a screenshot is kept."""
    page.wait_for_selector("main h1")
    language, result = run_axe(page, name, AXE_TAGS)
    problems = [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
    ]
    assert problems == [], f"{name} ({language}): " + json.dumps(problems, ensure_ascii=False)
    assert page.evaluate(SMALL_TARGETS) == [], f"{name} ({language}): targets under 48x48 px"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, (
        f"{name} ({language}) scrolls sideways by {overflow} px: something is cut off"
    )
