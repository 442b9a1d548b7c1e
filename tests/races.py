"""Races for the concurrency tests: many people doing the same thing at the same moment.

Each racer runs in its own thread, app context, session and connection, and its work commits
(or rolls back) as a request would. PostgreSQL only: SQLite serialises every writer anyway.
"""

import threading
from collections.abc import Callable

import pytest
from flask import Flask

from circles.core.errors import ServiceError
from circles.db import transaction
from circles.extensions import db

RACERS = 10
TRIALS = 100


def postgres_only(app: Flask) -> None:
    """Skip on SQLite, where writers wait their turn and no race can happen."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("races need PostgreSQL's concurrent writers")


def race(app: Flask, work: list[Callable[[], object]]) -> list[object]:
    """Start every piece of work at once, each in its own transaction; what each one gave.

    A refusal (ServiceError) is an outcome like any other, returned rather than raised.
    """
    start = threading.Barrier(len(work))
    outcomes: list[object] = [None] * len(work)

    def run(index: int) -> None:
        with app.app_context():
            try:
                start.wait()
                with transaction():
                    outcomes[index] = work[index]()
            except ServiceError as refusal:
                outcomes[index] = refusal
            except BaseException as error:  # noqa: BLE001 - reported by the test, not lost
                outcomes[index] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
