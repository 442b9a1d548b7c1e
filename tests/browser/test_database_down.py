"""The database goes down while Karen uses the app: it says so, shows what it saved, keeps her
new request waiting, and sends it once when the database is back.

The browser talks to one address. Behind it, a switch hands each request to the app on the
test database, or (during the outage) to the same installation whose database does not answer:
a real server answering its real 503s.
"""

import threading

import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from werkzeug.serving import make_server

from circles import create_app
from circles.config import database_url as driver_url
from circles.extensions import db
from circles.help.models import HelpRequest
from circles.notify import notifications
from tests.browser.conftest import WORKER_READY
from tests.browser.test_screens import sign_in
from tests.factories import make_circle, make_member
from tests.ops.test_outage import DOWN


class Switch:
    """A WSGI app that hands each request to the working installation, or the one that is down."""

    def __init__(self, up, down):
        self.up, self.down, self.database_down = up, down, False

    def __call__(self, environ, start_response):
        chosen = self.down if self.database_down else self.up
        return chosen(environ, start_response)


@pytest.fixture
def switch(app, database_url):
    """The switch, served on a free port: its address is switch.url."""
    kind = "postgresql" if database_url.startswith("postgresql") else "sqlite"
    down = create_app(
        {
            **{key: app.config[key] for key in ("SECRET_KEY", "CIRCLES_PWA_DIR")},
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": driver_url(DOWN[kind]),
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": False, "hide_parameters": True},
            "CIRCLES_JSON_LOGS": False,
        }
    )
    served = Switch(app, down)
    server = make_server("127.0.0.1", 0, served, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    served.url = f"http://127.0.0.1:{server.server_port}"
    yield served
    server.shutdown()
    thread.join(5)


def requests_of(person) -> list[str]:
    """What the server stored, read fresh from the database."""
    db.session.expire_all()
    found = select(HelpRequest.description).where(HelpRequest.requester_id == person.id)
    return list(db.session.scalars(found))


def test_karen_sees_saved_messages_and_her_request_waits_while_the_database_is_down(
    ctx, page, switch
):
    karen = make_member(make_circle(), name="Karen Jensen")
    notifications.notify(karen, "membership.approved", link="#/circles", circle="Trøjborg")
    db.session.commit()  # services do not commit: the server must see the message
    page.goto(f"{switch.url}/#/signin")
    page.wait_for_selector("main h1")
    page.evaluate(WORKER_READY)
    page.reload()  # now the service worker controls the page and saves what it fetches
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    sign_in(page, karen.email)
    page.goto(f"{switch.url}/#/ask")  # the kinds of help are saved on her phone now
    expect(page.get_by_text("Trin 1 af 3")).to_be_visible()
    page.goto(f"{switch.url}/#/notifications")
    welcome = page.get_by_text("Du er nu medlem af Trøjborg")
    expect(welcome).to_be_visible()
    status = page.locator("#status")
    expect(status).not_to_contain_text("kan ikke nås")

    switch.database_down = True
    page.reload()
    page.wait_for_selector("main h1")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beskeder")
    expect(welcome).to_be_visible()  # her saved copy, not an error
    expect(page.locator(".saved")).to_contain_text("Du ser gemte oplysninger")
    expect(status).to_contain_text("Circles kan ikke nås lige nu")

    page.goto(f"{switch.url}/#/ask")
    expect(page.get_by_text("Trin 1 af 3")).to_be_visible()
    page.get_by_label("Indkøb").check()
    page.get_by_role("button", name="Fortsæt").click()
    page.get_by_label("Fortæl kort, hvad du har brug for").fill(
        "Jeg skal have hentet varer fra Netto"
    )
    page.get_by_role("button", name="Fortsæt").click()
    page.get_by_role("button", name="Send mit ønske om hjælp").click()
    expect(status).to_contain_text("1 venter på at blive sendt")
    assert requests_of(karen) == []

    switch.database_down = False  # the outbox tries again by itself (Retry-After: 5 s)
    expect(status).not_to_contain_text("venter på at blive sendt", timeout=30_000)
    expect(status).not_to_contain_text("kan ikke nås")
    assert requests_of(karen) == ["Jeg skal have hentet varer fra Netto"]
