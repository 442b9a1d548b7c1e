"""Karen's son Peter helps her from his own phone; Karen downloads her data, then deletes her
account and can no longer sign in: in the browser."""

import json

from playwright.sync_api import expect

from circles.extensions import db
from circles.help.models import HelpRequest
from tests.browser.conftest import check_screen
from tests.browser.test_screens import sign_in
from tests.factories import PASSWORD, make_circle, make_member, make_user


def switch_to(page, email: str) -> None:
    """Sign out by forgetting the session, and sign in as someone else."""
    page.context.clear_cookies()
    page.reload()
    sign_in(page, email)


def test_peter_helps_karen_and_karen_takes_her_data_and_leaves(ctx, open_app):
    circle = make_circle()
    make_member(circle, role="organizer", name="Mette Hansen")
    karen = make_member(circle, name="Karen Jensen", email="karen@example.dk")
    peter = make_user(name="Peter Jensen", email="peter@example.dk", home=None)

    page = open_app("#/signin")
    sign_in(page, karen.email)
    open_app("#/relatives")
    check_screen(page, "relatives")
    page.get_by_label("Navn").fill("Peter")
    page.get_by_label("E-mail").fill("peter@example.dk")
    page.get_by_role("button", name="Inviter").click()
    expect(page.get_by_text("Peter er inviteret.")).to_be_visible()

    switch_to(page, peter.email)
    open_app("#/relatives")
    expect(page.get_by_text("Karen Jensen vil gerne have din hjælp.")).to_be_visible()
    page.get_by_role("button", name="Sig ja").click()
    expect(page.get_by_text("Nu kan du hjælpe Karen Jensen.")).to_be_visible()
    page.get_by_role("link", name="Bed om hjælp for Karen Jensen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Du handler for Karen Jensen")
    check_screen(page, "ask-for")
    page.locator("input[name=category]").first.check()
    page.get_by_label("Fortæl lidt mere").fill("Mor skal have handlet ind til weekenden")
    page.get_by_role("button", name="Send for Karen Jensen").click()
    expect(page.get_by_text("Ønsket om hjælp er sendt for Karen Jensen.")).to_be_visible()
    db.session.expire_all()
    asked = db.session.query(HelpRequest).one()
    assert (asked.requester_id, asked.created_by_id) == (karen.id, peter.id)

    switch_to(page, karen.email)
    open_app("#/my-data")
    check_screen(page, "my-data")
    with page.expect_download() as downloading:
        page.get_by_text("Hent alle mine data").click()
    data = json.loads(downloading.value.path().read_text(encoding="utf-8"))
    assert data["tables"]["users"][0]["name"] == "Karen Jensen"
    assert [r["requester_id"] for r in data["tables"]["help_requests"]] == [karen.id]
    page.get_by_label("Din adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Slet min konto").click()
    expect(page.get_by_text("Din konto er slettet.")).to_be_visible()
    page.locator("main").get_by_role("link", name="Log ind").click()

    page.locator("#f-email").fill("karen@example.dk")
    page.locator("#f-password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page.get_by_text("E-mail eller adgangskode er ikke rigtig")).to_be_visible()
