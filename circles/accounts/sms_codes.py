"""Signing in with a six-digit code by SMS, for members with a mobile number and no password.

A code lasts ten minutes and allows five tries. A try counts even when it is refused: the
request asks its boundary to keep the count (db.commit_despite_refusal), since a refusal
otherwise rolls the request's work back and the tries would never add up.
"""

import hmac
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from circles.accounts import one_time, outgoing, two_factor
from circles.accounts.models import OneTimeSecret, User
from circles.core import phones
from circles.core.errors import Invalid
from circles.core.i18n import translate
from circles.core.types import utcnow
from circles.db import commit_despite_refusal
from circles.extensions import db

VALID_FOR = timedelta(minutes=10)
MAX_TRIES = 5
MAX_PER_HOUR = 3


def holder(phone: str) -> User | None:
    """The one active account with this mobile number; None if none, or if several share it."""
    number = phones.e164(phone)
    if number is None:
        return None
    found = db.session.scalars(
        select(User).where(User.phone_e164 == number, User.active.is_(True)).limit(2)
    ).all()
    return found[0] if len(found) == 1 else None


def send_code(phone: str) -> bool:
    """Text a sign-in code to the number if one member has it; whether one was sent.

    The caller answers the same either way, so nobody learns whose number is known.
    """
    user = holder(phone)
    if user is None or two_factor.required(user, current_app.config):
        return False  # organizers, staff and admins sign in with a password and their app
    if one_time.issued_since(user, "sms_code", utcnow() - timedelta(hours=1)) >= MAX_PER_HOUR:
        return False
    code = f"{secrets.randbelow(1_000_000):06d}"
    one_time.issue(user, "sms_code", VALID_FOR, plain=f"{user.id}:{code}", sent_to=user.phone_e164)
    outgoing.text(user.phone_e164, translate("sms_code.text", user.language, code=code))
    return True


def sign_in(phone: str, code: str) -> User:
    """The member whose newest code this is; wrong, old or worn-out codes are refused.

    The try is counted whatever the outcome: the refusal keeps it (see the module docstring).
    """
    number, now = phones.e164(phone), utcnow()
    newest, problem = _try_code(number, code.strip(), now)
    if problem:
        raise Invalid(problem, field="code")
    return db.session.get(User, newest.user_id)


def _try_code(number: str | None, code: str, now):
    """The newest live code for the number, and the problem with this try (None: it is right)."""
    newest = db.session.execute(
        select(OneTimeSecret.id, OneTimeSecret.user_id, OneTimeSecret.secret_hash)
        .join(User, User.id == OneTimeSecret.user_id)
        .where(
            User.phone_e164 == number,
            User.active.is_(True),
            OneTimeSecret.purpose == "sms_code",
            OneTimeSecret.used_at.is_(None),
            OneTimeSecret.expires_at > now,
        )
        .order_by(OneTimeSecret.id.desc())
        .limit(1)
    ).first()
    if newest is None:
        return None, "sms_code.wrong"
    commit_despite_refusal()  # nothing was written before this: only the count is kept
    counted = db.session.execute(
        update(OneTimeSecret)
        .where(OneTimeSecret.id == newest.id, OneTimeSecret.attempts < MAX_TRIES)
        .values(attempts=OneTimeSecret.attempts + 1)
    )
    if counted.rowcount != 1:
        return newest, "sms_code.too_many_tries"
    if not hmac.compare_digest(
        one_time.digest(f"sms_code:{newest.user_id}:{code}"), newest.secret_hash
    ):
        return newest, "sms_code.wrong"
    spent = db.session.execute(
        update(OneTimeSecret)
        .where(OneTimeSecret.id == newest.id, OneTimeSecret.used_at.is_(None))
        .values(used_at=now)
    )
    return newest, None if spent.rowcount == 1 else "sms_code.wrong"
