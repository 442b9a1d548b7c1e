"""Reminding helpers and their organizers before a vetting lapses."""

from datetime import datetime

from flask import current_app

from circles.core.i18n import local_today
from circles.jobs import every
from circles.membership import vetting


@every("vetting_reminders", hours=12)
def remind_before_vetting_lapses(now: datetime) -> int:
    """Each vetting that lapses within the window gets its one reminder."""
    today = local_today(current_app.config["CIRCLES_DEFAULT_TIMEZONE"], now)
    due = vetting.due_reminders(today)
    for membership in due:
        vetting.remind(membership, today)
    return len(due)
