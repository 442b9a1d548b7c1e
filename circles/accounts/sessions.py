"""Signed-in devices: each sign-in is a row whose secret rides in the cookies; ending it signs out.

Uses membership (who organizes) to know whose sessions time out when left idle.
"""

import secrets
from datetime import datetime, timedelta
from functools import cache

from flask import current_app, request
from flask_login import login_user, logout_user
from sqlalchemy import Select, bindparam, select, update
from sqlalchemy.orm import joinedload

from circles.accounts import cards
from circles.accounts import services as accounts
from circles.accounts.models import ApiToken, User, UserSession
from circles.accounts.services import secret_hash
from circles.core.errors import NotFound
from circles.core.types import utcnow
from circles.extensions import db
from circles.membership import circles

# last_seen_at is written at most this often, so that reading a page costs no write.
SEEN_EVERY = timedelta(minutes=1)


def is_privileged(user: User) -> bool:
    """Whether the person sees many people: an admin, municipal staff, or an organizer."""
    return bool(
        user.is_admin or circles.staff_municipality_ids(user) or circles.organized_circles(user)
    )


def device_label(user_agent: str) -> str:
    """A short name for the browser or app, so a person can tell their devices apart."""
    return " ".join(user_agent.split())[:200]


def lifetime(remember: bool) -> timedelta:
    """How long a session lasts: remembered ones for days, others for hours since last use."""
    config = current_app.config
    if remember:
        return timedelta(days=config["CIRCLES_REMEMBER_DAYS"])
    return timedelta(hours=config["CIRCLES_SESSION_HOURS"])


def start(
    user: User, remember: bool, user_agent: str = "", card_until: datetime | None = None
) -> tuple[UserSession, str]:
    """A new session for the user, and its secret, which is never stored.

    card_until: signed in with a printed card, the session ends at the card's own limit."""
    plain = secrets.token_urlsafe(32)
    now = utcnow()
    row = UserSession(
        user=user,
        token_hash=secret_hash(plain),
        device=device_label(user_agent),
        remember=remember,
        privileged=is_privileged(user),
        created_at=now,
        last_seen_at=now,
        expires_at=min(now + lifetime(remember), card_until or now + lifetime(remember)),
        by_card=card_until is not None,
    )
    db.session.add(row)
    db.session.flush()
    return row, plain


def sign_in(user: User, remember: bool = False, card_until: datetime | None = None) -> UserSession:
    """Start a session for this browser and hand its secret to Flask-Login's cookies."""
    agent = request.headers.get("User-Agent", "")
    row, user.session_token = start(user, remember, agent, card_until)
    user.current_session_id = row.id
    login_user(user, remember=remember)
    return row


def alive(row: UserSession, now: datetime) -> bool:
    """Not ended, not expired, and for those who see many people not left idle too long."""
    if row.revoked_at is not None or row.expires_at <= now:
        return False
    idle = timedelta(minutes=current_app.config["CIRCLES_PRIVILEGED_IDLE_MINUTES"])
    return not (row.privileged and now - row.last_seen_at > idle)


def user_for(plain: str) -> User | None:
    """The active user of a live session; notes its use (at most once a minute)."""
    row = db.session.scalar(_session_with_user(), {"token_hash": secret_hash(plain)})
    now = utcnow()
    if row is None or not alive(row, now) or not row.user.active:
        return None
    if row.by_card and not cards.may_use_card(row.user):
        return None  # a password or a role since: a card session never carries more
    if now - row.last_seen_at > SEEN_EVERY:
        row.last_seen_at = now
        if not row.remember:
            row.expires_at = now + lifetime(False)
    row.user.session_token = plain
    row.user.current_session_id = row.id
    return row.user


@cache
def _session_with_user() -> Select:
    """A session by :token_hash, with its user; built once, as every page and call runs it."""
    return (
        select(UserSession)
        .options(joinedload(UserSession.user))
        .where(UserSession.token_hash == bindparam("token_hash"))
    )


def current_session(user: User) -> UserSession | None:
    """The session this request rides on, if it rides on one."""
    token = getattr(user, "session_token", None)
    if not token:
        return None
    return db.session.scalar(
        select(UserSession).where(UserSession.token_hash == secret_hash(token))
    )


def sign_out(user: User) -> None:
    """End this device's session, and clear its session and remember cookies."""
    row = current_session(user)
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
    logout_user()


def live_sessions(user: User) -> list[UserSession]:
    """The user's signed-in devices, most recently used first."""
    now = utcnow()
    rows = db.session.scalars(
        select(UserSession)
        .where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
        .where(UserSession.expires_at > now)
        .order_by(UserSession.last_seen_at.desc(), UserSession.id.desc())
    )
    return [row for row in rows if alive(row, now)]


def end_one(user: User, session_id: int) -> None:
    """End one of the user's own sessions; anyone else's is not found."""
    ended = db.session.execute(
        update(UserSession)
        .where(UserSession.id == session_id, UserSession.user_id == user.id)
        .where(UserSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    if ended.rowcount != 1:
        raise NotFound("error.not_found")


def end_all(user: User, keep_id: int | None = None) -> int:
    """End all the user's sessions but keep_id (after a password change, or "sign out everywhere").

    Returns how many were ended. Other code (a password change) calls this with the current one.
    """
    query = update(UserSession).where(
        UserSession.user_id == user.id, UserSession.revoked_at.is_(None)
    )
    if keep_id is not None:
        query = query.where(UserSession.id != keep_id)
    return db.session.execute(query.values(revoked_at=utcnow())).rowcount


def change_password(
    user: User, password: str, keep_id: int | None = None, keep_token: str | None = None
) -> int:
    """Set a new password and end every other session and bearer token, so whoever knew the
    old one is out. keep_id / keep_token: the session or token of the one asking, which stays.

    Returns how many sessions were ended."""
    accounts.set_password(user, password)
    revoking = update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    if keep_token:
        revoking = revoking.where(ApiToken.token_hash != secret_hash(keep_token))
    db.session.execute(revoking.values(revoked_at=utcnow()))
    return end_all(user, keep_id)


def end_everywhere(user: User) -> None:
    """Every session and every bearer token of the user ends: for a lost phone or a worry."""
    end_all(user)
    db.session.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    logout_user()
