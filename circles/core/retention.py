"""Retention: old rows deleted or emptied by the operator's CIRCLES_RETAIN_* rules, in batches.

Each rule first asks for at most one batch of ids (a cheap indexed look: usually none), and a
run does at most MAX_BATCHES, so a job never holds a long transaction; the next run goes on.
"""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select, update

from circles.extensions import db

BATCH = 500
MAX_BATCHES = 20


def cutoff(now: datetime, setting: str) -> datetime | None:
    """The moment before which the rule applies; None when the operator keeps them for ever (0)."""
    days = current_app.config[setting]
    return now - timedelta(days=days) if days > 0 else None


def _batches(model, conditions):
    """The ids of matching rows, one bounded batch at a time."""
    for _ in range(MAX_BATCHES):
        ids = list(db.session.scalars(select(model.id).where(*conditions).limit(BATCH)))
        if not ids:
            return
        yield ids
        if len(ids) < BATCH:
            return


def purge(model, *conditions, before_each=None) -> int:
    """Delete the rows that match; before_each(ids) first deletes what hangs on them."""
    done = 0
    for ids in _batches(model, conditions):
        if before_each is not None:
            before_each(ids)
        db.session.execute(delete(model).where(model.id.in_(ids)))
        done += len(ids)
    return done


def empty(model, values: dict, *conditions) -> int:
    """Set values (an emptied note) on the rows that match; conditions must leave out done ones."""
    done = 0
    for ids in _batches(model, conditions):
        db.session.execute(update(model).where(model.id.in_(ids)).values(values))
        done += len(ids)
    return done
