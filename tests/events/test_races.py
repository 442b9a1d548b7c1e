"""The shared meal is full: places given back go to those waiting, in turn, never to newcomers."""

from datetime import timedelta

import pytest
from sqlalchemy import delete, select

from circles.accounts.models import User
from circles.core.types import utcnow
from circles.events import bookings
from circles.events.models import Booking, Event
from circles.extensions import db
from circles.notify.models import Notification
from tests.factories import make_circle, make_event, make_member
from tests.races import RACERS, TRIALS, postgres_only, race

CAPACITY = 3


@pytest.fixture
def full_meal(app, ctx, real_commits):
    """A meal for 3 in 8000 Aarhus C: 3 going, 3 waiting, and more who want to come."""
    postgres_only(app)
    circle = make_circle(name="Frederiksbjerg", centre=(56.1496, 10.2045))
    mette = make_member(circle, role="organizer", name="Mette", home=(56.1496, 10.2045))
    meal = make_event(circle, mette, kind="meal", title="Fællesspisning", capacity=CAPACITY)
    people = [make_member(circle, name=f"Gæst {n}", home=(56.1500, 10.2050)) for n in range(14)]
    return meal.id, [p.id for p in people]


def _seat(event_id: int, people: list[int]) -> None:
    """Back to the start: the first three going, the next three waiting in order, no one else."""
    db.session.execute(delete(Notification))
    db.session.execute(delete(Booking).where(Booking.event_id == event_id))
    event = db.session.get(Event, event_id)
    booked_at = utcnow() - timedelta(days=1)
    for n, person in enumerate(people[: 2 * CAPACITY]):
        db.session.add(
            Booking(
                event_id=event_id,
                occurrence_start=event.starts_at,
                user_id=person,
                status="going" if n < CAPACITY else "waiting",
                created_by_id=person,
                created_at=booked_at + timedelta(minutes=n),
            )
        )
    db.session.commit()


def _as(person_id: int, event_id: int, step):
    def work():
        booking = step(db.session.get(User, person_id), db.session.get(Event, event_id))
        return booking.status

    return work


def test_two_give_back_while_eight_book_and_the_waiting_list_moves_up_in_turn(app, full_meal):
    event_id, people = full_meal
    going, waiting, newcomers = people[:3], people[3:6], people[6:]
    for trial in range(TRIALS):
        _seat(event_id, people)
        work = [_as(p, event_id, bookings.give_back) for p in going[:2]]
        work += [_as(p, event_id, bookings.book) for p in newcomers[:8]]
        assert len(work) == RACERS
        outcomes = race(app, work)
        assert outcomes == ["cancelled"] * 2 + ["waiting"] * 8, f"trial {trial}: {outcomes}"
        db.session.expire_all()
        going_now = db.session.scalars(
            select(Booking.user_id).where(Booking.event_id == event_id, Booking.status == "going")
        ).all()
        # The two freed places went to the first two waiting, none to a newcomer.
        assert sorted(going_now) == sorted([going[2], *waiting[:2]]), f"trial {trial}"
        in_line = [
            b.user_id for b in bookings.booked(db.session.get(Event, event_id), None, "waiting")
        ]
        assert in_line[0] == waiting[2] and sorted(in_line[1:]) == sorted(newcomers[:8]), trial


def test_ten_people_book_the_last_two_places_and_two_get_them(app, full_meal):
    event_id, people = full_meal
    for trial in range(TRIALS):
        _seat(event_id, [])
        db.session.get(Event, event_id).capacity = 2
        db.session.commit()
        outcomes = race(app, [_as(p, event_id, bookings.book) for p in people[:RACERS]])
        assert sorted(outcomes) == ["going"] * 2 + ["waiting"] * 8, f"trial {trial}: {outcomes}"
        db.session.expire_all()
        going = db.session.scalars(
            select(Booking).where(Booking.event_id == event_id, Booking.status == "going")
        ).all()
        assert len(going) == 2, f"trial {trial}: {len(going)} going for 2 places"
