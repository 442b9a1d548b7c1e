"""Who could help with a request, and which requests a helper could take: ranked and explained.

Finding people near a point must stay fast with millions of members. Each membership keeps the
grid square of its member's home (membership.models keeps it in step), so suggestions read the
circle's active members whose squares lie in reach of the request from one index range
(ix_memberships_circle_square), without reading a single account, plus the members sharing the
requester's postcode (ix_users_postcode_source); the nearby list reads the open requests of
the helper's circles inside a latitude/longitude box (ix_help_requests_status_lat_lon, or
ix_help_requests_open_circle, whichever the planner finds fewer). Of the people, the nearest
few dozen, and the nearest few dozen who offer this kind of help, are kept (ordered by a cheap
flat-earth key in SQL, in one statement), and ranked. A circle is a bound the box is not: in a
city centre at national size the box holds a hundred thousand people, the circle a few
thousand.

Every distance that decides what a person sees (who is listed, the score, the order, the words)
is geo.coarse_km, between the centres of the two homes' grid squares (help/nearness.py for the
SQL side), and ties go by id: nothing finer than a ~500 m square leaves the server, so moving
one's own home and asking again cannot locate anyone (README, "Security and privacy").
We chose a box of squares over a geohash or PostGIS: the squares are the grid distances go by
anyway, the box is exact at its edges without neighbouring cells, and only two integers on a
membership are kept in step.

Scores add up plain, explainable parts; every part that counts comes with a reason in words.
Fairness: open commitments sink a helper, and so does having been asked recently, so the same
nearest neighbour is not asked every time.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache, cached_property
from operator import itemgetter
from types import SimpleNamespace
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Boolean,
    Select,
    Text,
    and_,
    bindparam,
    case,
    cast,
    func,
    literal,
    select,
    union,
    union_all,
)

from circles.accounts.models import User
from circles.core import geo
from circles.core.i18n import translate, weekday_name
from circles.core.types import utcnow
from circles.db import among, read_columns
from circles.help import distances
from circles.help.models import HelpRequest, Match, Offer, kind_bit
from circles.help.nearness import (
    bound_box,
    bound_nearness,
    bound_square_box,
    bound_square_nearness,
    parameters,
)
from circles.help.requests import OPEN_MATCH, blocked
from circles.membership.circles import active_circles
from circles.membership.models import Circle, Membership

RECENT = timedelta(days=7)
CANDIDATE_LIMIT = 60


class Helper(NamedTuple):
    """What scoring and the list of suggestions read of a possible helper: plain values, not
    an account (a hundred accounts cost more to build than to score)."""

    id: int
    name: str
    latitude: float | None
    longitude: float | None
    free_then: bool | None  # usually free at the request's time
    experiences: list | None
    experiences_consent_at: datetime | None
    location_source: str | None
    postcode: str | None
    place_name: str | None


class Terms(NamedTuple):
    """Of a helper's active offer of the kind asked for: how far they go, and whether it is
    usually given at the request's time."""

    id: int
    max_km: float
    free_then: bool | None


def _free_then(free_times):
    """Whether a list of free times holds the request's (:slot_pattern), for a request with a
    time (else NULL), answered in SQL: parsing every candidate's lists cost more than scoring
    them. A JSON list of codes of a closed vocabulary of plain words holds "tue_morning"
    exactly when its text does, quotes included (the pattern escapes the underscore, which
    LIKE would take for any character)."""
    return case((TIMED, cast(free_times, Text).like(bindparam("slot_pattern"), escape="\\")))


def _columns(model, names: tuple[str, ...], computed: dict) -> tuple:
    return tuple(
        computed[name].label(name) if name in computed else getattr(model, name) for name in names
    )


TIMED = bindparam("timed", type_=Boolean)
PEER_SUPPORT = bindparam("category") == "peer_support"
HELPER_COLUMNS = _columns(
    User,
    Helper._fields,
    {
        "free_then": _free_then(User.availability),
        # Lived experiences matter only for peer support: JSON and times nobody reads are not
        # parsed.
        "experiences": case((PEER_SUPPORT, User.experiences)),
        "experiences_consent_at": case((PEER_SUPPORT, User.experiences_consent_at)),
    },
)
OFFER_COLUMNS = _columns(Offer, Terms._fields, {"free_then": _free_then(Offer.availability)})


class History(NamedTuple):
    """What a helper has on hand and has done: open commitments, invitations this week, thanks
    received, and help done together with the requester (either way)."""

    busy: int = 0
    asked: int = 0
    thanked: int = 0
    together: int = 0


