"""The organizers' call log: each call with a member, and the follow-ups it leaves."""

from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from circles.accounts.models import User
from circles.core import audit
from circles.core.errors import Conflict, Invalid, NotFound
from circles.core.types import utcnow
from circles.extensions import db
from circles.membership import circles
from circles.organizing.models import Call


def log(organizer: User, circle_id: int, fields: dict, today: date, outreach_item=None) -> Call:
    """Write down a call with a member of the circle; audited."""
    circles.organized_circle(organizer, circle_id)
    member = circles.membership_of(circle_id, fields["member_id"])
    if member is None:
        raise Invalid("calls.not_a_member", field="member_id")
    follow_up_on = fields.get("follow_up_on")
    if follow_up_on is not None and follow_up_on < today:
        raise Invalid("calls.follow_up_in_past", field="follow_up_on")
    call = Call(
        circle_id=circle_id,
        member_id=fields["member_id"],
        organizer_id=organizer.id,
        direction=fields.get("direction", "out"),
        note=fields.get("note", ""),
        follow_up_on=follow_up_on,
        outreach_item_id=outreach_item.id if outreach_item else None,
    )
    db.session.add(call)
    db.session.flush()
    audit.record(organizer, "call.logged", circle_id=circle_id, subject=member.user, target=call)
    return call


def of_circle(organizer: User, circle_id: int, member_id: int | None = None) -> Select:
    """The circle's calls, newest first, for one member or all (a query, to be paged)."""
    circles.organized_circle(organizer, circle_id)
    query = select(Call).where(Call.circle_id == circle_id)
    if member_id is not None:
        query = query.where(Call.member_id == member_id)
    # The member's memberships come in the same batch: phone_of asks whether she has left.
    member = selectinload(Call.member).joinedload(User.memberships)
    people = (member, selectinload(Call.organizer))
    return query.options(*people).order_by(Call.called_at.desc(), Call.id.desc())


def follow_ups_due(organizer: User, circle_id: int, today: date) -> list[Call]:
    """Follow-ups due today or overdue and not done, oldest first."""
    circles.organized_circle(organizer, circle_id)
    query = select(Call).where(
        Call.circle_id == circle_id,
        Call.follow_up_on <= today,
        Call.follow_up_done_at.is_(None),
    )
    return list(db.session.scalars(query.order_by(Call.follow_up_on, Call.id)))


def follow_up_done(organizer: User, call_id: int) -> Call:
    """Tick a follow-up off; audited."""
    call = db.session.get(Call, call_id)
    if call is None or not circles.is_organizer(organizer, call.circle_id):
        raise NotFound("error.not_found")
    if call.follow_up_on is None or call.follow_up_done_at is not None:
        raise Conflict("calls.no_follow_up_open")
    call.follow_up_done_at = utcnow()
    audit.record(
        organizer, "call.follow_up_done", circle_id=call.circle_id, subject=call.member, target=call
    )
    db.session.flush()
    return call
