"""Sign-in cards: a printed QR code that signs a member in on a new phone or tablet, once."""

import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update

from circles.accounts.models import SignInCard, User
from circles.accounts.services import secret_hash as code_hash
from circles.core import audit
from circles.core.errors import Invalid, NotFound
from circles.core.types import utcnow
from circles.extensions import db
from circles.membership import circles

VALID_FOR = timedelta(days=60)


def issue(organizer: User, circle_id: int, user_id: int) -> tuple[SignInCard, str]:
    """A new card for a member of the organizer's circle; older cards stop working. Audited."""
    circles.organized_circle(organizer, circle_id)
    membership = circles.membership_of(circle_id, user_id)
    if membership is None or membership.status != "active":
        raise NotFound("error.not_found")
    now = utcnow()
    db.session.execute(
        update(SignInCard)
        .where(SignInCard.user_id == user_id, SignInCard.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    code = secrets.token_urlsafe(24)
    card = SignInCard(
        user_id=user_id,
        code_hash=code_hash(code),
        created_by_id=organizer.id,
        expires_at=now + VALID_FOR,
    )
    db.session.add(card)
    db.session.flush()
    audit.record(
        organizer, "sign_in_card.printed", circle_id=circle_id, subject=membership.user, target=card
    )
    db.session.flush()
    return card, code


def redeem(code: str, now: datetime | None = None) -> User:
    """The member the card belongs to, once; used, replaced and old cards are refused."""
    now = now or utcnow()
    card = db.session.scalar(select(SignInCard).where(SignInCard.code_hash == code_hash(code)))
    if card is None:
        raise Invalid("card.unknown", field="code")
    problem = (
        "card.used" if card.used_at else
        "card.replaced" if card.revoked_at else
        "card.expired" if card.expires_at <= now else
        "card.account_closed" if not card.user.active else None
    )  # fmt: skip
    if problem:
        raise Invalid(problem, field="code")
    # Two phones showing the card at once: the one whose update finds it unused wins.
    used = db.session.execute(
        update(SignInCard)
        .where(
            SignInCard.id == card.id,
            SignInCard.used_at.is_(None),
            SignInCard.revoked_at.is_(None),
        )
        .values(used_at=now)
    )
    if used.rowcount != 1:
        raise Invalid("card.used", field="code")
    return card.user