@dataclass(slots=True)
class Suggestion:
    """A possible helper, with a score and the reasons for it."""

    helper: Helper
    distance_km: float
    history: History = History()
    # The distance between the squares, which the shown one is (distance_km ranks: for a
    # neighbour in the requester's postcode, at most midway).
    measured_km: float = 0.0
    # The distance that may be shown: None when either home is only a postcode's centre.
    shown_km: float | None = None
    offers: list[Terms] = field(default_factory=list)
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    # What counted besides distance and history, to be written out if shown (most are not):
    # an offer that reaches, being free then, a lived experience shared.
    offered: bool = False
    free: bool = False
    shared: str | None = None


def distance_words(km: float, language: str) -> str:
    """'lives about 600 m away' / 'lives about 2.3 km away', never exact."""
    km = geo.rounded_km(km)
    if km < 1:
        return translate("suggestion.distance_m", language, metres=int(round(km * 1000, -2)))
    return translate("suggestion.distance_km", language, km=km)


def slot_of(moment: datetime, zone: str) -> str:
    """The free-time code (tue_morning) a moment falls in, in the person's zone."""
    local = moment.astimezone(ZoneInfo(zone))
    part = "morning" if local.hour < 12 else "afternoon" if local.hour < 17 else "evening"
    return f"{local.strftime('%a').lower()}_{part}"


def suggestions(
    request: HelpRequest, language: str = "da", now: datetime | None = None, limit: int | None = 20
) -> list[Suggestion]:
    """Ranked helpers for the request within its current radius, best first (the top `limit`).

    Within the radius, scored and shown by the coarse distance between grid squares; ties go
    to the lower id, never to the exactly nearer.
    """
    now = now or utcnow()
    slot = _slot_of(request)
    values = _candidate_values(request, now, slot)
    postcode = values["postcode"]
    # Neighbours whose home, or the requester's, is only a postcode's centre: sharing the
    # postcode is what tells they live near, not the centre's distance.
    mode = None if not postcode else "any" if not distances.exact(request) else "postcode_homes"
    found = _gathered(request, read_columns(_candidates(mode), values).all())
    if found:
        _score(request, found)
    found.sort(key=_ranking)
    shown = found if limit is None else found[:limit]
    words = _Words(request, language, slot)
    for s in shown:
        s.distance_km = s.measured_km
        s.shown_km = distances.shown_km(request, s.helper, s.distance_km)
        s.reasons = _reasons(s, words)
    return shown


def _ranking(s: Suggestion) -> tuple:
    return -s.score, s.distance_km, s.helper.id


_BOX_FIRST = itemgetter(-1)  # same_postcode, the last column of _candidates(): False first


def _gathered(request: HelpRequest, rows: list) -> list[Suggestion]:
    """A Suggestion for each person of the rows within reach, with their offers of the kind."""
    by_helper: dict[int, Suggestion] = {}
    measure, radius = distances.from_place(request), request.radius_km
    # Found through the box first: a neighbour in reach keeps the distance of their square.
    rows.sort(key=_BOX_FIRST)
    for row in rows:
        suggestion = by_helper.get(row[0])
        if suggestion is None:
            helper = Helper._make(row[:_HELPER_END])
            busy, asked, thanked, together, same_postcode = row[_OFFER_END:]
            measured = km = measure(helper)
            if same_postcode:
                km = min(km, radius / 2)  # somewhere in the postcode: count as midway
            elif km > radius:
                continue
            history = History(busy or 0, asked or 0, thanked or 0, together or 0)
            suggestion = by_helper[helper.id] = Suggestion(helper, km, history, measured)
        if row[_HELPER_END] is not None:
            offer = Terms._make(row[_HELPER_END:_OFFER_END])
            if offer not in suggestion.offers:
                suggestion.offers.append(offer)
    return list(by_helper.values())


_HELPER_END = len(Helper._fields)  # where a row of _candidates() goes on to an offer's Terms
_OFFER_END = _HELPER_END + len(Terms._fields)  # and then to the History and same_postcode


def where_words(km: float | None, helper: Helper, language: str) -> str | None:
    """'lives about 600 m away' when the distance may be shown, else 'lives in 8000 Aarhus C'."""
    if km is not None:
        return distance_words(km, language)
    area = distances.area_of(helper)
    return translate("suggestion.lives_in", language, place=area) if area else None


