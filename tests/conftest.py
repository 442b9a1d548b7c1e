"""Test set-up: every test runs on SQLite and PostgreSQL, on a schema built by migrations."""

import os

import pytest
from argon2 import PasswordHasher, profiles
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from circles import create_app
from circles.accounts import services as accounts
from circles.config import database_url as driver_url
from circles.extensions import db, limiter

# Local SMTP and Web Push servers for the delivery tests.
pytest_plugins = ["tests.servers"]

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


@pytest.fixture(autouse=True)
def _empty_tables(request):
    """Each test starts on empty tables; no test depends on another's leftovers."""
    yield
    if "app" not in request.fixturenames:
        return
    application = request.getfixturevalue("app")
    with application.app_context():
        db.session.remove()
        tables = [t.name for t in db.metadata.sorted_tables]
        with db.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            else:
                for table in reversed(tables):
                    connection.execute(text(f"DELETE FROM {table}"))
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


@pytest.fixture
def make_client(app, ctx):
    """A new client signed in as the given person (password from the factories)."""
    from tests.factories import PASSWORD

    def signed_in(user):
        new = app.test_client()
        response = new.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD})
        assert response.status_code == 200, response.get_json()
        return new

    return signed_in
