"""The operator backs Circles up at night and restores it on a new server: nobody is missing."""

import pytest
from sqlalchemy import create_engine, select, text

from circles import create_app
from circles.accounts.models import User
from circles.config import database_url as driver_url
from circles.extensions import db
from circles.help.models import HelpRequest
from tests.factories import make_circle, make_member, make_request


@pytest.fixture
def empty_database(database_url, tmp_path):
    """A new, empty database of the same kind, dropped afterwards."""
    if not database_url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'restored.sqlite'}"
        return
    admin = create_engine(driver_url(database_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS circles_restore_test"))
        connection.execute(text("CREATE DATABASE circles_restore_test"))
    yield database_url.rsplit("/", 1)[0] + "/circles_restore_test"
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS circles_restore_test WITH (FORCE)"))
    admin.dispose()


def cli(url: str, *args: str):
    """`flask circles ...` against the database at url."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": driver_url(url), "CIRCLES_JSON_LOGS": False})
    with app.app_context():  # this app's database, not the test's
        return app.test_cli_runner().invoke(args=["circles", *args])


def people_and_requests(url: str) -> tuple[list, list]:
    engine = create_engine(driver_url(url))
    with engine.connect() as connection:
        people = connection.execute(select(User.id, User.name, User.email).order_by(User.id)).all()
        asks = connection.execute(
            select(HelpRequest.id, HelpRequest.description).order_by(HelpRequest.id)
        ).all()
    engine.dispose()
    return people, asks


def test_a_backup_restored_into_an_empty_database_holds_every_member_and_request(
    app, ctx, database_url, empty_database, tmp_path, real_commits
):
    circle = make_circle()
    karen = make_member(circle, name="Karen Jensen")
    inger = make_member(circle, name="Inger Østergård")
    make_request(karen, circle, category="transport", description="Kørsel til Skejby sygehus")
    make_request(inger, circle, category="shopping", description="Indkøb i Netto")
    db.session.commit()
    before = people_and_requests(database_url)
    snapshot = tmp_path / "circles.backup"

    made = cli(database_url, "backup", str(snapshot))
    assert made.exit_code == 0, made.output
    restored = cli(empty_database, "restore", str(snapshot))
    assert restored.exit_code == 0, restored.output

    after = people_and_requests(empty_database)
    assert after == before
    assert len(after[0]) == 2 and len(after[1]) == 2


def test_a_restore_never_mixes_into_a_database_that_holds_data(
    app, ctx, database_url, tmp_path, real_commits
):
    make_member(make_circle())
    db.session.commit()
    snapshot = tmp_path / "circles.backup"
    assert cli(database_url, "backup", str(snapshot)).exit_code == 0
    refused = cli(database_url, "restore", str(snapshot))
    assert refused.exit_code != 0
    assert "empty database" in refused.output
