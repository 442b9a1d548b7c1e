"""Who could help with a request, and which requests a helper could take: ranked and explained.

Finding people near a point must stay fast with a million members. Both queries first cut
the candidates down with a latitude/longitude bounding box (geo.bounding_box), which a plain
B-tree index serves on SQLite and PostgreSQL alike: users for suggestions
(ix_users_latitude_longitude, with the id in it so the nearest are picked from the index
alone), open requests for the nearby list (ix_help_requests_status_lat_lon, status first
because only open ones are wanted). Inside the box the nearest few dozen people, and the
nearest few dozen who offer this kind of help, are kept (ordered by a cheap flat-earth key in
SQL), ranked on geo.flat_km, and only the suggestions returned get the exact geodesic distance
that is shown. We chose a box over a geohash because it needs no extra column to keep in step,
no PostGIS, and gives exact answers at the edge without checking neighbouring cells; the
radius is a few kilometres, so the box holds few rows even in a city.

Scores add up plain, explainable parts; every part that counts comes with a reason in words.
Fairness: open commitments sink a helper, and so does having been asked recently, so the same
nearest neighbour is not asked every time.
"""

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, or_, select, true

from circles.extensions import db
from circles.i18n import translate
from circles.models import HelpRequest, Match, Membership, Offer, User
from circles.models.types import utcnow
from circles.services import circles, geo, notifications
from circles.services.help_requests import (
    OPEN_MATCH,
    blocked_ids,
    category_label,
    circle_people,
)

RECENT = timedelta(days=7)
CANDIDATE_LIMIT = 60


@dataclass
class Suggestion:
    """A possible helper, with a score and the reasons for it."""

    helper: User
    distance_km: float
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)


def distance_words(km: float, language: str) -> str:
    """'lives about 600 m away' / 'lives about 2.3 km away', never exact."""
    km = geo.rounded_km(km)
    if km < 1:
        return translate("suggestion.distance_m", language, metres=int(round(km * 1000, -2)))
    shown = f"{km:.1f}".replace(".", "," if language == "da" else ".")
    return translate("suggestion.distance_km", language, km=shown)


def slot_of(moment: datetime, zone: str) -> str:
    """The free-time code (tue_morning) a moment falls in, in the person's zone."""
    local = moment.astimezone(ZoneInfo(zone))
    part = "morning" if local.hour < 12 else "afternoon" if local.hour < 17 else "evening"
    return f"{local.strftime('%a').lower()}_{part}"


def in_box(model, lat: float, lon: float, km: float):
    """The bounding-box condition on a model's latitude/longitude: served by an index."""
    south, north, west, east = geo.bounding_box(lat, lon, km)
    return and_(model.latitude.between(south, north), model.longitude.between(west, east))


def _approx_distance(model, lat: float, lon: float):
    """A cheap SQL ordering key that grows with distance (squared degrees, longitude scaled)."""
    scale = math.cos(math.radians(lat)) ** 2
    return (model.latitude - lat) * (model.latitude - lat) + scale * (model.longitude - lon) * (
        model.longitude - lon
    )


def _helper_counts(ids: list[int], now: datetime) -> tuple[dict, dict, dict]:
    """Per helper, in one query: open commitments, invitations this week, thanks received."""

    def tally(condition):
        return func.sum(case((condition, 1), else_=0))

    rows = db.session.execute(
        select(
            Match.helper_id,
            tally(Match.status.in_(OPEN_MATCH)),
            tally(and_(Match.origin == "invite", Match.created_at > now - RECENT)),
            tally(Match.thanks_note.is_not(None)),
        )
        .where(Match.helper_id.in_(ids))
        .group_by(Match.helper_id)
    )
    busy, asked, thanked = {}, {}, {}
    for helper_id, *counts in rows:
        for table, count in zip((busy, asked, thanked), counts, strict=True):
            if count:
                table[helper_id] = int(count)
    return busy, asked, thanked