@cache
def _candidates(postcode_mode: str | None = None) -> Select:
    """One query for the people worth scoring, each with their History and (a row per offer)
    their active offers of this kind: the nearest active members of the circle and the nearest
    who offer this kind of help, among those whose home squares lie in the box of squares in
    reach, leaving out the requester, anyone blocked either way and anyone already asked or
    who said no.

    postcode_mode adds the same two groups among the people of the requester's postcode,
    marked same_postcode (the last column): "postcode_homes" for people known only by that
    postcode, "any" for everyone in it (when the request's own point is only the postcode's
    centre). A person found both ways comes twice, once each way.

    One statement rather than one per step, because at a million members the round trips and
    planning cost more than the work; the people found are read once for both groups. Built
    once with bound parameters (_candidate_values), because building it anew took as long as
    running it. Only the columns scoring and the answer use are read, as plain rows.
    """
    requester_id = bindparam("requester_id")
    already_asked = select(Match.helper_id).where(
        Match.request_id == bindparam("request_id"), among(Match.status, (*OPEN_MATCH, "declined"))
    )
    # The circle's active members, by the squares of their homes kept on their memberships
    # (ix_memberships_circle_square): the members in reach come from the index alone, where
    # reading each member's account cost 3,000 lookups in a city circle at national size.
    # The people of the requester's postcode are found through ix_users_postcode_source.
    asking = and_(
        Membership.circle_id == bindparam("circle_id"),
        Membership.status == "active",
        Membership.user_id != requester_id,
        Membership.user_id.not_in(blocked(requester_id)),
        Membership.user_id.not_in(already_asked),
    )

    def members(way):
        found = select(
            Membership.user_id.label("id"),
            bound_square_nearness(Membership).label("nearness"),
            literal(way == "postcode").label("same_postcode"),
            Membership.offered_kinds,
        ).where(asking)
        if way == "box":
            return found.where(bound_square_box(Membership))
        return found.join(User, User.id == Membership.user_id).where(
            distances.sharing_postcode(
                bindparam("postcode"), centres_only=postcode_mode == "postcode_homes"
            )
        )

    ways = ["box"] if postcode_mode is None else ["box", "postcode"]
    near = union_all(*(members(way) for way in ways)).cte("near")

    def this_kind(person_id):
        return and_(
            Offer.user_id == person_id,
            Offer.category == bindparam("category"),
            Offer.active.is_(True),
        )

    def nearest(way, *where):
        found = (
            select(near.c.id, near.c.same_postcode)
            .where(near.c.same_postcode.is_(way == "postcode"), *where)
            .order_by(near.c.nearness, near.c.id)
            .limit(bindparam("limit"))
        )
        return found.subquery().select()

    # The kinds each member offers ride on the membership (kind_bit): no probe into offers.
    offering = near.c.offered_kinds.op("&")(bindparam("kind_bit")) != 0
    chosen = union(*(q for way in ways for q in (nearest(way), nearest(way, offering)))).cte(
        "chosen"
    )
    people = select(chosen.c.id)
    tallies = _tallies(people, since=bindparam("recent_since")).subquery()
    together = _done_together(requester_id).subquery()
    return (
        select(
            *HELPER_COLUMNS,
            *OFFER_COLUMNS,
            tallies.c.busy,
            tallies.c.asked,
            tallies.c.thanked,
            together.c.done,
            chosen.c.same_postcode,
        )
        .select_from(chosen)
        .join(User, User.id == chosen.c.id)
        .outerjoin(Offer, this_kind(User.id))
        .outerjoin(tallies, tallies.c.helper_id == User.id)
        .outerjoin(together, together.c.other_id == User.id)
        .where(User.active.is_(True))
    )


def _candidate_values(request: HelpRequest, now: datetime, slot: str | None) -> dict:
    """The request's values for the parameters of _candidates(); slot: its _slot_of()."""
    return {
        "request_id": request.id,
        "requester_id": request.requester_id,
        "postcode": request.requester.postcode,
        "circle_id": request.circle_id,
        "category": request.category,
        "kind_bit": kind_bit(request.category),
        "timed": slot is not None,
        "slot_pattern": None if slot is None else '%"' + slot.replace("_", "\\_") + '"%',
        **parameters(request.latitude, request.longitude, request.radius_km),
        "recent_since": now - RECENT,
        "limit": CANDIDATE_LIMIT,
    }


def _slot_of(request: HelpRequest) -> str | None:
    """The free-time code the request's time falls in, in the requester's zone, if it has one."""
    if request.needed_at is None:
        return None
    return slot_of(request.needed_at, request.requester.timezone)


