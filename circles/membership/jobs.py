"""Reminding helpers and their organizers before a vetting lapses; forgetting former members."""

from datetime import datetime

from flask import current_app
from sqlalchemy import func

from circles.core import retention
from circles.core.i18n import local_today
from circles.jobs import every
from circles.membership import vetting
from circles.membership.models import Membership


@every("vetting_reminders", hours=12)
def remind_before_vetting_lapses(now: datetime) -> int:
    """Each vetting that lapses within the window gets its one reminder."""
    today = local_today(current_app.config["CIRCLES_DEFAULT_TIMEZONE"], now)
    due = vetting.due_reminders(today)
    for membership in due:
        vetting.remind(membership, today)
    return len(due)


@every("retain_former_memberships", hours=24)
def forget_former_memberships(now: datetime) -> int:
    """Memberships left or refused longer ago than the rule go; suspended and removed ones stay,
    since they keep the person from simply joining again."""
    before = retention.cutoff(now, "CIRCLES_RETAIN_FORMER_MEMBERSHIPS_DAYS")
    if before is None:
        return 0
    ended = func.coalesce(Membership.ended_at, Membership.decided_at)
    return retention.purge(Membership, Membership.status.in_(("left", "refused")), ended < before)
