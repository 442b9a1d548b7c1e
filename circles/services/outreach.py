"""Filling and reading the organizers' outreach list."""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from circles.extensions import db
from circles.models import OutreachItem


def add(circle_id: int, reason: str, dedupe_key: str, *, member_id=None, target=None):
    """Put something on the circle's list once; None if it is there already. Commits."""
    item = OutreachItem(
        circle_id=circle_id,
        reason=reason,
        dedupe_key=dedupe_key,
        member_id=member_id,
        target_type=target.__tablename__ if target is not None else None,
        target_id=target.id if target is not None else None,
    )
    try:
        with db.session.begin_nested():
            db.session.add(item)
    except IntegrityError:
        return None  # listed already, by this run or another process
    db.session.commit()
    return item


def open_items(circle_id: int) -> list[OutreachItem]:
    """What is still to be called about in the circle, oldest first."""
    query = select(OutreachItem).where(
        OutreachItem.circle_id == circle_id, OutreachItem.called_at.is_(None)
    )
    return list(db.session.scalars(query.order_by(OutreachItem.created_at, OutreachItem.id)))
