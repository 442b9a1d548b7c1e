"""One transaction per request and per job run: services add and change rows, the boundary commits.

A request that ends with a success status commits everything it did at once; an error status
or an exception rolls all of it back, so a later failing step never leaves an earlier one saved.
Services never commit (a test checks); scheduled jobs and CLI commands use `transaction()`.
"""

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import psycopg
import psycopg._queries
from flask import Flask, Response, g
from psycopg.pq import ExecStatus
from sqlalchemy import ColumnElement, Executable, event, literal
from sqlalchemy.engine import Engine, Result
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.pool import Pool

from circles.extensions import db

# How long a SQLite writer waits for another to finish before giving up.
SQLITE_BUSY_TIMEOUT_MS = 15_000
# A PostgreSQL connection back from the pool after resting this long is pinged before use.
PING_AFTER_IDLE_SECONDS = 1.0
# psycopg keeps the conversion of a statement's %(name)s placeholders only for statements up
# to 4 KB, and finds them again with a regular expression over the whole text otherwise. Our
# longest statements are built once and run on every visit (suggestions: 6 KB), so the bound
# is raised to the longest we send; statements built per call (long INSERTs) stay rare.
psycopg._queries.MAX_CACHED_STATEMENT_LENGTH = 16_384


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


def read_columns(statement: Executable, params: dict | None = None) -> Result:
    """The rows of a statement that selects columns, not entities, in this request's
    transaction: through the session's connection, without the ORM's steps for each row (a
    seventh of the instructions of suggestions, which read a hundred), after the session's
    pending changes, as its own execute would."""
    db.session.flush()
    return db.session.connection().execute(statement, params)


def among(column: ColumnElement, values: tuple) -> ColumnElement:
    """column IN (values), for a fixed set of values (OPEN_MATCH), each its own bound
    parameter. SQLAlchemy binds a tuple of values as one parameter whose SQL it writes out
    again on every run of the statement; a set that never changes needs no such step, which
    cost several percent of a list read on every visit (suggestions, events)."""
    return column.in_([literal(value, column.type) for value in values])


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


class _DescribedResult:
    """What psycopg's Column reads of its cursor, kept for one result."""

    __slots__ = ("pgresult", "_encoding", "adapters")

    def __init__(self, cursor: psycopg.Cursor):
        self.pgresult = cursor.pgresult
        self._encoding = cursor._encoding
        self.adapters = cursor.adapters


class _DescriptionOnDemand(Sequence):
    """A result's column descriptions, made the first time someone reads one.

    SQLAlchemy asks every cursor for its description and, for a statement it has run before,
    only looks whether there is one: it keeps the result's columns with the statement. psycopg
    makes a Column for each column on every call, a tenth of a signed-in request (the member's
    41). Made on demand from the result they describe, even after the cursor ran another.
    """

    __slots__ = ("_result", "_columns")

    def __init__(self, result: _DescribedResult):
        self._result = result
        self._columns: list[psycopg.Column] | None = None

    def __len__(self) -> int:
        return self._result.pgresult.nfields

    def __getitem__(self, index):
        if self._columns is None:
            self._columns = [psycopg.Column(self._result, i) for i in range(len(self))]
        return self._columns[index]


class DescribingOnDemand(psycopg.Cursor):
    """A psycopg cursor whose description is made when read (_DescriptionOnDemand)."""

    # As psycopg's own: a result has a description if it has columns or says it has rows.
    ROWS = {ExecStatus.TUPLES_OK, ExecStatus.SINGLE_TUPLE, ExecStatus.TUPLES_CHUNK}

    @property
    def description(self) -> Sequence | None:
        result = self.pgresult
        if result is None or not (result.nfields or result.status in self.ROWS):
            return None
        return _DescriptionOnDemand(_DescribedResult(self))


@event.listens_for(Engine, "connect")
def describe_on_demand(connection, _record) -> None:
    """PostgreSQL cursors describe their results only when asked (DescribingOnDemand)."""
    if isinstance(connection, psycopg.Connection):
        connection.cursor_factory = DescribingOnDemand


@event.listens_for(Pool, "checkin")
def note_resting_since(_connection, record) -> None:
    """When the connection went back to the pool, for ping_if_rested."""
    record.info["resting_since"] = time.monotonic()


@event.listens_for(Pool, "checkout")
def ping_if_rested(connection, record, _proxy) -> None:
    """A PostgreSQL connection that rested in the pool is pinged before a request gets it; one
    used a moment ago is not.

    Instead of SQLAlchemy's pool_pre_ping, which pings on every checkout: at a request's two
    to five statements that was a round trip in four, for connections that had just answered.
    A restarted or unreachable server is found on the first checkout after a rest, and the
    pool swaps the dead connection for a new one (DisconnectionError); the connections in
    use when it went down fail their request and are dropped by SQLAlchemy with the rest.
    """
    resting_since = record.info.get("resting_since")
    if not isinstance(connection, psycopg.Connection) or resting_since is None:
        return
    if time.monotonic() - resting_since < PING_AFTER_IDLE_SECONDS:
        return
    autocommit = connection.autocommit  # an AUTOCOMMIT engine's connections keep theirs
    try:
        connection.autocommit = True  # the ping opens no transaction of its own
        connection.execute("SELECT 1")
        connection.autocommit = autocommit
    except psycopg.Error as error:
        raise DisconnectionError(str(error)) from error


def init_transactions(app: Flask) -> None:
    """Hook the request boundary into the app."""
    app.after_request(commit_if_succeeded)
    app.teardown_request(roll_back_on_error)
