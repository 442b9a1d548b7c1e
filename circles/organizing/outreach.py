"""The organizers' outreach list: filled by the scheduler, worked through by phone."""

from datetime import date

from sqlalchemy import Select, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from circles.accounts.models import User
from circles.core import audit
from circles.core.errors import Conflict, NotFound
from circles.core.i18n import current_language, translate
from circles.core.types import utcnow
from circles.events.models import Event
from circles.extensions import db
from circles.help.models import HelpRequest
from circles.membership import circles
from circles.notify import notifications
from circles.notify.models import Notification
from circles.organizing import calls
from circles.organizing.models import OutreachItem

# Who each item names, loaded with the page instead of one query per item.
# The member's memberships come in the same batch: phone_of asks whether she has left.
PEOPLE = (
    selectinload(OutreachItem.member).joinedload(User.memberships),
    selectinload(OutreachItem.called_by),
)


def add(circle_id: int, reason: str, dedupe_key: str, *, member_id=None, target=None):
    """Put something on the circle's list once; None if it is there already."""
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
        item = None  # listed already, by this run or another process
    db.session.flush()
    return item


def listed(keys: list[str]) -> set[str]:
    """Which of these dedupe keys are on an outreach list already, in one query."""
    if not keys:
        return set()
    return set(
        db.session.scalars(
            select(OutreachItem.dedupe_key).where(OutreachItem.dedupe_key.in_(set(keys)))
        )
    )


def open_items(circle_id: int) -> Select:
    """What is still to be called about in the circle, oldest first (a query)."""
    query = (
        select(OutreachItem)
        .options(*PEOPLE)
        .where(OutreachItem.circle_id == circle_id, OutreachItem.called_at.is_(None))
    )
    return query.order_by(OutreachItem.created_at, OutreachItem.id)


def items(organizer: User, circle_id: int, called: bool = False) -> Select:
    """The circle's list for its organizers: still to call (oldest first), or called (newest);
    a query, to be paged."""
    circles.organized_circle(organizer, circle_id)
    if not called:
        return open_items(circle_id)
    query = (
        select(OutreachItem)
        .options(*PEOPLE)
        .where(OutreachItem.circle_id == circle_id, OutreachItem.called_at.is_not(None))
    )
    return query.order_by(OutreachItem.called_at.desc(), OutreachItem.id.desc())


def mark_called(organizer: User, item_id: int, note: str, today: date, follow_up_on=None):
    """The organizer called about the item; with a member, the call goes into the call log."""
    item = db.session.get(OutreachItem, item_id)
    if item is None or not circles.is_organizer(organizer, item.circle_id):
        raise NotFound("error.not_found")
    # Two organizers ticking the same item at once: the update that finds it open wins.
    ticked = db.session.execute(
        update(OutreachItem)
        .where(OutreachItem.id == item.id, OutreachItem.called_at.is_(None))
        .values(called_at=utcnow(), called_by_id=organizer.id, note=note)
    )
    if ticked.rowcount != 1:
        raise Conflict("outreach.called_already")
    if item.member_id is not None and circles.membership_of(item.circle_id, item.member_id):
        fields = {"member_id": item.member_id, "note": note, "follow_up_on": follow_up_on}
        calls.log(organizer, item.circle_id, fields, today, outreach_item=item)
    audit.record(organizer, "outreach.called", circle_id=item.circle_id, target=item)
    db.session.flush()
    return item


def describe(item: OutreachItem) -> str:
    """Why to call, in a plain sentence: who went quiet, which request or event."""
    what = ""
    if item.target_type == "help_requests":
        request = db.session.get(HelpRequest, item.target_id)
        what = translate(f"category.{request.category}") if request else ""
    elif item.target_type == "events":
        event = db.session.get(Event, item.target_id)
        what = event.title if event else ""
    elif item.target_type == "notifications":  # a message to pass on, in the reader's words
        message = db.session.get(Notification, item.target_id)
        what = notifications.text(message, current_language()) if message else ""
    name = item.member.name if item.member else ""
    return translate(f"outreach.{item.reason}", name=name, what=what)
