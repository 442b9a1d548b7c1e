"""What every database session of the app is set to, whoever built the app."""

import importlib

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from circles import create_app
from circles.config import database_url as driver_url
from circles.extensions import db

# The module, not the SQLAlchemy object that `circles.db` names on the package.
transactions = importlib.import_module("circles.db")


def test_postgresql_sessions_never_compile_plans_to_machine_code(app, database_url):
    """Suggestions at national size spent 40 of 45 ms compiling a plan (JIT) that then ran
    in 5: short queries over big tables must not cross jit_above_cost into compiling."""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite has no JIT")
    with app.app_context():
        assert db.session.execute(text("SHOW jit")).scalar() == "off"


def test_engine_options_given_by_hand_still_get_no_jit():
    """Tests and tools that set their own engine options (the outage tests do) keep them."""
    built = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://postgres@127.0.0.1/x",
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": False},
        }
    )
    options = built.config["SQLALCHEMY_ENGINE_OPTIONS"]
    assert options == {"pool_pre_ping": False, "connect_args": {"options": "-c jit=off"}}


@pytest.fixture
def own_pool(database_url):
    """An app with a pool of its own, whose connections the server can drop under it."""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite opens a file: there is no server to drop a connection")
    built = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": driver_url(database_url)})
    with built.app_context():
        yield built
        db.session.remove()
        db.engine.dispose()


def serving_backend() -> int:
    """The PostgreSQL process behind the connection this request's session holds."""
    return db.session.execute(text("SELECT pg_backend_pid()")).scalar()


def drop_connection_of(backend: int, database_url: str) -> None:
    """The server ends that connection, as a restart or an idle timeout would."""
    engine = create_engine(driver_url(database_url))
    with engine.connect() as admin:
        admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
    engine.dispose()


def test_after_a_quiet_spell_karens_request_gets_a_live_connection(
    own_pool, database_url, monkeypatch
):
    """At night the server dropped the worker's idle connection: the morning's first request
    is answered on a new one, not with an error."""
    night_backend = serving_backend()
    db.session.remove()  # the request ended: the connection rests in the pool
    drop_connection_of(night_backend, database_url)
    monkeypatch.setattr(transactions, "PING_AFTER_IDLE_SECONDS", 0)  # the night has passed

    assert serving_backend() != night_backend


def test_a_connection_used_a_moment_ago_is_not_pinged_again(own_pool, database_url):
    """Busy workers skip the ping (a round trip in four); if the server dropped that very
    connection in the moment between, its request fails and the pool replaces it."""
    backend = serving_backend()
    db.session.remove()
    drop_connection_of(backend, database_url)

    with pytest.raises(OperationalError):
        serving_backend()  # no ping came first: the statement met the dropped connection
    db.session.remove()
    assert serving_backend() != backend


def test_the_ping_leaves_an_autocommit_connection_as_it_found_it(
    own_pool, database_url, monkeypatch
):
    """Tools that create and drop databases run outside transactions; a ping keeps them so."""
    monkeypatch.setattr(transactions, "PING_AFTER_IDLE_SECONDS", 0)
    engine = create_engine(driver_url(database_url), isolation_level="AUTOCOMMIT")
    for _ in range(2):  # the second checkout finds the connection rested, and pings it
        with engine.connect() as connection:
            assert connection.connection.driver_connection.autocommit
    engine.dispose()


def test_the_longest_statements_built_once_keep_their_conversion_in_psycopg():
    """psycopg keeps a statement's converted placeholders only up to a length (circles.db
    raises it): suggestions are read on every visit and must not be parsed anew each time."""
    import psycopg._queries
    from sqlalchemy.dialects import postgresql

    from circles.help import matching

    dialect = postgresql.psycopg.dialect()
    longest = max(
        len(str(statement.compile(dialect=dialect)))
        for statement in [matching._candidates(mode) for mode in (None, "any", "postcode_homes")]
        + [matching._nearby(mode) for mode in (None, "centres", "any")]
    )
    assert longest <= psycopg._queries.MAX_CACHED_STATEMENT_LENGTH


def test_columns_are_described_when_read_and_as_psycopg_would(own_pool, database_url):
    """Cursors describe a result's columns only when asked (circles.db.DescribingOnDemand):
    what they then say is psycopg's own description of that result, even read after the
    cursor ran another statement; a statement without rows has none."""
    import psycopg

    query = "SELECT 1 AS id, 'Karen'::text AS name, now() AS seen, NULL::jsonb AS free"
    with db.engine.connect() as connection:
        cursor = connection.connection.driver_connection.cursor()
        assert isinstance(cursor, transactions.DescribingOnDemand)
        cursor.execute(query)
        described = cursor.description
        assert described._columns is None and len(described) == 4
        cursor.execute("SELECT 2 AS other")
        cursor.execute("SET LOCAL work_mem = '4MB'")
        assert cursor.description is None
    with psycopg.connect(database_url) as plain:
        expected = plain.execute(query).description
    assert [tuple(column) for column in described] == [tuple(column) for column in expected]
    assert described[-1].name == "free" and [c.name for c in described[1:3]] == ["name", "seen"]


def test_the_app_reads_rows_by_name_through_those_cursors(app):
    """SQLAlchemy keeps the columns of a statement it ran before and reads rows by them."""
    with app.app_context():
        for _ in range(2):
            row = db.session.execute(text("SELECT 1 AS id, 'Bent' AS name")).one()
            assert (row.id, row.name, row._mapping["name"]) == (1, "Bent", "Bent")
