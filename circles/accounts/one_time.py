"""Single-use secrets sent to a person (reset links, email-confirmation links, SMS codes)."""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select, update

from circles.accounts.models import OneTimeSecret, User
from circles.core.types import utcnow
from circles.extensions import db

PURPOSES = ("password_reset", "confirm_email", "sms_code")


def digest(plain: str) -> str:
    """The secret as kept: an HMAC keyed with SECRET_KEY, so a stolen table cannot test guesses.

    A six-digit code has only a million values; a bare SHA-256 of it would be found at once.
    """
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, plain.encode(), hashlib.sha256).hexdigest()


def issued_since(user: User, purpose: str, since: datetime) -> int:
    """How many secrets of this purpose the person was sent since then (the per-account limit)."""
    return db.session.scalar(
        select(func.count(OneTimeSecret.id)).where(
            OneTimeSecret.user_id == user.id,
            OneTimeSecret.purpose == purpose,
            OneTimeSecret.created_at >= since,
        )
    )


def issue(
    user: User, purpose: str, valid_for: timedelta, plain: str | None = None, sent_to=None
) -> str:
    """A new secret (a long random link token unless plain is given); older ones stop working."""
    assert purpose in PURPOSES
    now = utcnow()
    retire(user, purpose, now)
    plain = plain or secrets.token_urlsafe(32)
    db.session.add(
        OneTimeSecret(
            user_id=user.id,
            purpose=purpose,
            secret_hash=digest(f"{purpose}:{plain}"),
            sent_to=sent_to,
            created_at=now,
            expires_at=now + valid_for,
        )
    )
    return plain


def retire(user: User, purpose: str, now: datetime | None = None) -> None:
    """Every unused secret of this purpose stops working (marked used, so none can be reused)."""
    db.session.execute(
        update(OneTimeSecret)
        .where(
            OneTimeSecret.user_id == user.id,
            OneTimeSecret.purpose == purpose,
            OneTimeSecret.used_at.is_(None),
        )
        .values(used_at=now or utcnow())
        .execution_options(synchronize_session=False)
    )


def find(purpose: str, plain: str) -> OneTimeSecret | None:
    """The secret behind a link token, used or not."""
    return db.session.scalar(
        select(OneTimeSecret).where(
            OneTimeSecret.purpose == purpose,
            OneTimeSecret.secret_hash == digest(f"{purpose}:{plain}"),
        )
    )


def use(secret: OneTimeSecret, now: datetime | None = None) -> bool:
    """Spend the secret; False when it was already spent (two clicks racing: only one wins)."""
    spent = db.session.execute(
        update(OneTimeSecret)
        .where(OneTimeSecret.id == secret.id, OneTimeSecret.used_at.is_(None))
        .values(used_at=now or utcnow())
        .execution_options(synchronize_session=False)
    )
    return spent.rowcount == 1
