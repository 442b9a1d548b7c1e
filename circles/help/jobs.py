"""Jobs that keep requests moving: widen the search, escalate, expire, and make regular times."""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from circles.accounts.models import User
from circles.extensions import db
from circles.help import posting
from circles.help.models import Arrangement, HelpRequest, Match
from circles.help.relationships import create_occurrences
from circles.help.requests import OPEN_MATCH, category_phrase, circle_people, radius_steps
from circles.jobs import every
from circles.notify import notifications
from circles.organizing import outreach
from circles.organizing.models import OutreachItem


def _hours(name: str) -> timedelta:
    return timedelta(hours=float(current_app.config[name]))


def _open_unanswered(before: datetime, *conditions) -> list[HelpRequest]:
    """Open requests created before the moment (none of them has an accepted match)."""
    query = select(HelpRequest).where(
        HelpRequest.status == "open", HelpRequest.created_at <= before, *conditions
    )
    return list(db.session.scalars(query.order_by(HelpRequest.id)))


@every("help_widen", minutes=15)
def widen(now: datetime) -> int:
    """Open requests nobody answered reach one radius step further; new helpers hear once."""
    steps, wait = radius_steps(), _hours("CIRCLES_MATCH_WIDEN_AFTER_HOURS")
    widened = 0
    for request in _open_unanswered(now - wait):
        if (request.widened_at or request.created_at) > now - wait:
            continue
        wider = [step for step in steps if step > request.radius_km]
        if not wider:
            continue
        old = request.radius_km
        # Claim the step with a conditional update, so two schedulers widen it once.
        claimed = db.session.execute(
            update(HelpRequest)
            .where(HelpRequest.id == request.id, HelpRequest.radius_km == old)
            .values(radius_km=wider[0], widened_at=now)
        ).rowcount
        db.session.flush()
        if claimed:
            widened += 1
            db.session.refresh(request)
            posting.announce(request)  # everyone now in reach who has not heard yet
    return widened


@every("help_escalate", minutes=15)
def escalate(now: datetime) -> int:
    """Requests unanswered too long go to the circle's organizers and the outreach list."""
    count = 0
    # Requests on the outreach list already were escalated: left out by the query, so a run
    # with nothing new costs one statement.
    listed = select(OutreachItem.id).where(
        OutreachItem.reason == "unanswered_request",
        OutreachItem.target_type == HelpRequest.__tablename__,
        OutreachItem.target_id == HelpRequest.id,
    )
    for request in _open_unanswered(now - _hours("CIRCLES_ESCALATE_AFTER_HOURS"), ~listed.exists()):
        key = f"request:{request.id}:unanswered"
        listed = outreach.add(
            request.circle_id,
            "unanswered_request",
            key,
            member_id=request.requester_id,
            target=request,
        )
        organizers = db.session.scalars(circle_people(request.circle_id, "organizer"))
        for organizer in organizers:
            notifications.notify(
                organizer,
                "help.unanswered",
                link=f"#/requests/{request.id}",
                dedupe_key=key,
                category=category_phrase(request.category),
            )
        count += listed is not None
    return count


@every("help_expire", minutes=15)
def expire(now: datetime) -> int:
    """Open requests whose time has passed expire; the requester is offered to post again."""
    query = select(HelpRequest).where(HelpRequest.status == "open", HelpRequest.needed_at < now)
    count = 0
    for request in db.session.scalars(query).all():
        claimed = db.session.execute(
            update(HelpRequest)
            .where(HelpRequest.id == request.id, HelpRequest.status == "open")
            .values(status="expired")
        ).rowcount
        db.session.execute(
            update(Match)
            .where(Match.request_id == request.id, Match.status.in_(OPEN_MATCH))
            .values(status="cancelled", cancel_reason="expired", cancelled_at=now)
        )
        db.session.flush()
        requester = db.session.get(User, request.requester_id)
        notifications.notify(
            requester,
            "help.expired",
            link="#/requests/new",
            dedupe_key=f"request:{request.id}:expired",
            category=category_phrase(request.category),
        )
        count += claimed
    return count


@every("help_arrangements", hours=1)
def arrangements(now: datetime) -> int:
    """Each active arrangement's times in the coming week become matched requests."""
    active = db.session.scalars(select(Arrangement).where(Arrangement.active.is_(True))).all()
    return sum(create_occurrences(arrangement, now) for arrangement in active)
