"""A fixture that counts the SQL statements a piece of work sends, for query budgets."""

import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from circles.extensions import db

SAVEPOINTS = re.compile(r"^\s*(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\b", re.I)


class Sent(list):
    """The statements sent; written_per_run, those whose SQL SQLAlchemy had to write out again
    for this run (an IN of a tuple of values, bound as one "expanding" parameter): a list read
    on every visit should send SQL written once."""

    def __init__(self):
        super().__init__()
        self.written_per_run: list[str] = []


@pytest.fixture
def statements(app):
    """`with statements() as sent:` collects every statement sent to the database inside."""

    @contextmanager
    def counting():
        sent = Sent()

        def note(conn, cursor, statement, parameters, context, executemany):
            # Savepoints are the tests' isolation (each request's commit becomes one), not
            # the app's work: production sends none of them.
            if SAVEPOINTS.match(statement):
                return
            sent.append(statement)
            compiled = getattr(context, "compiled", None)
            if compiled is not None and (
                compiled.post_compile_params or compiled.literal_execute_params
            ):
                sent.written_per_run.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", note)
        try:
            yield sent
        finally:
            event.remove(engine, "before_cursor_execute", note)

    return counting
