"""Booking a member onto a full event from the desk says plainly: waiting list, and which place."""

import re

from circles.events.models import Booking
from tests.factories import book, make_circle, make_event, make_member
from tests.organizing.test_desk_pages import post


def test_mette_books_ruth_on_a_full_dinner_and_is_told_her_place_in_the_queue(make_client, ctx):
    circle = make_circle(name="Trøjborg")
    organizer = make_member(circle, role="organizer", name="Mette")
    host = make_member(circle, name="Bodil Kristensen")
    dinner = make_event(circle, host, kind="meal", title="Fællesspisning", capacity=1)
    book(dinner, make_member(circle, name="Karen Jensen"))
    book(dinner, make_member(circle, name="Søren Østergård"), status="waiting")
    ruth = make_member(circle, name="Ruth Andersen", phone="86 12 34 56")
    mette = make_client(organizer)
    member_url = f"/organize/circles/{circle.id}/members/{ruth.id}"
    page = mette.get(member_url).get_data(True)
    occurrence = re.search(r'<option value="([^"]+)">[^<]*Fællesspisning', page).group(1)

    booked = post(mette, member_url, action=f"{member_url}/book", occurrence=occurrence)
    assert booked.status_code == 302
    page = mette.get(member_url).get_data(True)
    assert "Pladsen er booket." not in page
    assert "Ruth Andersen står på ventelisten som nummer 2" in page
    assert Booking.query.filter_by(user_id=ruth.id).one().status == "waiting"
