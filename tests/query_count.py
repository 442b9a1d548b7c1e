"""A fixture that counts the SQL statements a piece of work sends, for query budgets."""

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from circles.extensions import db


@pytest.fixture
def statements(app):
    """`with statements() as sent:` collects every statement sent to the database inside."""

    @contextmanager
    def counting():
        sent: list[str] = []

        def note(conn, cursor, statement, parameters, context, executemany):
            sent.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", note)
        try:
            yield sent
        finally:
            event.remove(engine, "before_cursor_execute", note)

    return counting