def suggestions(
    request: HelpRequest, language: str = "da", now: datetime | None = None, limit: int | None = 20
) -> list[Suggestion]:
    """Ranked helpers for the request within its current radius, best first (the top `limit`).

    Candidates are the nearest people of the circle and the nearest who offer this kind of
    help, found through the bounding box; they are ranked on a fast flat-earth distance, and
    only those returned get the exact geodesic distance that is shown.
    """
    now = now or utcnow()
    nearby = (
        select(User.id)
        .join(Membership, Membership.user_id == User.id)
        .where(
            Membership.circle_id == request.circle_id,
            Membership.status == "active",
            User.id != request.requester_id,
            in_box(User, request.latitude, request.longitude, request.radius_km),
        )
    )
    offering = select(Offer.user_id).where(
        Offer.user_id == User.id, Offer.category == request.category, Offer.active.is_(True)
    )
    nearest = _approx_distance(User, request.latitude, request.longitude)
    ids: set[int] = set()
    for query in (nearby, nearby.where(offering.exists())):
        ids.update(db.session.scalars(query.order_by(nearest).limit(CANDIDATE_LIMIT)))
    people = db.session.scalars(select(User).where(User.id.in_(ids), User.active.is_(True)))
    excluded = blocked_ids(request.requester_id) | {
        m.helper_id for m in request.matches if m.status in (*OPEN_MATCH, "declined")
    }
    found = []
    for user in people:
        km = geo.flat_km(request.latitude, request.longitude, user.latitude, user.longitude)
        if km <= request.radius_km and user.id not in excluded:
            found.append(Suggestion(user, km))
    if found:
        _score(request, found, language, now)
    found.sort(key=lambda s: (-s.score, s.distance_km, s.helper.id))
    shown = found if limit is None else found[:limit]
    for s in shown:
        s.distance_km = geo.distance_km(
            request.latitude, request.longitude, s.helper.latitude, s.helper.longitude
        )
        s.reasons.insert(0, distance_words(s.distance_km, language))
    return shown


def _score(request: HelpRequest, found: list[Suggestion], language: str, now: datetime):
    ids = [s.helper.id for s in found]
    offers = {}
    for offer in db.session.scalars(
        select(Offer).where(
            Offer.user_id.in_(ids), Offer.category == request.category, Offer.active.is_(True)
        )
    ):
        offers.setdefault(offer.user_id, []).append(offer)
    busy, asked, thanked = _helper_counts(ids, now)
    together = _pair_counts(request.requester_id, ids)
    requester = request.requester
    slot = slot_of(request.needed_at, requester.timezone) if request.needed_at else None
    for s in found:
        s.score = 30 * max(0.0, 1 - s.distance_km / max(request.radius_km, 0.1))
        mine = [o for o in offers.get(s.helper.id, []) if o.max_km >= s.distance_km]
        if mine:
            s.score += 25
            s.reasons.append(
                translate(
                    "suggestion.offer",
                    language,
                    category=translate(f"category.{request.category}", language),
                )
            )
        free = {code for o in mine for code in o.availability} | set(s.helper.availability or [])
        if slot and slot in free:
            s.score += 15
            day, part = slot.split("_")
            label = translate(
                "slot",
                language,
                day=translate(f"day.{day}", language),
                part=translate(f"part.{part}", language),
            )
            s.reasons.append(translate("suggestion.available", language, slot=label))
        if together.get(s.helper.id):
            s.score += 20 * min(together[s.helper.id], 3)
            s.reasons.append(
                translate("suggestion.helped_before", language, count=together[s.helper.id])
            )
        if thanked.get(s.helper.id):
            s.score += 5 * min(thanked[s.helper.id], 3)
            s.reasons.append(translate("suggestion.thanked", language, count=thanked[s.helper.id]))
        shared = _shared_experience(request, requester, s.helper)
        if shared:
            s.score += 30
            label = translate(f"experience.{shared}", language)
            s.reasons.append(translate("suggestion.shared_experience", language, experience=label))
        if busy.get(s.helper.id):
            s.score -= 10 * busy[s.helper.id]
            s.reasons.append(translate("suggestion.busy", language, count=busy[s.helper.id]))
        if asked.get(s.helper.id):
            s.score -= 8 * asked[s.helper.id]
            s.reasons.append(translate("suggestion.recently_asked", language))
        s.score = round(s.score, 1)


