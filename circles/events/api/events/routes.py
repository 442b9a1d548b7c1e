"""Events in my circles: list, create, read, change, call off, occurrences, and .ics files."""

from datetime import timedelta

from flask import Response, url_for
from flask_login import current_user

from circles.core.api import Blueprint
from circles.core.idempotency import idempotent
from circles.core.pagination import paginate
from circles.core.types import utcnow
from circles.events import calendars, events, interest, places
from circles.events import occurrences as event_occurrences
from circles.events.api.events.schemas import (
    EventChangeSchema,
    EventInSchema,
    EventListItemSchema,
    EventQuerySchema,
    EventSchema,
    FeedSchema,
    MoveSchema,
    OccurrenceQuerySchema,
    OccurrenceRefSchema,
    OccurrenceSchema,
)

blp = Blueprint("events", __name__, url_prefix="/events", description="Events and calendars")
calendar_blp = Blueprint("calendar", __name__, url_prefix="/calendar", description="My calendar")

SHOWN_OCCURRENCES = 10


def occurrence(event, slot, standing: tuple | None = None) -> dict:
    """An occurrence with the caller's standing on it (looked up unless given)."""
    key = (event.id, slot.original_start)
    places_left, my_status = standing or places.standings(current_user, [(event, slot)])[key]
    return {
        "original_start": slot.original_start,
        "starts_at": slot.starts_at,
        "ends_at": slot.ends_at,
        "cancelled": slot.cancelled,
        "places_left": places_left,
        "my_status": my_status,
    }


def occurrences(pairs: list, counted: dict | None = None) -> list[tuple]:
    """A page of occurrences, the caller's standings on all of them looked up at once (or
    from the bookings counted with them: places.standings)."""
    standing = places.standings(current_user, pairs, counted)
    return [
        (event, occurrence(event, slot, standing[(event.id, slot.original_start)]))
        for event, slot in pairs
    ]


def described(event) -> dict:
    """The event for the caller: the address only when theirs to see, occurrences to come."""
    shown = calendars.shows_address(current_user, event)
    now = utcnow()
    if event.rrule:
        coming = event_occurrences.slots(event, now, now + timedelta(days=366))[:SHOWN_OCCURRENCES]
    else:
        coming = event_occurrences.slots(event, event.starts_at, event.ends_at)
    return {
        **{field: getattr(event, field) for field in EventSchema().fields if hasattr(event, field)},
        "host_names": [host.name for host in events.hosts_of(event)],
        "address": event.address if shown else None,
        "address_hidden": bool(event.address) and not shown,
        "interest_count": interest.interest_count(event),
        "i_am_interested": interest.is_interested(current_user, event),
        "may_manage": events.may_manage(current_user, event),
        "occurrences": [shown for _, shown in occurrences([(event, slot) for slot in coming])],
    }


@blp.route("", methods=["GET"])
@blp.login_required
@blp.arguments(EventQuerySchema, location="query")
@blp.response(200, EventListItemSchema(many=True))
@blp.paginate()
def list_events(query, pagination_parameters):
    """What is coming in my circles, soonest first, one row per occurrence (members)."""
    pairs, counted = events.upcoming(
        current_user, utcnow(), query.get("circle_id"), query["status"], query["days"]
    )
    page = paginate(pagination_parameters, pairs)
    return [
        {
            **shown,
            **{
                f: getattr(event, f)
                for f in (
                    "id",
                    "circle_id",
                    "kind",
                    "title",
                    "place_name",
                    "step_free",
                    "hearing_loop",
                    "capacity",
                    "status",
                )
            },
            "repeats": bool(event.rrule),
        }
        for event, shown in occurrences(page, counted)
    ]


@blp.route("", methods=["POST"])
@blp.login_required
@idempotent
@blp.arguments(EventInSchema)
@blp.response(201, EventSchema)
def create_event(data):
    """Create an event (organizers; members where the circle allows) or propose one (members)."""
    return described(events.create(current_user, data))


@blp.route("/<int:event_id>", methods=["GET"])
@blp.login_required
@blp.response(200, EventSchema)
def get_event(event_id):
    """One event with its coming occurrences (members of its circle)."""
    return described(events.get_event(current_user, event_id))


@blp.route("/<int:event_id>", methods=["PATCH"])
@blp.login_required
@blp.arguments(EventChangeSchema(partial=True))
@blp.response(200, EventSchema)
def patch_event(changes, event_id):
    """Change an event (its hosts, the circle's organizers)."""
    event = events.managed_event(current_user, event_id)
    return described(events.update(current_user, event, changes))


@blp.route("/<int:event_id>", methods=["DELETE"])
@blp.login_required
@blp.response(204)
def delete_event(event_id):
    """Call an event off; those with a place are told (its hosts, the circle's organizers)."""
    events.cancel(current_user, events.managed_event(current_user, event_id))


@blp.route("/<int:event_id>/occurrences/move", methods=["POST"])
@blp.login_required
@blp.arguments(MoveSchema)
@blp.response(200, OccurrenceSchema)
def move_occurrence(data, event_id):
    """Move one occurrence of a series; its bookings follow (hosts, organizers)."""
    event = events.managed_event(current_user, event_id)
    original = event_occurrences.occurrence_key(event, data["occurrence_start"])
    slot = events.change_occurrence(
        current_user, event, original, data["starts_at"], data["ends_at"]
    )
    return occurrence(event, slot)


@blp.route("/<int:event_id>/occurrences/cancel", methods=["POST"])
@blp.login_required
@blp.arguments(OccurrenceRefSchema)
@blp.response(200, OccurrenceSchema)
def cancel_occurrence(data, event_id):
    """Call off one occurrence of a series; those with a place are told (hosts, organizers)."""
    event = events.managed_event(current_user, event_id)
    original = event_occurrences.occurrence_key(event, data["occurrence_start"])
    return occurrence(event, events.change_occurrence(current_user, event, original))


@blp.route("/<int:event_id>.ics", methods=["GET"])
@blp.login_required
@blp.arguments(OccurrenceQuerySchema, location="query")
@blp.response(200, content_type="text/calendar")
def event_ics(query, event_id):
    """The event for a phone calendar, or one occurrence of it when named (members)."""
    event = events.get_event(current_user, event_id)
    original = event_occurrences.occurrence_key(event, query.get("occurrence_start"))
    body = calendars.event_ics(current_user, event, original)
    return ics_response(body, f"circles-event-{event.id}.ics")


def ics_response(body: bytes, filename: str) -> Response:
    """An iCalendar file."""
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(body, mimetype="text/calendar", headers=headers)


def feed_answer(feed) -> dict:
    """The feed's address, absolute, for a phone to subscribe to."""
    url = url_for("calendar.feed_ics", token=feed.token, _external=True)
    return {"url": url, "created_at": feed.created_at}


@calendar_blp.route("", methods=["GET"])
@calendar_blp.login_required
@calendar_blp.response(200, FeedSchema)
def get_feed():
    """My personal calendar feed address (signed in)."""
    return feed_answer(calendars.feed(current_user))


@calendar_blp.route("/rotate", methods=["POST"])
@calendar_blp.login_required
@calendar_blp.response(200, FeedSchema)
def rotate_feed():
    """A new feed address; the old one stops working (signed in)."""
    return feed_answer(calendars.feed(current_user, rotate=True))


@calendar_blp.route("/<token>.ics", methods=["GET"])
@calendar_blp.response(200, content_type="text/calendar")
def feed_ics(token):
    """Everything the feed's owner has a place on (anyone holding the secret address)."""
    return ics_response(calendars.feed_ics(calendars.feed_owner(token)), "circles.ics")
