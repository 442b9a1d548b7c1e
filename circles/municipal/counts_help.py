"""Grouped counts of help and events for the municipal dashboard, one GROUP BY each."""

from sqlalchemy import case, func, or_, select

from circles.events.models import Booking, Event, Proposal
from circles.extensions import db
from circles.help.models import HelpRequest, Match
from circles.municipal.counts import Period, _pairs, counts_by_month, month_of, within

ALL = "all"


def is_matched():
    """A request that found a helper (and perhaps is done)."""
    return or_(HelpRequest.matched_at.is_not(None), HelpRequest.status == "done")


def requests(circle_ids, span: Period) -> dict[str, dict]:
    """{"asked"|"matched"|"done": {(circle, month asked): requests}}, in one pass."""
    month = month_of(HelpRequest.created_at, span)
    query = (
        select(
            HelpRequest.circle_id,
            month,
            func.count(),
            func.sum(case((is_matched(), 1), else_=0)),
            func.sum(case((HelpRequest.status == "done", 1), else_=0)),
        )
        .where(HelpRequest.circle_id.in_(circle_ids), within(HelpRequest.created_at, span))
        .group_by(HelpRequest.circle_id, month)
    )
    found = {"asked": {}, "matched": {}, "done": {}}
    for circle, m, asked, matched, done in db.session.execute(query):
        for which, count in (("asked", asked), ("matched", matched), ("done", done)):
            found[which][(circle, m)] = int(count)
    return found


def requests_by_kind(circle_ids, span: Period) -> dict:
    """{(kind of help, month asked): requests} over all the circles."""
    return counts_by_month(
        HelpRequest.category, HelpRequest.created_at, HelpRequest.circle_id, circle_ids, span
    )


