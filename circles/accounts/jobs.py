"""Forgetting what no longer lets anyone in: ended sessions and tokens, spent links and codes."""

from datetime import datetime

from sqlalchemy import or_

from circles.accounts.models import (
    ApiToken,
    LocationChange,
    OneTimeSecret,
    RecoveryCode,
    UserSession,
)
from circles.core import retention
from circles.jobs import every


@every("retain_expired_sign_ins", hours=24)
def forget_expired_sign_ins(now: datetime) -> int:
    """Sessions and bearer tokens that ended, reset links and codes that expired, used recovery
    codes and notes of moves, all longer ago than the rule, go.

    Used sign-in cards stay: that a card was used says the person can open the app (notify).
    """
    before = retention.cutoff(now, "CIRCLES_RETAIN_EXPIRED_SIGN_INS_DAYS")
    if before is None:
        return 0
    ended = UserSession.revoked_at < before, UserSession.expires_at < before
    revoked = ApiToken.revoked_at < before, ApiToken.expires_at < before
    return (
        retention.purge(UserSession, or_(*ended))
        + retention.purge(ApiToken, or_(*revoked))
        + retention.purge(OneTimeSecret, OneTimeSecret.expires_at < before)
        + retention.purge(RecoveryCode, RecoveryCode.used_at < before)
        + retention.purge(LocationChange, LocationChange.changed_at < before)
    )
