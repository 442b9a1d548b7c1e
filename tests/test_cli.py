"""The flask commands an operator runs."""

from sqlalchemy import func, select

from circles.extensions import db
from circles.models import CheckIn, Circle, Membership, User
from circles.services import accounts


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
