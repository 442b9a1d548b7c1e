"""Getting back in: a password-reset link by email, and confirming that an email is one's own."""

from datetime import timedelta

from flask import current_app

from circles.accounts import one_time, outgoing, sessions
from circles.accounts import services as accounts
from circles.accounts.models import User
from circles.core.errors import Invalid
from circles.core.i18n import translate
from circles.core.types import utcnow

RESET_VALID_FOR = timedelta(hours=1)
CONFIRM_VALID_FOR = timedelta(days=7)
# Per account, whatever address or machine asks: enough for a slow reader, too few to flood.
MAX_PER_HOUR = 3


def link(path: str) -> str:
    """A full address in the app (its hash route), for an email."""
    return f"{current_app.config['CIRCLES_BASE_URL'].rstrip('/')}/#/{path}"


def request_reset(email: str) -> bool:
    """Email a reset link if the address belongs to an active account; whether one was sent.

    The caller answers the same either way, so nobody learns who has an account.
    """
    user = accounts.find_by_email(email)
    if user is None or not user.active or not user.email:
        return False
    if one_time.issued_since(user, "password_reset", utcnow() - timedelta(hours=1)) >= MAX_PER_HOUR:
        return False
    token = one_time.issue(user, "password_reset", RESET_VALID_FOR, sent_to=user.email)
    words = {"name": user.name, "link": link(f"reset/{token}"), "minutes": 60}
    outgoing.email(
        user.name,
        user.email,
        translate("reset.email_subject", user.language),
        translate("reset.email_body", user.language, **words),
    )
    return True


def confirm_reset(token: str, password: str) -> User:
    """Set the new password with a reset link, once; every other sign-in ends."""
    now = utcnow()
    secret = one_time.find("password_reset", token)
    if secret is None or secret.used_at is not None or not secret.user.active:
        raise Invalid("reset.link_invalid", field="token")
    if secret.expires_at <= now:
        raise Invalid("reset.link_expired", field="token")
    if not one_time.use(secret, now):
        raise Invalid("reset.link_invalid", field="token")
    user = secret.user
    sessions.change_password(user, password)
    if secret.sent_to == user.email and user.email_confirmed_at is None:
        user.email_confirmed_at = now  # the link reached the inbox: the address is theirs
    return user


def send_confirmation(user: User) -> bool:
    """Email a link that confirms the person's address; False if confirmed or asked too often."""
    if not user.email or user.email_confirmed_at is not None:
        return False
    if one_time.issued_since(user, "confirm_email", utcnow() - timedelta(hours=1)) >= MAX_PER_HOUR:
        return False
    token = one_time.issue(user, "confirm_email", CONFIRM_VALID_FOR, sent_to=user.email)
    outgoing.email(
        user.name,
        user.email,
        translate("confirm_email.email_subject", user.language),
        translate(
            "confirm_email.email_body",
            user.language,
            name=user.name,
            link=link(f"confirm-email/{token}"),
        ),
    )
    return True


def confirm_email(token: str) -> User:
    """Mark the address confirmed with the link sent to it; a link for an old address fails."""
    now = utcnow()
    secret = one_time.find("confirm_email", token)
    if secret is None or secret.user.email != secret.sent_to:
        raise Invalid("confirm_email.link_invalid", field="token")
    if secret.user.email_confirmed_at is not None:
        return secret.user  # clicked twice: already done, nothing to refuse
    if secret.used_at is not None:
        raise Invalid("confirm_email.link_invalid", field="token")
    if secret.expires_at <= now:
        raise Invalid("confirm_email.link_expired", field="token")
    one_time.use(secret, now)
    secret.user.email_confirmed_at = now
    return secret.user
