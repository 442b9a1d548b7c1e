"""Backups and restores of the whole database: pg_dump for PostgreSQL, the online backup for SQLite.

Both copy a consistent snapshot while Circles keeps serving. A restore goes into an empty
database only: restoring over live data would silently mix two points in time.
"""

import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import Engine, make_url


class NotEmpty(Exception):
    """The target database already holds tables."""


def libpq_url(engine: Engine) -> str:
    """The engine's URL as pg_dump and pg_restore read it (no SQLAlchemy driver name)."""
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def sqlite_path(engine: Engine) -> str:
    """The file of a SQLite database."""
    return make_url(str(engine.url)).database


def backup(engine: Engine, destination: Path) -> Path:
    """Write a snapshot of the database to destination (a pg_dump archive or a SQLite file)."""
    if engine.dialect.name == "postgresql":
        subprocess.run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                f"--file={destination}",
                libpq_url(engine),
            ],
            check=True,
        )
    else:
        with sqlite3.connect(sqlite_path(engine)) as source, sqlite3.connect(destination) as copy:
            source.backup(copy)  # page by page, consistent even while others write
    return destination


def restore(engine: Engine, source: Path) -> None:
    """Load a snapshot into an empty database of the same kind."""
    if inspect(engine).get_table_names():
        raise NotEmpty(str(engine.url))
    engine.dispose()
    if engine.dialect.name == "postgresql":
        subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                f"--dbname={libpq_url(engine)}",
                source,
            ],
            check=True,
        )
    else:
        with sqlite3.connect(source) as snapshot, sqlite3.connect(sqlite_path(engine)) as target:
            snapshot.backup(target)