def _pair_counts(person_id: int, others: list[int]) -> dict[int, int]:
    """Done matches between the person and each of the others, in either direction."""
    counts: dict[int, int] = {}
    rows = db.session.execute(
        select(HelpRequest.requester_id, Match.helper_id)
        .join(HelpRequest, HelpRequest.id == Match.request_id)
        .where(
            Match.status == "done",
            or_(
                and_(HelpRequest.requester_id == person_id, Match.helper_id.in_(others)),
                and_(Match.helper_id == person_id, HelpRequest.requester_id.in_(others)),
            ),
        )
    )
    for requester_id, helper_id in rows:
        other = helper_id if requester_id == person_id else requester_id
        counts[other] = counts.get(other, 0) + 1
    return counts


def _shared_experience(request: HelpRequest, requester: User, helper: User) -> str | None:
    """A lived experience both share, only for peer support and only when both consented."""
    if request.category != "peer_support":
        return None
    if requester.experiences_consent_at is None or helper.experiences_consent_at is None:
        return None
    both = [e for e in requester.experiences or [] if e in (helper.experiences or [])]
    return both[0] if both else None


def announce(request: HelpRequest, old_km: float, new_km: float) -> None:
    """Members with an active offer of this kind living between old_km and new_km hear of it.

    Once per person and request (dedupe key), however often the ring moves or the job runs.
    """
    offering = select(Offer.user_id).where(
        Offer.category == request.category, Offer.active.is_(True)
    )
    people = db.session.scalars(
        circle_people(request.circle_id).where(
            User.id.in_(offering),
            User.id != request.requester_id,
            in_box(User, request.latitude, request.longitude, new_km),
        )
    )
    hidden = blocked_ids(request.requester_id)
    for person in people:
        km = geo.distance_km(request.latitude, request.longitude, person.latitude, person.longitude)
        if old_km < km <= new_km and person.id not in hidden:
            notifications.notify(
                person,
                "help.nearby",
                link="#/requests?near=1",
                dedupe_key=f"request:{request.id}:reach",
                category=category_label(request.category, person),
                km=geo.rounded_km(km),
            )


def reach_km(user: User) -> float:
    """How far the person will go: their travel distance or their farthest active offer."""
    farthest = db.session.scalar(
        select(func.max(Offer.max_km)).where(Offer.user_id == user.id, Offer.active.is_(True))
    )
    return max(user.travel_km or 0, farthest or 0)


def nearby_requests(user: User, km: float | None = None, limit: int = 50, since=None):
    """Open requests in the person's circles within reach of their home, nearest first.

    Returns (request, distance_km) pairs; never the person's own or a blocked person's. With
    since, only those posted after it (the weekly digest's new ones).
    """
    if not user.has_location:
        return []
    km = km or reach_km(user)
    mine = circles.active_circle_ids(user)
    if not mine:
        return []
    hidden = blocked_ids(user.id) | {user.id}
    rows = db.session.scalars(
        select(HelpRequest)
        .where(
            HelpRequest.status == "open",
            in_box(HelpRequest, user.latitude, user.longitude, km),
            HelpRequest.circle_id.in_(mine),
            HelpRequest.requester_id.not_in(hidden),
            HelpRequest.created_at > since if since is not None else true(),
        )
        .order_by(_approx_distance(HelpRequest, user.latitude, user.longitude), HelpRequest.id)
        .limit(limit)
    )
    measured = [
        (
            request,
            geo.distance_km(user.latitude, user.longitude, request.latitude, request.longitude),
        )
        for request in rows
    ]
    # The box's corners lie beyond the reach; the exact distance decides.
    return [(request, d) for request, d in measured if d <= km]
