"""Mette carries Inger through a match on her page, in the browser, checked like the app."""

from datetime import timedelta

from playwright.sync_api import expect

from circles.core.types import utcnow
from circles.extensions import db
from circles.help.models import Arrangement, Match
from tests.browser.conftest import check_screen
from tests.factories import (
    PASSWORD,
    make_circle,
    make_match,
    make_member,
    make_offer,
    make_request,
)


def test_mette_says_yes_for_inger_and_the_page_passes_the_checks(ctx, page, live_server):
    circle = make_circle(name="Trøjborg")
    mette = make_member(circle, role="organizer", name="Mette Kjær", email="mette@example.dk")
    inger = make_member(circle, name="Inger Hansen", phone="86 12 34 56")
    soren = make_member(circle, role="helper", name="Søren Ærø Østergård")
    jonas = make_member(circle, role="helper", name="Jonas Berg")
    make_offer(jonas, "garden")
    offered = make_match(make_request(inger, circle), soren, origin="volunteer")
    make_request(inger, circle, category="garden", description="Hækken skal klippes")
    db.session.add(
        Arrangement(
            circle_id=circle.id,
            requester_id=inger.id,
            helper_id=soren.id,
            category="visit",
            first_at=utcnow() + timedelta(days=2),
            created_by_id=mette.id,
        )  # fmt: skip
    )
    db.session.commit()

    page.goto(f"{live_server}/staff/login?next=/organize/circles/{circle.id}/members/{inger.id}")
    page.get_by_label("E-mail").fill(mette.email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inger Hansen")
    expect(page.get_by_role("button", name="Spørg Jonas")).to_be_visible()
    expect(page.get_by_role("button", name="Stop den faste aftale")).to_be_visible()
    check_screen(page, "organize-member-carrying")

    page.get_by_role("button", name="Sig ja for dem").click()
    expect(page.get_by_text("Du sagde ja for dem. Den anden får besked.")).to_be_visible()
    expect(page.get_by_text("Søren Ærø Østergård: aftalt")).to_be_visible()
    check_screen(page, "organize-member-carried")
    db.session.expire_all()
    assert db.session.get(Match, offered.id).status == "accepted"