def _tallies(helpers: Select, since) -> Select:
    """Per helper: open commitments, invitations since (this week), thanks received."""

    def tally(condition):
        return func.sum(case((condition, 1), else_=0))

    return (
        select(
            Match.helper_id,
            tally(among(Match.status, OPEN_MATCH)).label("busy"),
            tally(and_(Match.origin == "invite", Match.created_at > since)).label("asked"),
            tally(Match.thanked_at.is_not(None)).label("thanked"),
        )
        .where(Match.helper_id.in_(helpers))
        .group_by(Match.helper_id)
    )


def _done_together(person_id) -> Select:
    """Done matches between the person and each one they did them with, in either direction.

    Counted from the person's own done matches (their history, not the circle's), never from
    the candidates': driven from 100 candidates' requests it read hundreds of rows to find
    none."""

    def other_side(mine, theirs):
        return (
            select(theirs.label("other_id"))
            .select_from(Match)
            .join(HelpRequest, HelpRequest.id == Match.request_id)
            .where(Match.status == "done", mine == person_id)
        )

    pairs = union_all(
        other_side(HelpRequest.requester_id, Match.helper_id),
        other_side(Match.helper_id, HelpRequest.requester_id),
    ).subquery()
    return select(pairs.c.other_id, func.count().label("done")).group_by(pairs.c.other_id)


def _score(request: HelpRequest, found: list[Suggestion]) -> None:
    """Each candidate's score, and what counted for it, for the reasons of those shown.

    Plain arithmetic on values read: a city's request scores a hundred candidates to show
    twenty, so nothing here writes words, and an offer is looked at only where there is one."""
    requester = request.requester
    reach = max(request.radius_km, 0.1)
    peer_support = request.category == "peer_support"
    for s in found:
        km, history = s.distance_km, s.history
        score = 30 * max(0.0, 1 - km / reach)
        reaching = [o for o in s.offers if o.max_km >= km] if s.offers else None
        if reaching:
            s.offered = True
            score += 25
        if s.helper.free_then or (reaching and any(o.free_then for o in reaching)):
            s.free = True
            score += 15
        score += 20 * min(history.together, 3)
        score += 5 * min(history.thanked, 3)
        if peer_support:
            s.shared = _shared_experience(requester, s.helper)
            if s.shared:
                score += 30
        score -= 10 * history.busy
        score -= 8 * history.asked
        s.score = round(score, 1)


class _Words:
    """The words of the reasons that are the same for every helper of a request, written once
    and only when a helper shown needs them; slot: the request's _slot_of()."""

    def __init__(self, request: HelpRequest, language: str, slot: str | None):
        self.request, self.language, self.slot = request, language, slot

    @cached_property
    def offer(self) -> str:
        category = translate(f"category.{self.request.category}", self.language)
        return translate("suggestion.offer", self.language, category=category)

    @cached_property
    def available(self) -> str:
        return _available_words(self.slot, self.language)

    @cached_property
    def recently_asked(self) -> str:
        return translate("suggestion.recently_asked", self.language)


def _reasons(s: Suggestion, words: _Words) -> list[str]:
    """Where the helper lives, then every part of the score that counted, in words."""
    language = words.language
    where = where_words(s.shown_km, s.helper, language)
    reasons = [where] if where else []
    if s.offered:
        reasons.append(words.offer)
    if s.free:
        reasons.append(words.available)
    history = s.history
    if history.together:
        reasons.append(translate("suggestion.helped_before", language, count=history.together))
    if history.thanked:
        reasons.append(translate("suggestion.thanked", language, count=history.thanked))
    if s.shared:
        label = translate(f"experience.{s.shared}", language)
        reasons.append(translate("suggestion.shared_experience", language, experience=label))
    if history.busy:
        reasons.append(translate("suggestion.busy", language, count=history.busy))
    if history.asked:
        reasons.append(words.recently_asked)
    return reasons


def _available_words(slot: str, language: str) -> str:
    """'is usually free on Tuesday morning', in the reader's language."""
    day, part = slot.split("_")
    label = translate(
        "slot", language, day=weekday_name(day, language), part=translate(f"part.{part}", language)
    )
    return translate("suggestion.available", language, slot=label)


def _shared_experience(requester: User, helper: Helper) -> str | None:
    """A lived experience both share (for peer support), only when both consented."""
    if requester.experiences_consent_at is None or helper.experiences_consent_at is None:
        return None
    both = [e for e in requester.experiences or [] if e in (helper.experiences or [])]
    return both[0] if both else None


def reach_km(user: User) -> float:
    """How far the person will go: their travel distance or their farthest active offer."""
    farthest = read_columns(_farthest_offer(), {"user_id": user.id}).scalar()
    return max(user.travel_km or 0, farthest or 0)


