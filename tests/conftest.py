"""Test set-up: every test runs on SQLite and PostgreSQL, on a schema built by migrations."""

import os
import threading
from contextlib import contextmanager

import pytest
from argon2 import PasswordHasher, profiles
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, event, text

from circles import create_app
from circles.accounts import services as accounts
from circles.config import database_url as driver_url
from circles.extensions import db, limiter

# Local SMTP and Web Push servers for the delivery tests.
pytest_plugins = ["tests.servers", "tests.query_count"]

POSTGRES_URL = os.environ.get(
    "CIRCLES_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)


def postgres_available(url: str) -> str | None:
    """None if PostgreSQL answers at url, else why not."""
    try:
        with create_engine(driver_url(url)).connect() as connection:
            connection.execute(text("select 1"))
    except Exception as error:  # any failure to connect means: not here
        return f"PostgreSQL at {url} is not reachable: {error.__class__.__name__}"
    return None


def reset_postgres(url: str) -> None:
    """An empty public schema, for migrations to fill."""
    engine = create_engine(driver_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing():
    """argon2 is slow on purpose; tests use its cheapest profile, made for exactly this."""
    accounts.hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    """An empty database of each kind; PostgreSQL is mandatory when CI is set."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'circles.sqlite'}"
    problem = postgres_available(POSTGRES_URL)
    if problem and os.environ.get("CI"):
        pytest.fail(f"{problem}; CI must test on PostgreSQL")
    if problem:
        pytest.skip(f"{problem} (set CIRCLES_TEST_POSTGRES_URL, or start it)")
    reset_postgres(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture(params=["sqlite", "postgresql"])
def spare_database(request, tmp_path):
    """An empty database of each kind, apart from the one the other tests share: for building
    a country, or migrating data up from an older schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'spare.sqlite'}"
    if problem := postgres_available(POSTGRES_URL):
        if os.environ.get("CI"):
            pytest.fail(f"{problem}; CI must test on PostgreSQL")
        pytest.skip(problem)
    server, name = POSTGRES_URL.rsplit("/", 1)
    engine = create_engine(driver_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        exists = connection.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": f"{name}_spare"}
        )
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{name}_spare"'))
    engine.dispose()
    reset_postgres(f"{server}/{name}_spare")
    return f"{server}/{name}_spare"


class FreshContextClient(FlaskClient):
    """A client whose every request gets its own app context, as in production.

    Otherwise requests share the test's context: its `g` (and Flask-Login's cached user)
    and its database session.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


class ApiClient(FreshContextClient):
    """A test client that, like the PWA, sends the CSRF token on unsafe requests."""

    def open(self, *args, **kwargs):
        method = kwargs.get("method", "GET").upper()
        if method in {"POST", "PUT", "PATCH", "DELETE"} and "Authorization" not in (
            kwargs.get("headers") or {}
        ):
            token = super().open("/api/v1/auth/csrf").get_json()["csrf_token"]
            kwargs["headers"] = {"X-CSRF-Token": token, **(kwargs.get("headers") or {})}
        return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    """The app on a database whose schema the migrations built, once per database."""
    os.environ.setdefault("SECRET_KEY", "test-secret")
    application = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": driver_url(database_url),
            "CIRCLES_LOGIN_RATE_LIMIT": "1000 per minute",
            "CIRCLES_JSON_LOGS": False,  # pytest captures the plain records
            "CIRCLES_ACCOUNT_RATE_LIMIT": "1000 per minute",
            "CIRCLES_REQUIRE_2FA": False,  # tests that need it turn it on
            # Stories travel in time with signed-in clients; tests of timeouts set them back.
            "CIRCLES_PRIVILEGED_IDLE_MINUTES": 10**7,
            "CIRCLES_SESSION_HOURS": 10**5,
            "CIRCLES_TOKEN_IDLE_DAYS": 10**4,
        }
    )
    application.test_client_class = ApiClient
    with application.app_context():
        upgrade()
    return application


def empty_all_tables(app) -> None:
    """Today's clean-up for tests that commit for real: every row of every table goes."""
    tables = [t.name for t in db.metadata.sorted_tables]
    with app.app_context(), db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(tables):
                connection.execute(text(f"DELETE FROM {table}"))


def tables_with_rows(connection) -> list[str]:
    """The tables that hold any row, in one cheap query."""
    tables = [t.name for t in db.metadata.sorted_tables]
    found = " UNION ALL ".join(f"SELECT '{t}' WHERE EXISTS (SELECT 1 FROM {t})" for t in tables)
    return list(connection.execute(text(found)).scalars())


def only_from_this_thread(connection) -> None:
    """The shared connection refuses other threads: a test with threads needs real_commits."""
    owner = threading.get_ident()

    @event.listens_for(connection, "before_cursor_execute")
    def same_thread(*args):
        if threading.get_ident() != owner:
            raise RuntimeError(MISSING_REAL_COMMITS)


MISSING_REAL_COMMITS = (
    "this test reaches the database from another thread or process: request `real_commits`"
)


@contextmanager
def rolled_back(app):
    """One connection, one transaction around everything; each session the app opens joins it
    through a savepoint, so the app's commits are savepoint releases and the end undoes all.

    This is SQLAlchemy's "Joining a Session into an External Transaction": Flask-SQLAlchemy's
    session asks `db.engines` for its bind, so the connection stands in for the engine there.
    """
    with app.app_context():
        engine, engines = db.engine, db.engines
    connection = engine.connect()
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:  # pysqlite would begin late, and releasing the first savepoint would commit
        connection.connection.driver_connection.isolation_level = None
    outer = connection.begin()
    if sqlite:
        connection.exec_driver_sql("BEGIN")
    only_from_this_thread(connection)
    earlier = tables_with_rows(connection)
    if earlier:
        close(connection, outer)
        empty_all_tables(app)
        pytest.fail(f"an earlier test left rows in {earlier}: {MISSING_REAL_COMMITS}")
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(engines, None, connection)
        patch.setitem(db.session.session_factory.kw, "join_transaction_mode", "create_savepoint")
        try:
            yield connection
        finally:
            outer.rollback()
    committed = tables_with_rows(connection)
    close(connection, outer)
    if committed:
        empty_all_tables(app)
        pytest.fail(
            f"rows committed outside the test's transaction in {committed}: {MISSING_REAL_COMMITS}"
        )


def close(connection, outer) -> None:
    """Roll back, and give the pool its connection back as it was lent."""
    if outer.is_active:
        outer.rollback()
    if connection.dialect.name == "sqlite":
        connection.connection.driver_connection.isolation_level = ""
    connection.close()


@pytest.fixture(scope="module")
def module_transaction(app):
    """One transaction for a whole module (a world built once); each test gets a savepoint in it."""
    with rolled_back(app) as connection:
        yield connection


@pytest.fixture
def real_commits(app):
    """For tests that need real commits across connections (threads, processes, a live server,
    `db.engine` itself): the app's commits are real, and every table is emptied afterwards."""


@pytest.fixture(autouse=True)
def _isolated(request):
    """Each test's rows vanish at its end: rolled back, or (real_commits) deleted.

    Autouse, so it is set up first and torn down last, after every session of the test closed.
    """
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")
    if "real_commits" in request.fixturenames:
        assert "module_transaction" not in request.fixturenames, "real_commits is per test"
        yield
        empty_all_tables(app)
    elif "module_transaction" in request.fixturenames:
        savepoint = request.getfixturevalue("module_transaction").begin_nested()
        yield
        savepoint.rollback()
    else:
        with rolled_back(app):
            yield
    limiter.reset()


@pytest.fixture
def ctx(app):
    """An app context, for tests that call services or factories directly."""
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def client(app, ctx):
    """An anonymous API client."""
    return app.test_client()


def signed_in_client(app, user) -> FlaskClient:
    """A new client signed in as user, through the real sign-in (password from the factories)."""
    from tests.factories import PASSWORD

    new = app.test_client()
    response = new.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD})
    assert response.status_code == 200, response.get_json()
    return new


@pytest.fixture
def make_client(app, ctx):
    """A new client signed in as the given person."""
    return lambda user: signed_in_client(app, user)
