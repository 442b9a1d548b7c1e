"""One transaction per request and per job run: services add and change rows, the boundary commits.

A request that ends with a success status commits everything it did at once; an error status
or an exception rolls all of it back, so a later failing step never leaves an earlier one saved.
Services never commit (a test checks); scheduled jobs and CLI commands use `transaction()`.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, Response, g
from sqlalchemy import event
from sqlalchemy.engine import Engine

from circles.extensions import db

# How long a SQLite writer waits for another to finish before giving up.
SQLITE_BUSY_TIMEOUT_MS = 15_000


def commit_despite_refusal() -> None:
    """Keep what this request wrote even if it ends refused.

    For the rare write that is the refusal's very point: a wrong sign-in code counts as a try
    (accounts.sms_codes), else rolling the refusal back would let codes be guessed without end.
    Whoever calls this writes nothing else before the refusal.
    """
    g.commit_despite_refusal = True


def commit_if_succeeded(response: Response) -> Response:
    """Commit the request's work when it succeeded, roll it back when it was refused."""
    if response.status_code < 400 or g.pop("commit_despite_refusal", False):
        db.session.commit()
    else:
        db.session.rollback()
    return response


def roll_back_on_error(error: BaseException | None) -> None:
    """Whatever an exception left half done is undone before the session goes back to the pool."""
    if error is not None:
        db.session.rollback()


@contextmanager
def transaction() -> Iterator[None]:
    """One unit of work outside a request (a job run, a CLI command): all of it, or none."""
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


@event.listens_for(Engine, "connect")
def sqlite_for_many_readers(connection, _record) -> None:
    """SQLite in WAL mode (readers never wait for the writer), waiting on a lock, not failing."""
    if isinstance(connection, sqlite3.Connection):
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()


def init_transactions(app: Flask) -> None:
    """Hook the request boundary into the app."""
    app.after_request(commit_if_succeeded)
    app.teardown_request(roll_back_on_error)
