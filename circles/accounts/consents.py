"""Consents: giving and withdrawing them, what a withdrawal removes, and each member's history."""

from datetime import UTC, datetime

from sqlalchemy import delete, select

from circles.accounts.models import Consent, User
from circles.core.types import utcnow
from circles.extensions import db
from circles.municipal.models import CheckIn

KINDS = ("experiences", "checkins")


def _given_at(user: User, kind: str) -> datetime | None:
    return user.experiences_consent_at if kind == "experiences" else user.checkin_consent_at


def _quarter_start(now: datetime) -> datetime:
    """The first moment of now's quarter: check-ins before it are already in published figures."""
    return datetime(now.year, 3 * ((now.month - 1) // 3) + 1, 1, tzinfo=UTC)


def set_consent(user: User, kind: str, given: bool, by: User | None = None) -> None:
    """Give or withdraw a consent; only a real change is recorded, with its time.

    Withdrawing removes what the consent covered: the experiences others could see, or the
    check-in answers of the quarter not yet counted in the municipality's figures.
    """
    if given == (_given_at(user, kind) is not None):
        return
    now = utcnow()
    db.session.add(
        Consent(
            user_id=user.id,
            kind=kind,
            given=given,
            recorded_by_id=by.id if by is not None and by.id != user.id else None,
            at=now,
        )
    )
    if kind == "experiences":
        user.experiences_consent_at = now if given else None
        if not given:
            user.experiences = []
    else:
        user.checkin_consent_at = now if given else None
        if not given:
            db.session.execute(
                delete(CheckIn).where(
                    CheckIn.user_id == user.id, CheckIn.taken_at >= _quarter_start(now)
                )
            )


def history(user: User) -> list[Consent]:
    """Every consent the member gave or withdrew, newest first."""
    query = select(Consent).where(Consent.user_id == user.id)
    return list(db.session.scalars(query.order_by(Consent.at.desc(), Consent.id.desc())))
