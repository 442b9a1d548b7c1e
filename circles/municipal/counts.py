"""Grouped counts for the municipal dashboard: each figure is one GROUP BY in the database."""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, literal, select, union_all

from circles.extensions import db
from circles.membership.models import Circle, Membership
from circles.municipal.models import CheckIn

MAX_MONTHS = 24
# Members counted: memberships that are active now, from the month they began.
COUNTED = ("active",)
# Time in membership when checking in, in days: (label, from, to).
TENURE = (("0-3", 0, 91), ("3-6", 91, 182), ("6-12", 182, 365), ("12+", 365, None))


@dataclass(frozen=True)
class Period:
    """Whole months in the municipality's zone, with their starts in UTC (one more: the end)."""

    months: tuple[str, ...]
    bounds: tuple[datetime, ...]
    zone: str = "Europe/Copenhagen"

    @property
    def start(self) -> datetime:
        return self.bounds[0]

    @property
    def end(self) -> datetime:
        return self.bounds[-1]


def period(first: date, last: date, zone: str) -> Period:
    """The months from first's to last's, inclusive."""
    tz = ZoneInfo(zone)
    months, bounds = [], []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        bounds.append(datetime(year, month, 1, tzinfo=tz))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    bounds.append(datetime(year, month, 1, tzinfo=tz))
    return Period(tuple(months), tuple(b.astimezone(ZoneInfo("UTC")) for b in bounds), zone)


def month_of(column, span: Period):
    """The month (like 2026-03) a timestamp falls in, worked out in the database.

    PostgreSQL groups by the month in the municipality's zone directly (one expression, however
    many months); SQLite has no time zones, so there a CASE picks the month between its bounds.
    """
    if db.session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone(span.zone, column), "YYYY-MM")
    whens = [
        (and_(column >= start, column < end), literal(month))
        for month, start, end in zip(span.months, span.bounds, span.bounds[1:], strict=False)
    ]
    return case(*whens, else_=None)


def within(column, span: Period):
    """The timestamp lies in the period."""
    return and_(column >= span.start, column < span.end)


def circles_of(municipality_id: int) -> dict[int, str]:
    """The municipality's circles, id -> name, by name."""
    query = select(Circle.id, Circle.name).where(Circle.municipality_id == municipality_id)
    return dict(db.session.execute(query.order_by(Circle.name, Circle.id)).all())


def _pairs(query) -> dict:
    """{(group, month): count} from rows of (group, month, count)."""
    return {(row[0], row[1]): row[2] for row in db.session.execute(query)}


def members_before(circle_ids, span: Period) -> dict[int, int]:
    """Members per circle when the period began."""
    query = (
        select(Membership.circle_id, func.count())
        .where(Membership.circle_id.in_(circle_ids), Membership.status.in_(COUNTED))
        .where(Membership.created_at < span.start)
        .group_by(Membership.circle_id)
    )
    return dict(db.session.execute(query).all())


def counts_by_month(group, when, circle, circle_ids, span: Period, *conditions, joins=()):
    """{(group, month): how many rows}, for rows of the circles whose `when` is in the period.

    joins: (table, on) pairs, for when the circle sits in another table.
    """
    month = month_of(when, span)
    query = select(group, month, func.count())
    for target, on in joins:
        query = query.join(target, on)
    query = query.where(circle.in_(circle_ids), within(when, span), *conditions)
    return _pairs(query.group_by(group, month))


def new_members(circle_ids, span: Period) -> dict:
    """{(circle, month): memberships begun that month}."""
    return counts_by_month(
        Membership.circle_id,
        Membership.created_at,
        Membership.circle_id,
        circle_ids,
        span,
        Membership.status.in_(COUNTED),
    )


def checkin_activity():
    """(user, circle, when) of each check-in, as a sign of activity."""
    return CheckIn.user_id, CheckIn.circle_id, CheckIn.taken_at


def active_members(circle_ids, span: Period, sources: list) -> dict:
    """{(circle, month): members who did any of sources that month, while members}.

    sources: (user, circle, when) column triples (with their joins), one per thing a member
    can do; each is narrowed to the period and the circles before they are put together.
    """
    narrowed = []
    for source in sources:
        user, circle, at, *joins = source
        query = select(user.label("user_id"), circle.label("circle_id"), at.label("at"))
        for target, condition in joins:
            query = query.join(target, condition)
        narrowed.append(query.where(circle.in_(circle_ids), within(at, span)))
    acts = union_all(*narrowed).subquery()
    month = month_of(acts.c.at, span)
    query = (
        select(acts.c.circle_id, month, func.count(acts.c.user_id.distinct()))
        .join(
            Membership,
            and_(Membership.user_id == acts.c.user_id, Membership.circle_id == acts.c.circle_id),
        )
        .where(Membership.status.in_(COUNTED), Membership.created_at <= acts.c.at)
        .group_by(acts.c.circle_id, month)
    )
    return _pairs(query)


def checkins(circle_ids, span: Period) -> dict:
    """{(circle, month): check-ins taken}."""
    return counts_by_month(CheckIn.circle_id, CheckIn.taken_at, CheckIn.circle_id, circle_ids, span)


def checkin_scores(circle_ids, span: Period) -> dict[tuple[str, str], tuple[int, float, int]]:
    """{(tenure, month): (check-ins, sum of UCLA totals, how many feel lonely often)}."""
    days = CheckIn.membership_days
    tenure = case(
        *[
            (days < upper if lower == 0 else and_(days >= lower, days < upper), literal(label))
            for label, lower, upper in TENURE[:-1]
        ],
        else_=literal(TENURE[-1][0]),
    )
    month = month_of(CheckIn.taken_at, span)
    query = (
        select(
            tenure,
            month,
            func.count(),
            func.sum(CheckIn.companionship + CheckIn.left_out + CheckIn.isolated),
            func.sum(case((CheckIn.lonely_direct == 3, 1), else_=0)),
        )
        .where(CheckIn.circle_id.in_(circle_ids), within(CheckIn.taken_at, span))
        .group_by(tenure, month)
    )
    return {
        (row[0], row[1]): (row[2], float(row[3]), int(row[4])) for row in db.session.execute(query)
    }
