"""The flask commands an operator runs."""

from sqlalchemy import func, select

from circles.accounts import services as accounts
from circles.accounts.models import User
from circles.events.models import Booking, Event, Proposal
from circles.extensions import db
from circles.membership.models import Circle, Membership
from circles.municipal.models import CheckIn


def test_add_admin_creates_an_admin_who_can_sign_in(app, ctx):
    result = app.test_cli_runner().invoke(
        args=["circles", "add-admin", "boss@example.dk", "--password", "a long secret"]
    )
    assert result.exit_code == 0, result.output
    admin = accounts.authenticate("boss@example.dk", "a long secret")
    assert admin is not None and admin.is_admin


def test_the_demo_loads_aarhus_and_is_safe_to_run_twice(app, ctx):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["circles", "demo"]).exit_code == 0
    counts = [db.session.scalar(select(func.count(m.id))) for m in (User, Circle, Membership)]
    assert runner.invoke(args=["circles", "demo"]).exit_code == 0
    assert [
        db.session.scalar(select(func.count(m.id))) for m in (User, Circle, Membership)
    ] == counts
    names = set(db.session.scalars(select(Circle.name)))
    assert {"Trøjborg", "Frederiksbjerg"} <= names
    assert accounts.authenticate("karen@circles.example", "circles-demo") is not None
    assert db.session.scalar(select(func.count(CheckIn.id))) > 50  # for the municipal dashboard


def test_the_demo_has_a_weekly_walk_a_shared_meal_and_a_dinner_conversation(app, ctx):
    runner = app.test_cli_runner()
    runner.invoke(args=["circles", "demo"])
    runner.invoke(args=["circles", "demo"])
    events = {e.kind: e for e in db.session.scalars(select(Event))}
    assert sorted(events) == ["conversation", "meal", "walk"]
    assert events["walk"].rrule == "FREQ=WEEKLY;BYDAY=SU"
    assert db.session.scalar(select(func.count(Booking.id))) == 7
    assert db.session.scalar(select(func.count(Proposal.id))) == 1
