"""Extension objects, created here and initialised in the app factory."""

import flask_limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Named constraints, so that Alembic can alter them on SQLite and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Limiter(flask_limiter.Limiter):
    """flask-limiter, without its search before every request for limits that no view carries.

    Every limit here decorates its view (signing in, recovery, deleting an account), which
    checks it when called. Before every request flask-limiter also looks for limits of the whole
    app or of a blueprint, a tenth of a signed-in read's work, and finds none: we set none. Once
    any are configured (RATELIMIT_DEFAULT, RATELIMIT_APPLICATION, a limited blueprint), the
    look is made again; a test sets a default limit and sees it hold.
    """

    def _check_request_limit(self, callable_name=None, in_middleware=True) -> None:
        if in_middleware and not self._limits_beyond_views():
            return
        super()._check_request_limit(callable_name, in_middleware)

    def _limits_beyond_views(self) -> bool:
        manager = self.limit_manager
        # A flask-limiter that keeps blueprint limits elsewhere is searched every time.
        blueprints = getattr(manager, "_blueprint_limits", True)
        return bool(manager.default_limits or manager.application_limits or blueprints)


class Base(DeclarativeBase):
    """Declarative base carrying the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(compare_type=True, render_as_batch=True)
login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
