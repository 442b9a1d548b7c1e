"""Two-factor sign-in (TOTP and single-use recovery codes) for those who see many people.

Organizers, municipal staff and admins sign in with a password and a code from an
authenticator app when CIRCLES_REQUIRE_2FA is on. The first sign-in enrols the app: the
secret is offered (as a QR code) until a code made from it is entered once.
"""

import base64
import hmac
import secrets
import time

import pyotp
import segno
from sqlalchemy import or_, select, update

from circles.accounts.models import RecoveryCode, User
from circles.accounts.services import secret_hash
from circles.accounts.sessions import is_privileged
from circles.core.types import utcnow
from circles.extensions import db

ISSUER = "Circles"
RECOVERY_CODES = 10


def required(user: User, config) -> bool:
    """Whether this person must give a second factor to sign in."""
    return bool(config["CIRCLES_REQUIRE_2FA"]) and is_privileged(user)


def enrolled(user: User) -> bool:
    """Whether the person has proved they hold the secret."""
    return user.totp_enabled_at is not None and user.totp_secret is not None


def pending_secret(user: User, key: str) -> str:
    """The secret being enrolled: derived from the app's key and the password hash, not stored.

    Until a first code confirms it, nothing is written (a refused sign-in saves nothing), yet
    every attempt offers the same secret; a new password offers a new one.
    """
    if user.totp_secret:
        return user.totp_secret
    digest = hmac.new(key.encode(), f"totp:{user.id}:{user.password_hash}".encode(), "sha256")
    return base64.b32encode(digest.digest()).decode()[:32]


def enrolment(user: User, key: str) -> dict:
    """What an authenticator app needs: the secret, its otpauth:// address, and that as a QR SVG."""
    secret = pending_secret(user, key)
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.email or str(user.id), issuer_name=ISSUER)
    qr = segno.make(uri, error="m").svg_inline(scale=4, title="QR", omitsize=True)
    return {"secret": secret, "otpauth_uri": uri, "qr_svg": qr}


def new_recovery_codes(user: User) -> list[str]:
    """Ten fresh single-use codes (the old ones stop working); shown once, kept as hashes."""
    db.session.execute(
        update(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
        .values(used_at=utcnow())
    )
    plain = [f"{secrets.randbelow(10**10):010d}" for _ in range(RECOVERY_CODES)]
    for code in plain:
        db.session.add(RecoveryCode(user_id=user.id, code_hash=secret_hash(code)))
    db.session.flush()
    return [f"{code[:5]}-{code[5:]}" for code in plain]


def use_recovery_code(user: User, code: str) -> bool:
    """Spend one unused recovery code; each works once (a guarded update, so never twice)."""
    digits = "".join(ch for ch in code if ch.isdigit())
    row_id = db.session.scalar(
        select(RecoveryCode.id).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == secret_hash(digits),
            RecoveryCode.used_at.is_(None),
        )
    )
    if row_id is None:
        return False
    spent = db.session.execute(
        update(RecoveryCode)
        .where(RecoveryCode.id == row_id, RecoveryCode.used_at.is_(None))
        .values(used_at=utcnow())
    )
    return spent.rowcount == 1


def accepted_step(secret: str, digits: str) -> int | None:
    """The 30-second time step whose code these digits are (now, or one either side), if any."""
    totp = pyotp.TOTP(secret)
    now = int(time.time() // totp.interval)
    for step in (now, now - 1, now + 1):
        if hmac.compare_digest(totp.generate_otp(step), digits):
            return step
    return None


def spend_step(user: User, step: int) -> bool:
    """Mark a time step used; False if it, or a later one, was used already.

    A guarded update: of two requests with the same code at the same moment, the second
    waits for the first's row lock, finds the step taken, and changes nothing.
    """
    spent = db.session.execute(
        update(User)
        .where(
            User.id == user.id,
            or_(User.totp_last_step.is_(None), User.totp_last_step < step),
        )
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount != 1:
        return False
    db.session.refresh(user, ["totp_last_step"])
    return True


def check(user: User, code: str | None, key: str) -> bool:
    """Whether code is the app's current code (or, once enrolled, an unused recovery code).

    Each code from the app works once: a code at or before the last one accepted is refused
    (someone who saw it, or a replayed request, gets no further). A first correct code from
    the app completes enrolment: the secret is kept from then on.
    """
    if not code:
        return False
    secret = pending_secret(user, key)
    digits = "".join(ch for ch in code if ch.isdigit())
    if len(digits) == 6:
        step = accepted_step(secret, digits)
        if step is None or not spend_step(user, step):
            return False
        if not enrolled(user):
            user.totp_secret, user.totp_enabled_at = secret, utcnow()
        return True
    return enrolled(user) and use_recovery_code(user, code)
