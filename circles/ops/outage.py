"""The database down: a JSON 503 with Retry-After, in the caller's language, without the database.

The app's outbox treats 503 as "try again later" and keeps the member's words queued. Nothing
here may touch the database: the signed-in member's language is read only when Flask-Login
already loaded them, else the browser's.
"""

from flask import Flask, current_app
from sqlalchemy.exc import InterfaceError, OperationalError, TimeoutError

from circles.core.error_handlers import error_body

RETRY_AFTER_SECONDS = 5


def database_unavailable(error: Exception):
    """503 for a database that does not answer (other database errors stay bugs: 500)."""
    current_app.logger.warning("database unavailable: %s", error.__class__.__name__)
    body = error_body(503, "error.database_unavailable")
    return body, 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}


def init_outage(app: Flask) -> None:
    """Answer every request that meets a dead database with a 503."""
    for error in (OperationalError, InterfaceError, TimeoutError):
        app.register_error_handler(error, database_unavailable)
