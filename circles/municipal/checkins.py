"""Check-ins: consent, taking one, a member's own history, and who is due for the next one."""

from datetime import datetime, timedelta

from sqlalchemy import func, select

from circles.accounts import consents
from circles.accounts.models import User
from circles.core.errors import Forbidden, Invalid, NotFound
from circles.core.types import utcnow
from circles.extensions import db
from circles.membership.models import Membership
from circles.municipal.models import ANSWERS, ITEMS, CheckIn
from circles.notify.models import Notification

# A check-in every three months; a little less than 92 days so a quarterly rhythm holds.
INTERVAL = timedelta(days=91)
QUESTIONS = (*ITEMS, "lonely_direct")


def score(answer: str) -> int:
    """hardly_ever, some_of_the_time, often -> 1, 2, 3."""
    return ANSWERS.index(answer) + 1


def set_consent(user: User, consent: bool) -> None:
    """Give or withdraw consent; withdrawing stops the invitations (see accounts.consents)."""
    consents.set_consent(user, "checkins", consent)


def _membership_for(user: User, circle_id: int | None) -> Membership:
    query = select(Membership).where(Membership.user_id == user.id, Membership.status == "active")
    if circle_id is not None:
        query = query.where(Membership.circle_id == circle_id)
    found = db.session.scalars(query.order_by(Membership.created_at, Membership.id)).first()
    if found is None:
        raise NotFound("error.not_found") if circle_id else Invalid("checkin.no_circle")
    return found


def take(user: User, answers: dict, circle_id: int | None = None, now=None) -> CheckIn:
    """Record a check-in for one of the member's circles (the oldest if not said)."""
    if user.checkin_consent_at is None:
        raise Forbidden("checkin.consent_needed")
    for question in QUESTIONS:
        if answers.get(question) not in ANSWERS:
            raise Invalid("checkin.answer_needed", field=question)
    membership = _membership_for(user, circle_id)
    now = now or utcnow()
    checkin = CheckIn(
        user_id=user.id,
        circle_id=membership.circle_id,
        taken_at=now,
        membership_days=max(0, (now - membership.created_at).days),
        **{question: score(answers[question]) for question in QUESTIONS},
    )
    db.session.add(checkin)
    db.session.flush()
    return checkin


def history(user: User) -> list[CheckIn]:
    """The member's own check-ins, newest first."""
    query = select(CheckIn).where(CheckIn.user_id == user.id)
    return list(db.session.scalars(query.order_by(CheckIn.taken_at.desc(), CheckIn.id.desc())))


def due_users(now: datetime, not_told: str | None = None) -> list[User]:
    """Consenting, active members whose last check-in (if any) is three months old or more;
    with not_told, only those who have no notification with that dedupe key yet."""
    last = (
        select(CheckIn.user_id, func.max(CheckIn.taken_at).label("last"))
        .group_by(CheckIn.user_id)
        .subquery()
    )
    in_a_circle = select(Membership.id).where(
        Membership.user_id == User.id, Membership.status == "active"
    )
    query = (
        select(User)
        .outerjoin(last, last.c.user_id == User.id)
        .where(User.checkin_consent_at.is_not(None), User.active.is_(True))
        .where(in_a_circle.exists())
        .where((last.c.last.is_(None)) | (last.c.last <= now - INTERVAL))
        .order_by(User.id)
    )
    if not_told is not None:
        told = select(Notification.id).where(
            Notification.user_id == User.id, Notification.dedupe_key == not_told
        )
        query = query.where(~told.exists())
    return list(db.session.scalars(query))


def quarter(now: datetime) -> str:
    """The quarter a moment falls in, like 2026Q4: one invitation per person per quarter."""
    return f"{now.year}Q{(now.month - 1) // 3 + 1}"
