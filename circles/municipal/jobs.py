"""Inviting consenting members to their quarterly check-in; forgetting old answers."""

from datetime import UTC, datetime

from flask import current_app

from circles.core import retention
from circles.jobs import every
from circles.municipal import checkins
from circles.municipal.models import CheckIn
from circles.notify import notifications


@every("checkin_invitations", hours=6)
def invite_to_checkins(now: datetime) -> int:
    """Invite each member who is due; the quarter in the dedupe key makes it once a quarter."""
    sent = 0
    key = f"checkin:{checkins.quarter(now)}"
    # Those invited this quarter already are left out by the query: a second run is one query.
    for user in checkins.due_users(now, not_told=key):
        if notifications.notify(user, "checkin.due", link="#/checkin", dedupe_key=key):
            sent += 1
    return sent


@every("retain_checkin_answers", hours=24)
def forget_old_checkin_answers(now: datetime) -> int:
    """Raw check-in answers go once the figures built from them are no longer shown: whole
    calendar years older than the rule, all at once. A cut-off that moved day by day would
    shrink a year's published figures one answer at a time, and comparing them from one day
    to the next would tell when someone answered (the small-number protection assumes the
    figures of a finished year never change)."""
    years = current_app.config["CIRCLES_RETAIN_CHECKIN_ANSWERS_YEARS"]
    if years <= 0:
        return 0
    first_kept = datetime(now.year - years, 1, 1, tzinfo=UTC)
    return retention.purge(CheckIn, CheckIn.taken_at < first_kept)