@cache
def _farthest_offer() -> Select:
    """How far :user_id's active offers reach at most; built once, as the helpers' list of
    requests near them asks on every visit."""
    mine = and_(Offer.user_id == bindparam("user_id"), Offer.active.is_(True))
    return select(func.max(Offer.max_km)).where(mine)


def nearby_requests(user: User, km: float | None = None, limit: int = 50, since=None):
    """Open requests in the person's circles within reach of their home, nearest first, by
    the coarse distance between grid squares (ties: the older request first).

    Returns (NearbyRequest, distance_km) pairs; never the person's own or a blocked person's. With
    since, only those posted after it (the weekly digest's new ones). One statement, built
    once with bound parameters (the person's circles and blocks are subqueries of it): the
    helpers' list is read on every visit, and building the SQL anew cost more than running it.
    """
    if not user.has_location:
        return []
    km = km or reach_km(user)
    values = {
        "me": user.id,
        "since": since or EPOCH,
        "limit": limit,
        "postcode": user.postcode,
        **parameters(user.latitude, user.longitude, km),
    }
    # Where either home is only the postcode's centre, sharing the postcode says near;
    # distances from a centre are never shown (help.distances), they only order.
    mode = None if not user.postcode else "centres" if distances.exact(user) else "any"
    found = {}
    for row in read_columns(_nearby(mode), values):
        *columns, circle_name, postcode, place_name, same_postcode = row
        circle = SimpleNamespace(name=circle_name)
        request = NearbyRequest(*columns, circle, Asker(postcode, place_name))
        distance = distances.between(request, user)
        if same_postcode or distance <= km:
            found[request.id] = (request, distance)
    return sorted(found.values(), key=lambda pair: (pair[1], pair[0].id))[:limit]


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Asker(NamedTuple):
    """What it reads of the asker: where they live, as much as a postcode tells (the area said
    when no distance may be)."""

    postcode: str | None
    place_name: str | None


class NearbyRequest(NamedTuple):
    """An open request near a helper, as the list, its map and the weekly digest show it."""

    id: int
    circle_id: int
    category: str
    description: str
    needed_at: datetime | None
    place: str
    status: str
    created_at: datetime
    latitude: float
    longitude: float
    location_source: str | None
    circle: SimpleNamespace  # .name, as the list reads a request's circle
    requester: Asker


def _open_in_my_circles() -> Select:
    """The ids of open requests of the circles of :me since :since, not :me's nor a blocked
    person's."""
    me = bindparam("me")
    return select(HelpRequest.id).where(
        HelpRequest.status == "open",
        HelpRequest.circle_id.in_(active_circles(me)),
        HelpRequest.requester_id != me,
        HelpRequest.requester_id.not_in(blocked(me)),
        HelpRequest.created_at > bindparam("since"),
    )


@cache
def _nearby(postcode_mode: str | None) -> Select:
    """The nearest :limit of them within the box (an index serves it: ix_help_requests_status_
    lat_lon), by the coarse nearness of their squares to :lat, :lon; with postcode_mode, also
    the newest :limit from requesters in :postcode ("centres": only requests placed at its
    centre, for a person whose own home is exact), marked same_postcode. Each request as the
    columns of a NearbyRequest, then its circle's name and where its asker lives as much as a
    postcode tells, read as plain rows (the ORM's loading of each request and its circle was
    a tenth of the list); one found both ways comes twice."""
    near = (
        _open_in_my_circles()
        .add_columns(literal(False).label("same_postcode"))
        .where(bound_box(HelpRequest))
        .order_by(bound_nearness(HelpRequest), HelpRequest.id)
        .limit(bindparam("limit"))
    )
    ways = [near]
    if postcode_mode:
        requesters = select(User.id).where(User.postcode == bindparam("postcode"))
        same = (
            _open_in_my_circles()
            .add_columns(literal(True).label("same_postcode"))
            .where(HelpRequest.requester_id.in_(requesters))
        )
        if postcode_mode == "centres":
            same = same.where(HelpRequest.location_source == "postcode")
        ways.append(same.order_by(HelpRequest.id.desc()).limit(bindparam("limit")))
    # Each way keeps its own ORDER BY and LIMIT inside its own subquery.
    chosen = union_all(*(way.subquery().select() for way in ways)).subquery()
    return (
        select(
            *(getattr(HelpRequest, name) for name in NearbyRequest._fields[:-2]),
            Circle.name,
            User.postcode,
            User.place_name,
            chosen.c.same_postcode,
        )
        .join(chosen, chosen.c.id == HelpRequest.id)
        .join(Circle, Circle.id == HelpRequest.circle_id)
        .join(User, User.id == HelpRequest.requester_id)
    )
