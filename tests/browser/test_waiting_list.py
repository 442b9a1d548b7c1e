"""Moving up from the waiting list, in the browser: the meal is full, a place comes free."""

from playwright.sync_api import expect

from circles.events import bookings
from circles.events.models import Booking, Event
from circles.extensions import db
from tests.browser.conftest import check_screen
from tests.browser.test_help_stories import rows
from tests.browser.test_screens import sign_in
from tests.factories import make_circle, make_event, make_member


def test_member_on_the_waiting_list_gets_the_place_someone_gives_back(ctx, open_app):
    circle = make_circle()
    karen = make_member(circle, name="Karen Jensen")
    ole = make_member(circle, name="Ole Madsen")
    meal = make_event(circle, make_member(circle), kind="meal", title="Fællesspisning", capacity=1)
    bookings.book(ole, meal)  # Ole has the only place
    db.session.commit()  # services do not commit: the live server must see the booking

    page = open_app("#/signin")
    sign_in(page, karen.email)
    open_app("#/events")
    page.get_by_role("link", name="Fællesspisning").first.click()
    page.get_by_role("button", name="Skriv mig på ventelisten").click()
    expect(page.get_by_text("Du er på ventelisten")).to_be_visible()
    check_screen(page, "event-waiting")
    assert [b.status for b in rows(Booking, event_id=meal.id, user_id=karen.id)] == ["waiting"]

    bookings.give_back(ole, rows(Event, id=meal.id)[0])  # Ole cannot come after all
    db.session.commit()

    open_app("#/notifications")
    expect(page.get_by_text("Der er blevet en plads til dig på")).to_be_visible()
    check_screen(page, "notifications-moved-up")
    moved_up = page.locator("li.card", has_text="Der er blevet en plads til dig på")
    moved_up.get_by_role("link", name="Se mere").click()
    expect(page.get_by_text("Du er tilmeldt")).to_be_visible()
    check_screen(page, "event-moved-up")
    assert [b.status for b in rows(Booking, event_id=meal.id, user_id=karen.id)] == ["going"]
