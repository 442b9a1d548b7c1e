"""Inviting consenting members to their quarterly check-in; forgetting old answers; keeping
the dashboard's months as they end."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select

from circles.core import retention
from circles.extensions import db
from circles.jobs import every
from circles.membership.models import Municipality
from circles.municipal import checkins, frozen
from circles.municipal.counts import circles_of, period
from circles.municipal.dashboard import last_finished_month
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
    """Raw check-in answers go once older than the rule: whole calendar years, all at once.
    The dashboard's figures do not change when they go: each month's counts were kept when it
    ended (keep_finished_months). Whole years still, so that a month never kept loses its
    answers at once, never one a day (comparing days would tell when someone answered)."""
    years = current_app.config["CIRCLES_RETAIN_CHECKIN_ANSWERS_YEARS"]
    if years <= 0:
        return 0
    first_kept = datetime(now.year - years, 1, 1, tzinfo=UTC)
    return retention.purge(CheckIn, CheckIn.taken_at < first_kept)


@every("dashboard_months", hours=1)
def keep_finished_months(now: datetime) -> int:
    """Count and keep each municipality's months of this year's frame soon after each ends, so
    no staff member waits for them (the dashboard would count a missing month itself); once
    kept, a run costs one SELECT per municipality. Returns how many months were kept."""
    zone = current_app.config["CIRCLES_DEFAULT_TIMEZONE"]
    done = last_finished_month(now.astimezone(ZoneInfo(zone)).date())
    months = period(date(done.year, 1, 1), done, zone).months
    kept = 0
    for municipality_id in db.session.scalars(select(Municipality.id).order_by(Municipality.id)):
        kept += frozen.keep(municipality_id, list(circles_of(municipality_id)), months, zone)[1]
    return kept
