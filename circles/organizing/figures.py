"""A circle's own figures for its organizers: the municipal dashboard's counts, for one circle.

Organizers know their members by name, so their own circle's numbers are shown exactly, with
no small-number protection; only municipal staff, who see many circles, get protected figures.
"""

from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from circles.core.types import utcnow
from circles.extensions import db
from circles.help.models import HelpRequest
from circles.membership import circles
from circles.membership.models import Membership
from circles.municipal import counts as stats
from circles.municipal import counts_help as activity
from circles.municipal.dashboard import span_for
from circles.municipal.grids import ALL
from circles.notify import sms_usage

SUMMED = ("new_members", "requests", "matched", "done", "event_times", "attendance")


def _now_counts(circle_id: int, now: datetime, unanswered_after: timedelta) -> dict:
    """Members, open requests and open requests nobody answered in time, as things are now."""
    members = select(func.count()).where(
        Membership.circle_id == circle_id, Membership.status == "active"
    )
    open_requests = select(func.count()).where(
        HelpRequest.circle_id == circle_id, HelpRequest.status == "open"
    )
    unanswered = open_requests.where(HelpRequest.created_at <= now - unanswered_after)
    return {
        "members": db.session.scalar(members),
        "open_requests": db.session.scalar(open_requests),
        "unanswered_requests": db.session.scalar(unanswered),
    }


def build(organizer, circle_id: int, first, last, today: date, zone: str, settings: dict):
    """The circle's months from first to last (the last twelve by default), and now."""
    circles.organized_circle(organizer, circle_id)
    span = span_for(first, last, today, zone)
    ids, months = [circle_id], span.months
    new = stats.new_members(ids, span)
    sources = [stats.checkin_activity(), *activity.activity_sources()]
    active = stats.active_members(ids, span, sources)
    counted = activity.requests(ids, span)
    medians = activity.median_hours_to_match(ids, span)
    held, came = activity.meetings(ids, span), activity.attendance(ids, span)
    running = stats.members_before(ids, span).get(circle_id, 0)
    rows = []
    for m in months:
        key = (circle_id, m)
        running += new.get(key, 0)
        rows.append(
            {
                "month": m,
                "new_members": new.get(key, 0),
                "members": running,
                "active_members": active.get(key, 0),
                "requests": counted["asked"].get(key, 0),
                "matched": counted["matched"].get(key, 0),
                "done": counted["done"].get(key, 0),
                "median_hours_to_match": _median(medians, key),
                "event_times": held.get(key, 0),
                "attendance": came.get(key, 0),
            }
        )
    totals = {k: sum(r[k] for r in rows) for k in SUMMED}
    totals["median_hours_to_match"] = _median(medians, (circle_id, ALL))
    escalate = timedelta(hours=settings["CIRCLES_ESCALATE_AFTER_HOURS"])
    now = _now_counts(circle_id, utcnow(), escalate)
    sms = sms_usage.figures(circle_id, utcnow(), settings)
    return {"circle_id": circle_id, "months": rows, "period": totals, "now": now, "sms": sms}


def _median(medians: dict, key) -> float | None:
    """The median hours to a match, or None when nothing was matched."""
    n, median = medians.get(key, (0, 0.0))
    return round(median, 1) if n else None
