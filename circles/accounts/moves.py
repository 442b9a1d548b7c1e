"""How often a person may move her home: a few times a day, because each move is a new point
to measure distances from (README, "Security and privacy"). Only the time is kept, not where."""

from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from circles.accounts.models import LocationChange, User
from circles.core.errors import TooMany
from circles.core.types import utcnow
from circles.extensions import db

WINDOW = timedelta(days=1)


def note_move(user: User) -> None:
    """Count a move of the person's home; refused with 429 past CIRCLES_LOCATION_CHANGES_PER_DAY
    in 24 hours, saying when the next one is allowed."""
    now = utcnow()
    allowed = current_app.config["CIRCLES_LOCATION_CHANGES_PER_DAY"]
    recent = select(LocationChange.changed_at).where(
        LocationChange.user_id == user.id, LocationChange.changed_at > now - WINDOW
    )
    count = db.session.scalar(select(func.count()).select_from(recent.subquery()))
    if count >= allowed:
        oldest = db.session.scalar(
            recent.order_by(LocationChange.changed_at).offset(count - allowed).limit(1)
        )
        wait = (oldest + WINDOW - now).total_seconds() if oldest else WINDOW.total_seconds()
        raise TooMany("error.location_changes", retry_after=wait, most=allowed)
    db.session.add(LocationChange(user_id=user.id, changed_at=now))
