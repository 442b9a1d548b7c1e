"""Relationships (pairs with two or more done matches) and the regular arrangements they keep."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from circles.accounts.models import User
from circles.core import audit
from circles.core.errors import Invalid, NotFound
from circles.extensions import db
from circles.help.arrangements import held_back
from circles.help.models import Arrangement, HelpRequest, Match
from circles.help.requests import blocked_ids, category_phrase
from circles.membership import circles
from circles.notify import notifications

MIN_DONE = 2
ARRANGEMENT_KINDS = ("phone_chat", "visit")
LOOKAHEAD = timedelta(days=7)


@dataclass
class Relationship:
    """Another person one has helped or been helped by at least twice."""

    other: User
    times: int
    last_at: datetime | None


def relationships(user: User) -> list[Relationship]:
    """The person's regular helpers and helped, most helped first."""
    rows = db.session.execute(
        select(HelpRequest.requester_id, Match.helper_id, Match.done_at)
        .join(HelpRequest, HelpRequest.id == Match.request_id)
        .where(
            Match.status == "done",
            (HelpRequest.requester_id == user.id) | (Match.helper_id == user.id),
        )
    )
    pairs: dict[int, list[datetime]] = {}
    for requester_id, helper_id, done_at in rows:
        other = helper_id if requester_id == user.id else requester_id
        pairs.setdefault(other, []).append(done_at)
    hidden = blocked_ids(user.id)
    found = [
        Relationship(
            db.session.get(User, other), len(times), max(filter(None, times), default=None)
        )
        for other, times in pairs.items()
        if len(times) >= MIN_DONE and other not in hidden
    ]
    return sorted(found, key=lambda r: (-r.times, r.other.name))


def create_arrangement(actor: User, fields: dict) -> Arrangement:
    """A weekly or fortnightly chat or visit between the caller and a relationship partner."""
    requester = actor
    if fields.get("requester_id") not in (None, actor.id):
        requester = db.session.get(User, fields["requester_id"])
        if requester is None:
            raise Invalid("error.no_such_user", field="requester_id")
    partners = {r.other.id for r in relationships(requester)}
    if fields["helper_id"] not in partners:
        raise Invalid("error.not_a_relationship", field="helper_id")
    helper = db.session.get(User, fields["helper_id"])
    shared = set(circles.active_circle_ids(requester)) & set(circles.active_circle_ids(helper))
    if not shared:
        raise Invalid("error.not_a_relationship", field="helper_id")
    circle_id = min(shared)
    if requester is not actor and not circles.is_organizer(actor, circle_id):
        raise NotFound("error.not_found")
    arrangement = Arrangement(
        circle_id=circle_id,
        requester_id=requester.id,
        helper_id=helper.id,
        category=fields["category"],
        every_weeks=fields["every_weeks"],
        first_at=fields["first_at"],
        description=fields.get("description", ""),
        created_by_id=actor.id,
    )
    db.session.add(arrangement)
    db.session.flush()
    if requester is not actor:
        audit.record(actor, "arrangement.created", circle_id=circle_id, target=arrangement)
    db.session.flush()
    return arrangement


def arrangements_of(user: User) -> list[Arrangement]:
    """Arrangements the person is part of."""
    query = select(Arrangement).where(
        (Arrangement.requester_id == user.id) | (Arrangement.helper_id == user.id)
    )
    return list(db.session.scalars(query.order_by(Arrangement.id)))


def create_occurrences(arrangement: Arrangement, now: datetime) -> int:
    """Each time that falls within the coming week becomes a request already matched to the pair.

    The dedupe key on the request makes each time exist once, whoever runs this. Times on
    paused days are skipped, and a stopped arrangement makes none.
    """
    step = timedelta(weeks=arrangement.every_weeks)
    zone = db.session.get(User, arrangement.requester_id).timezone
    made, k = 0, 0
    while arrangement.first_at + k * step <= now + LOOKAHEAD:
        when = arrangement.first_at + k * step
        key = f"arrangement:{arrangement.id}:{k}"
        k += 1
        if when < now or held_back(arrangement, when, zone):
            continue
        if db.session.scalar(select(HelpRequest).filter_by(dedupe_key=key)):
            continue
        if _occurrence(arrangement, when, key, now):
            made += 1
    return made


def _occurrence(arrangement: Arrangement, when: datetime, key: str, now: datetime) -> bool:
    requester = db.session.get(User, arrangement.requester_id)
    request = HelpRequest(
        circle_id=arrangement.circle_id,
        requester_id=requester.id,
        created_by_id=arrangement.created_by_id,
        category=arrangement.category,
        description=arrangement.description,
        needed_at=when,
        latitude=requester.latitude,
        longitude=requester.longitude,
        location_source=requester.location_source,
        status="matched",
        matched_at=now,
        arrangement_id=arrangement.id,
        dedupe_key=key,
    )
    match = Match(
        request=request,
        helper_id=arrangement.helper_id,
        origin="invite",
        status="accepted",
        accepted_at=now,
        created_by_id=arrangement.created_by_id,
    )
    try:
        with db.session.begin_nested():
            db.session.add_all([request, match])
    except IntegrityError:
        return False  # another scheduler process made this one
    db.session.flush()
    for person_id in (arrangement.requester_id, arrangement.helper_id):
        person = db.session.get(User, person_id)
        notifications.notify(
            person,
            "help.arranged",
            link=f"#/matches/{match.id}",
            dedupe_key=f"{key}:arranged",
            category=category_phrase(arrangement.category),
        )
    return True
