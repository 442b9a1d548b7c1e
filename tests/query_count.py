"""A fixture that counts the SQL statements a piece of work sends, for query budgets."""

import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from circles.extensions import db

SAVEPOINTS = re.compile(r"^\s*(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\b", re.I)


@pytest.fixture
def statements(app):
    """`with statements() as sent:` collects every statement sent to the database inside."""

    @contextmanager
    def counting():
        sent: list[str] = []

        def note(conn, cursor, statement, parameters, context, executemany):
            # Savepoints are the tests' isolation (each request's commit becomes one), not
            # the app's work: production sends none of them.
            if not SAVEPOINTS.match(statement):
                sent.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", note)
        try:
            yield sent
        finally:
            event.remove(engine, "before_cursor_execute", note)

    return counting
