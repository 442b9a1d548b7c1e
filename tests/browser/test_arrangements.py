"""Karen pauses her weekly phone chat with Inge over Christmas, and later stops it."""

from datetime import UTC, datetime

from playwright.sync_api import expect

from circles.extensions import db
from circles.help.models import Arrangement
from tests.browser.conftest import check_screen
from tests.browser.test_help_stories import rows
from tests.browser.test_screens import sign_in
from tests.factories import make_circle, make_member


def test_karen_pauses_her_weekly_chat_and_then_stops_it(ctx, open_app):
    circle = make_circle()
    karen = make_member(circle, name="Karen Jensen")
    inge = make_member(circle, name="Inge Madsen")
    weekly = Arrangement(
        circle_id=circle.id,
        requester_id=karen.id,
        helper_id=inge.id,
        category="phone_chat",
        every_weeks=1,
        first_at=datetime(2030, 1, 7, 9, tzinfo=UTC),
        created_by_id=karen.id,
    )
    db.session.add(weekly)
    db.session.commit()
    page = open_app("#/signin")
    sign_in(page, karen.email)
    open_app("#/")
    page.get_by_role("link", name="Mine faste aftaler: hold pause eller stop").click()
    expect(page.get_by_role("heading", name="En snak i telefonen med Inge")).to_be_visible()
    expect(page.get_by_text("Hver uge · I gang")).to_be_visible()
    check_screen(page, "arrangements")

    page.get_by_label("Hold pause og start igen den").fill("2031-01-05")
    page.get_by_role("button", name="Hold pause").click()
    expect(page.get_by_text("Holder pause. Starter igen 5. januar 2031")).to_be_visible()
    assert [a.paused_until.isoformat() for a in rows(Arrangement, id=weekly.id)] == ["2031-01-05"]

    page.get_by_role("button", name="Stop den faste aftale").click()
    expect(page.get_by_text("Vil du stoppe den faste aftale med Inge for altid?")).to_be_visible()
    check_screen(page, "arrangement-stop")
    page.get_by_role("button", name="Ja, stop den").click()
    expect(page.get_by_text("Hver uge · Stoppet")).to_be_visible()
    assert [a.active for a in rows(Arrangement, id=weekly.id)] == [False]
