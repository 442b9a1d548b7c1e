"""Sign-in cards: a printed QR code that signs a member in on a new phone or tablet, once.

A card lets an organizer put someone's account in a stranger's hands, so it is only for
members who have no password and hold no organizer, staff or admin role anywhere; the session
it starts carries member rights only (it ends if the person gains a password or a role) and
ends with the card's own limit; the member is told of every card; printing is limited and
audited.
"""

import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select, update

from circles.accounts.models import SignInCard, User
from circles.accounts.services import secret_hash as code_hash
from circles.core import audit
from circles.core.errors import Forbidden, Invalid, NotFound, TooMany
from circles.core.types import utcnow
from circles.extensions import db
from circles.membership import circles
from circles.membership.models import Membership, MunicipalStaff

VALID_FOR = timedelta(days=60)
WINDOW = timedelta(days=1)
PER_MEMBER_PER_DAY = 3
# Roles that a card session must never carry: their holders sign in with a password.
RUNNING = ("active", "pending", "suspended")


def holds_role(user: User) -> bool:
    """Whether the person is an admin, municipal staff, or an organizer of any circle."""
    if user.is_admin:
        return True
    organizer = select(Membership.id).where(
        Membership.user_id == user.id,
        Membership.role == "organizer",
        Membership.status.in_(RUNNING),
    )
    staff = select(MunicipalStaff.id).where(MunicipalStaff.user_id == user.id)
    return db.session.scalar(select(organizer.exists() | staff.exists()))


def may_use_card(user: User) -> bool:
    """Cards are for members without a password and without any role."""
    return user.password_hash is None and not holds_role(user)


def _check_pace(organizer: User, user_id: int, now: datetime) -> None:
    """At most CIRCLES_CARDS_PER_DAY cards by one organizer, and PER_MEMBER_PER_DAY for one
    member, in 24 hours: a card is a key to an account, not a handout."""
    since = now - WINDOW
    limits = (
        (SignInCard.created_by_id == organizer.id, current_app.config["CIRCLES_CARDS_PER_DAY"]),
        (SignInCard.user_id == user_id, PER_MEMBER_PER_DAY),
    )
    for who, most in limits:
        printed = select(SignInCard.created_at).where(who, SignInCard.created_at > since)
        count = db.session.scalar(select(func.count()).select_from(printed.subquery()))
        if count >= most:
            oldest = db.session.scalar(
                printed.order_by(SignInCard.created_at).offset(count - most).limit(1)
            )
            raise TooMany("card.too_many", retry_after=(oldest + WINDOW - now).total_seconds())


def issue(organizer: User, circle_id: int, user_id: int) -> tuple[SignInCard, str]:
    """A new card for a member of the organizer's circle; older cards stop working. Audited,
    limited (organizing.printing tells the member)."""
    circles.organized_circle(organizer, circle_id)
    membership = circles.membership_of(circle_id, user_id)
    if membership is None or membership.status != "active":
        raise NotFound("error.not_found")
    if not may_use_card(membership.user):
        raise Forbidden("card.not_for_this_person")
    now = utcnow()
    _check_pace(organizer, user_id, now)
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
        created_at=now,
        expires_at=now + VALID_FOR,
    )
    db.session.add(card)
    db.session.flush()
    audit.record(
        organizer, "sign_in_card.printed", circle_id=circle_id, subject=membership.user, target=card
    )
    return card, code


def redeem(code: str, now: datetime | None = None) -> SignInCard:
    """The card, used up; used, replaced and old cards, and people no card is for, are refused."""
    now = now or utcnow()
    card = db.session.scalar(select(SignInCard).where(SignInCard.code_hash == code_hash(code)))
    if card is None:
        raise Invalid("card.unknown", field="code")
    problem = (
        "card.used" if card.used_at else
        "card.replaced" if card.revoked_at else
        "card.expired" if card.expires_at <= now else
        "card.account_closed" if not card.user.active else
        "card.not_for_this_person" if not may_use_card(card.user) else None
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
    db.session.refresh(card)
    return card
