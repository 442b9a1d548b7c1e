"""Places on events: going or not, the waiting list, attendance, and interest in proposals."""

from flask_login import current_user

from circles.core.api import Blueprint
from circles.core.idempotency import idempotent
from circles.core.pagination import paginate
from circles.events import bookings, events, interest, occurrences
from circles.events.api.bookings.schemas import (
    AttendanceSchema,
    BookingListSchema,
    BookingQuerySchema,
    BookingSchema,
    InterestSchema,
    RsvpQuerySchema,
    RsvpSchema,
)

blp = Blueprint("bookings", __name__, url_prefix="/events", description="Places on events")


def original_start(event, data: dict):
    """The occurrence named in the input, as UTC; None for 'the only one'."""
    return occurrences.occurrence_key(event, data.get("occurrence_start"))


@blp.route("/<int:event_id>/rsvp", methods=["POST"])
@blp.login_required
@idempotent
@blp.arguments(RsvpSchema)
@blp.response(201, BookingSchema)
def rsvp(data, event_id):
    """Going (a place, or the waiting list when full) or not (members; organizers for one)."""
    event = events.get_event(bookings.viewer(current_user, data.get("user_id")), event_id)
    start = original_start(event, data)
    if data["going"]:
        return bookings.book(current_user, event, start, data.get("user_id"))
    found = bookings.give_back(current_user, event, start, data.get("user_id"))
    return found or {"event_id": event.id, "user_id": current_user.id, "status": "cancelled"}


@blp.route("/<int:event_id>/rsvp", methods=["DELETE"])
@blp.login_required
@blp.arguments(RsvpQuerySchema, location="query")
@blp.response(204)
def unrsvp(query, event_id):
    """Not going after all: the place goes to the first on the waiting list (members)."""
    event = events.get_event(current_user, event_id)
    bookings.give_back(current_user, event, original_start(event, query), query.get("user_id"))


@blp.route("/<int:event_id>/bookings", methods=["GET"])
@blp.login_required
@blp.arguments(BookingQuerySchema, location="query")
@blp.response(200, BookingListSchema(many=True))
@blp.paginate()
def list_bookings(query, event_id, pagination_parameters):
    """Who has a place (or waits) on an occurrence, in order (hosts, organizers)."""
    event = events.managed_event(current_user, event_id)
    start = original_start(event, query) if event.rrule else event.starts_at
    found = bookings.booked_query(event, start, query["status"])
    return paginate(pagination_parameters, found)


@blp.route("/<int:event_id>/attendance", methods=["POST"])
@blp.login_required
@blp.arguments(AttendanceSchema)
@blp.response(200, BookingListSchema(many=True))
def attendance(data, event_id):
    """After an occurrence: mark who came (hosts, organizers)."""
    event = events.managed_event(current_user, event_id)
    return bookings.mark_attendance(
        current_user, event, original_start(event, data), data["attended"]
    )


def interest_answer(event) -> dict:
    """Where the proposed event stands now."""
    return {
        "status": event.status,
        "interest_count": interest.interest_count(event),
        "interest_threshold": event.interest_threshold,
        "i_am_interested": interest.is_interested(current_user, event),
    }


@blp.route("/<int:event_id>/interest", methods=["POST"])
@blp.login_required
@blp.response(200, InterestSchema)
def show_interest(event_id):
    """'I would come': enough of these make a proposed event real (members of the circle)."""
    event = events.get_event(current_user, event_id)
    return interest_answer(interest.show_interest(current_user, event))


@blp.route("/<int:event_id>/interest", methods=["DELETE"])
@blp.login_required
@blp.response(200, InterestSchema)
def withdraw_interest(event_id):
    """Take back 'I would come' (members of the circle)."""
    event = events.get_event(current_user, event_id)
    return interest_answer(interest.show_interest(current_user, event, interested=False))