def hours_between(later, earlier):
    """later - earlier in hours, in the database's own words."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.extract("epoch", later - earlier) / 3600.0
    return (func.julianday(later) - func.julianday(earlier)) * 24.0


def median_hours_to_match(circle_ids, span: Period, spans: dict | None = None) -> dict:
    """{(circle or all, month or period): (matched requests, median hours from asking to match)}.

    spans: {period: its months}, the whole span as "all" by default.
    """
    return medians(hours_to_match(circle_ids, span), spans or {ALL: span.months})


def hours_to_match(circle_ids, span: Period) -> list[tuple]:
    """[(circle, month asked, whole hours waited, matched requests)]: the histogram medians are
    read from (medians do not add up over months, histograms do)."""
    month = month_of(HelpRequest.created_at, span)
    hours = func.round(hours_between(HelpRequest.matched_at, HelpRequest.created_at))
    query = (
        select(HelpRequest.circle_id, month, hours, func.count())
        .where(HelpRequest.circle_id.in_(circle_ids), within(HelpRequest.created_at, span))
        .where(HelpRequest.matched_at.is_not(None))
        .group_by(HelpRequest.circle_id, month, hours)
    )
    return [
        (circle, m, float(waited), count) for circle, m, waited, count in db.session.execute(query)
    ]


def medians(histogram, spans: dict) -> dict:
    """{(circle or all, month or period): (how many, median)} from rows of
    (circle, month, value, how many), over each month and each of spans ({period: months})."""
    histograms: dict[tuple, dict] = {}
    for circle, m, waited, count in histogram:  # tens of thousands of rows a year: inline
        for key in ((circle, m), (ALL, m)):
            counts = histograms.get(key)
            if counts is None:
                counts = histograms[key] = {}
            counts[waited] = counts.get(waited, 0) + count
    rows = {row for row, _ in histograms}
    merged: list = []  # periods done, shortest first: a year is the sum of its quarters
    for p, covered in sorted(spans.items(), key=lambda item: len(item[1])):
        tiles = [q for q in merged if set(spans[q]) <= set(covered)]
        parts = tiles if sum(len(spans[q]) for q in tiles) == len(covered) else covered
        for row in rows:
            for part in parts:
                if (row, part) in histograms:
                    add(histograms, (row, p), histograms[(row, part)])
        merged.append(p)
    return {key: median_of(counts) for key, counts in histograms.items()}


def add(histograms: dict, key, counts: dict) -> None:
    """Add counts ({value: how many}) to the histogram under key."""
    into = histograms.get(key)
    if into is None:
        into = histograms[key] = {}
    for value, n in counts.items():
        into[value] = into.get(value, 0) + n


def median_of(counts: dict) -> tuple[int, float]:
    """(how many, their median) from {value: how many have it}."""
    n = sum(counts.values())
    wanted, seen, middle = sorted({(n - 1) // 2, n // 2}), 0, []
    for value in sorted(counts):
        seen += counts[value]
        while wanted and wanted[0] < seen:  # the middle position(s) fall on this value
            middle.append(value)
            wanted.pop(0)
        if not wanted:
            break
    return n, sum(middle) / len(middle)


def relationships(circle_ids, span: Period) -> dict:
    """{(circle, month): pairs whose second done match between them came that month}."""
    first = case(
        (HelpRequest.requester_id < Match.helper_id, HelpRequest.requester_id),
        else_=Match.helper_id,
    )
    second = case(
        (HelpRequest.requester_id < Match.helper_id, Match.helper_id),
        else_=HelpRequest.requester_id,
    )
    ranked = (
        select(
            HelpRequest.circle_id.label("c"),
            Match.done_at.label("at"),
            func.row_number()
            .over(partition_by=[first, second], order_by=Match.done_at)
            .label("rn"),
        )
        .join(HelpRequest, HelpRequest.id == Match.request_id)
        .where(Match.status == "done", Match.done_at.is_not(None))
        .where(HelpRequest.circle_id.in_(circle_ids), Match.done_at < span.end)
        .subquery()
    )
    month = month_of(ranked.c.at, span)
    query = (
        select(ranked.c.c, month, func.count())
        .where(ranked.c.rn == 2, ranked.c.at >= span.start)
        .group_by(ranked.c.c, month)
    )
    return _pairs(query)


def meetings(circle_ids, span: Period) -> dict:
    """{(circle, month): event times that had people booked (each time of a repeating one)}."""
    held = (
        select(Event.circle_id.label("c"), Booking.event_id, Booking.occurrence_start.label("at"))
        .join(Event, Event.id == Booking.event_id)
        .where(Event.circle_id.in_(circle_ids), Event.status == "scheduled")
        .where(Booking.status == "going", within(Booking.occurrence_start, span))
        .distinct()
        .subquery()
    )
    month = month_of(held.c.at, span)
    return _pairs(select(held.c.c, month, func.count()).group_by(held.c.c, month))


def attendance(circle_ids, span: Period) -> dict:
    """{(circle, month): places taken by people marked as there}."""
    return counts_by_month(
        Event.circle_id,
        Booking.occurrence_start,
        Event.circle_id,
        circle_ids,
        span,
        Booking.attended.is_(True),
        joins=[(Event, Event.id == Booking.event_id)],
    )


def proposals(circle_ids, span: Period) -> dict:
    """{(status, month sent): proposals from dinner conversations}."""
    return counts_by_month(
        Proposal.status,
        Proposal.created_at,
        Event.circle_id,
        circle_ids,
        span,
        joins=[(Event, Event.id == Proposal.event_id)],
    )


def activity_sources():
    """(user, circle, when, joins...) for asking, helping and booking."""
    return [
        (HelpRequest.requester_id, HelpRequest.circle_id, HelpRequest.created_at),
        (
            Match.helper_id,
            HelpRequest.circle_id,
            Match.created_at,
            (HelpRequest, HelpRequest.id == Match.request_id),
        ),
        (
            Booking.user_id,
            Event.circle_id,
            Booking.created_at,
            (Event, Event.id == Booking.event_id),
        ),
    ]
