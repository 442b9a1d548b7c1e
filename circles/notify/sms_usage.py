"""Each circle's SMS for the month, against its cap (CIRCLES_SMS_MONTHLY_CAP_PER_CIRCLE).

An SMS is charged to the person's home circle: the active membership they have had longest.
People in no circle (admins, staff) are charged to none and have no cap.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from circles.extensions import db
from circles.membership.models import Membership
from circles.notify.models import SmsUsage


def home_circle_id(user_id: int) -> int | None:
    """The circle an SMS to the person is charged to, if any."""
    return db.session.scalar(
        select(Membership.circle_id)
        .where(Membership.user_id == user_id, Membership.status == "active")
        .order_by(Membership.created_at, Membership.id)
        .limit(1)
    )


def month_of(now: datetime, config) -> str:
    """The month ("2026-12") in the installation's zone, which the cap counts by."""
    return now.astimezone(ZoneInfo(config["CIRCLES_DEFAULT_TIMEZONE"])).strftime("%Y-%m")


def take(circle_id: int | None, month: str, cap: int) -> bool:
    """Count one more SMS for the circle's month; False, and nothing counted, at the cap.

    One UPDATE ... WHERE used < cap: of two schedulers racing for the last SMS, one wins.
    """
    if circle_id is None:
        return True
    try:
        with db.session.begin_nested():
            db.session.add(SmsUsage(circle_id=circle_id, month=month, used=0))
    except IntegrityError:
        pass  # the month's row is there already
    taken = db.session.execute(
        update(SmsUsage)
        .where(SmsUsage.circle_id == circle_id, SmsUsage.month == month, SmsUsage.used < cap)
        .values(used=SmsUsage.used + 1)
        .execution_options(synchronize_session=False)
    )
    return taken.rowcount == 1


def give_back(circle_id: int | None, month: str) -> None:
    """Uncount an SMS the provider did not take (it will be tried again, and counted then)."""
    if circle_id is None:
        return
    db.session.execute(
        update(SmsUsage)
        .where(SmsUsage.circle_id == circle_id, SmsUsage.month == month, SmsUsage.used > 0)
        .values(used=SmsUsage.used - 1)
        .execution_options(synchronize_session=False)
    )


def used(circle_id: int, month: str) -> int:
    """How many SMS the circle has sent in the month."""
    found = db.session.scalar(
        select(SmsUsage.used).where(SmsUsage.circle_id == circle_id, SmsUsage.month == month)
    )
    return found or 0


def figures(circle_id: int, now: datetime, config) -> dict:
    """The circle's SMS this month, for its organizers: used, cap, and whether SMS is set up."""
    month = month_of(now, config)
    return {
        "month": month,
        "used": used(circle_id, month),
        "cap": config["CIRCLES_SMS_MONTHLY_CAP_PER_CIRCLE"],
        "configured": bool(config["CIRCLES_SMS_URL"]),
    }
