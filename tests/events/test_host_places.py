"""A host already has her place: she cannot book it again or queue for her own event."""

import pytest

from circles.events.models import Booking
from tests.factories import book, make_circle, make_event, make_member


@pytest.fixture
def dinner(ctx):
    """Ruth hosts a dinner for two guests in Trøjborg; Mette organizes the circle."""
    circle = make_circle()
    ruth = make_member(circle, name="Ruth Andersen")
    mette = make_member(circle, role="organizer", name="Mette Madsen")
    meal = make_event(circle, ruth, kind="meal", title="Fællesspisning", capacity=2)
    return {"circle": circle, "ruth": ruth, "mette": mette, "meal": meal}


@pytest.mark.parametrize("full", [False, True])
def test_ruth_cannot_book_or_queue_for_her_own_dinner(dinner, make_client, full):
    if full:
        for name in ("Karen Jensen", "Søren Østergård"):
            book(dinner["meal"], make_member(dinner["circle"], name=name))
    answer = make_client(dinner["ruth"]).post(f"/api/v1/events/{dinner['meal'].id}/rsvp", json={})
    assert answer.status_code == 409
    assert answer.get_json()["key"] == "event.host_cannot_book"
    assert "vært" in answer.get_json()["message"]
    assert Booking.query.filter_by(user_id=dinner["ruth"].id).count() == 0


def test_an_organizer_cannot_book_the_host_either(dinner, make_client):
    answer = make_client(dinner["mette"]).post(
        f"/api/v1/events/{dinner['meal'].id}/rsvp", json={"user_id": dinner["ruth"].id}
    )
    assert answer.status_code == 409
    assert answer.get_json()["key"] == "event.host_cannot_be_booked"
