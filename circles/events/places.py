"""Places on many occurrences at once: places left, the caller's standing, who is going.

A page of events or a job's run asks about many occurrences; one query answers for all of
them, where asking bookings.places_left and bookings.my_status would cost two per occurrence.
"""

from datetime import datetime
from functools import cache

from sqlalchemy import Select, and_, bindparam, case, func, select

from circles.accounts.models import User
from circles.db import among, read_columns
from circles.events.models import HOLDING, Booking
from circles.extensions import db


def going_on(pairs: list) -> dict[tuple[int, datetime], list[int]]:
    """The ids of those with a place on each (event, slot), in the order they booked; one query."""
    found: dict[tuple[int, datetime], list[int]] = {
        (event.id, occurrence.original_start): [] for event, occurrence in pairs
    }
    if pairs:
        query = (
            select(Booking.event_id, Booking.occurrence_start, Booking.user_id)
            .where(
                Booking.event_id.in_({event.id for event, _ in pairs}),
                Booking.occurrence_start.in_(
                    {occurrence.original_start for _, occurrence in pairs}
                ),
                Booking.status == "going",
            )
            .order_by(Booking.created_at, Booking.id)
        )
        for event_id, start, user_id in db.session.execute(query):
            if (event_id, start) in found:
                found[(event_id, start)].append(user_id)
    return found


def standings(
    user: User, pairs: list, counted: dict | None = None
) -> dict[tuple[int, datetime], tuple[int | None, str | None]]:
    """(places left, the person's status) for each (event, slot) pair, in one query.

    A page of occurrences would otherwise cost two queries per occurrence. counted: the places
    taken and the person's status per (event id, original start) where already read (the list
    of coming events reads them with its events); an occurrence not in it has no bookings.
    """
    if counted is None:
        counted = _counted(user, pairs)
    answer = {}
    for event, occurrence in pairs:
        key = (event.id, occurrence.original_start)
        going, status = counted.get(key, (0, None))
        answer[key] = (None if event.capacity is None else max(event.capacity - going, 0), status)
    return answer


def _counted(user: User, pairs: list) -> dict[tuple[int, datetime], tuple[int, str | None]]:
    if not pairs:
        return {}
    values = {
        "user_id": user.id,
        "event_ids": list({event.id for event, _ in pairs}),
        "starts": list({occurrence.original_start for _, occurrence in pairs}),
    }
    return {
        (event_id, start): (going or 0, status)
        for event_id, start, going, status in read_columns(_standings(), values)
    }


def standing_columns() -> tuple:
    """Per occurrence (grouped by event and original start): places taken, and :user_id's
    status."""
    mine = and_(Booking.user_id == bindparam("user_id"), among(Booking.status, HOLDING))
    return (
        func.sum(case((Booking.status == "going", 1), else_=0)).label("going"),
        func.max(case((mine, Booking.status))).label("my_status"),
    )


def standings_of(event_id, original_start) -> tuple:
    """standing_columns of the one occurrence of event_id starting (originally) at
    original_start, as scalar subqueries beside it: NULL when it has no bookings."""
    this = and_(Booking.event_id == event_id, Booking.occurrence_start == original_start)
    return tuple(
        select(column).where(this).scalar_subquery().label(column.name)
        for column in standing_columns()
    )


@cache
def _standings() -> Select:
    """Places taken and :user_id's status on each occurrence among :event_ids x :starts.
    Built once: a page of events asks on every visit to the home screen."""
    return (
        select(Booking.event_id, Booking.occurrence_start, *standing_columns())
        .where(
            Booking.event_id.in_(bindparam("event_ids", expanding=True)),
            Booking.occurrence_start.in_(bindparam("starts", expanding=True)),
        )
        .group_by(Booking.event_id, Booking.occurrence_start)
    )
