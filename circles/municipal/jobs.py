"""Inviting consenting members to their quarterly check-in."""

from datetime import datetime

from circles.jobs import every
from circles.municipal import checkins
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
