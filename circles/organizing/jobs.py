"""Member jobs: the outreach list of members who have gone quiet, messages to pass on by
phone, the weekly digest; old call notes and handled reports forgotten by the retention rules."""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from circles.accounts.models import User
from circles.core import geo, retention
from circles.core.i18n import moment_phrase, phrase
from circles.events import events
from circles.events.times import SPOKEN
from circles.extensions import db
from circles.help import distances, matching
from circles.help.requests import category_phrase
from circles.jobs import every
from circles.membership.circles import active_circle_ids
from circles.membership.models import Membership
from circles.notify import notifications
from circles.notify.models import Notification
from circles.organizing import outreach, pass_on
from circles.organizing.models import Call, OutreachItem, Report

DIGEST_DAYS = 7
DIGEST_EVENTS = 8
DIGEST_REQUESTS = 8


@every("quiet_members", hours=1)
def list_quiet_members(now: datetime) -> int:
    """Members with no activity for CIRCLES_QUIET_AFTER_DAYS go on each circle's outreach list."""
    cutoff = now - timedelta(days=current_app.config["CIRCLES_QUIET_AFTER_DAYS"])
    # Listed already in this quiet spell: checked in the query, so a run with nothing new
    # costs one statement however many members have gone quiet.
    listed = select(OutreachItem.id).where(
        OutreachItem.circle_id == Membership.circle_id,
        OutreachItem.member_id == User.id,
        OutreachItem.reason == "quiet_member",
        OutreachItem.created_at >= User.last_active_at,
    )
    quiet = (
        select(Membership.circle_id, User.id, User.last_active_at)
        .join(User, Membership.user_id == User.id)
        .where(Membership.status == "active", Membership.role != "organizer")
        .where(User.active.is_(True), User.last_active_at < cutoff, ~listed.exists())
    )
    added = 0
    for circle_id, user_id, last_active_at in db.session.execute(quiet).all():
        # Keyed on the last activity: someone who comes back and goes quiet again is listed again.
        key = f"quiet_member:{user_id}:{last_active_at.date().isoformat()}"
        added += outreach.add(circle_id, "quiet_member", key, member_id=user_id) is not None
    return added


@every("calls_for_messages", minutes=1)
def list_calls_for_messages(now: datetime) -> int:
    """Messages that reach a member by no other way go on their circle's call list."""
    return pass_on.list_calls(now)


def digest_events(user: User, now: datetime) -> list:
    """The coming week's events in the person's circles, written in their language and zone
    when read."""
    pairs = events.scheduled_between(
        now, now + timedelta(days=DIGEST_DAYS), active_circle_ids(user)
    )
    shown = [
        phrase(
            "digest.event",
            title=event.title,
            when=moment_phrase(slot.starts_at, user.timezone, SPOKEN),
        )
        for event, slot in pairs[:DIGEST_EVENTS]
    ]
    return shown or [phrase("digest.none")]


def digest_requests(user: User, now: datetime) -> list:
    """Open requests posted this week near the person, as the request list shows them.

    Within their travel distance, in their circles, never their own nor a blocked person's
    (matching.nearby_requests); only the kind of help and a rounded distance, never a place.
    """
    if not user.travel_km:
        return [phrase("digest.none")]
    found = matching.nearby_requests(
        user, km=user.travel_km, limit=DIGEST_REQUESTS, since=now - timedelta(days=DIGEST_DAYS)
    )
    shown = [
        phrase("digest.request", category=category_phrase(request.category), km=geo.rounded_km(km))
        if distances.shown_km(request, user, km) is not None
        else category_phrase(request.category)  # a postcode's centre: no distance
        for request, km in found
    ]
    return shown or [phrase("digest.none")]


@every("weekly_digest", hours=1)
def send_weekly_digests(now: datetime) -> int:
    """Once a week (per ISO week), to each member who asked for it, in their language."""
    year, week, _ = now.isocalendar()
    key = f"weekly_digest:{year}-W{week:02d}"
    # Those who already have this week's digest, or belong to no circle, are left out by the
    # query: a second run in the same week costs one statement.
    sent_already = select(Notification.id).where(
        Notification.user_id == User.id, Notification.dedupe_key == key
    )
    in_a_circle = select(Membership.id).where(
        Membership.user_id == User.id, Membership.status == "active"
    )
    wanting = select(User).where(
        User.weekly_digest.is_(True),
        User.active.is_(True),
        in_a_circle.exists(),
        ~sent_already.exists(),
    )
    sent = 0
    for user in db.session.scalars(wanting).all():
        notice = notifications.notify(
            user,
            "weekly_digest_nearby",
            link="#/",
            dedupe_key=key,
            requests=digest_requests(user, now),
            events=digest_events(user, now),
        )
        sent += notice is not None
    return sent


@every("retain_call_notes", hours=24)
def empty_old_call_notes(now: datetime) -> int:
    """Organizers' notes on calls older than the rule are emptied; that a call was made stays."""
    before = retention.cutoff(now, "CIRCLES_RETAIN_CALL_NOTES_DAYS")
    if before is None:
        return 0
    return retention.empty(Call, {"note": ""}, Call.called_at < before, Call.note != "")


@every("retain_handled_reports", hours=24)
def forget_handled_reports(now: datetime) -> int:
    """Reports handled longer ago than the rule go; open ones always stay."""
    before = retention.cutoff(now, "CIRCLES_RETAIN_HANDLED_REPORTS_DAYS")
    if before is None:
        return 0
    return retention.purge(Report, Report.handled_at.is_not(None), Report.handled_at < before)
