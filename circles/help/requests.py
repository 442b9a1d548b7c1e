"""Help requests, standing offers and blocks, and who may see or change each."""

from functools import cache

from flask import current_app
from sqlalchemy import Select, bindparam, select, union
from sqlalchemy.orm import selectinload

from circles.accounts import relatives
from circles.accounts.models import User
from circles.core import audit
from circles.core.errors import Conflict, Forbidden, Invalid, NotFound
from circles.core.i18n import moment_phrase, phrase
from circles.core.types import utcnow
from circles.db import read_columns
from circles.extensions import db
from circles.help.models import Block, HelpRequest, Match, Offer
from circles.membership import circles
from circles.membership.models import Membership
from circles.notify import notifications
from circles.organizing.models import Report

OPEN_MATCH = ("proposed", "accepted")
# A helper sees the request while asked, agreed or done; not after declining or a cancel.
SEES_REQUEST = ("proposed", "accepted", "done")


def radius_steps(settings: dict | None = None) -> list[float]:
    """The search radii a request widens through (CIRCLES_MATCH_RADIUS_STEPS_KM)."""
    raw = (settings or current_app.config)["CIRCLES_MATCH_RADIUS_STEPS_KM"]
    return sorted(float(step) for step in str(raw).split(",") if step.strip())


def circle_people(circle_id: int, role: str | None = None) -> Select:
    """A query for the circle's active members (in one role, if given), to filter further."""
    query = (
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.circle_id == circle_id, Membership.status == "active")
    )
    return query if role is None else query.where(Membership.role == role)


def category_phrase(code: str) -> dict:
    """A kind of help, for texts stored with a notification: written in the reader's language
    when read."""
    return phrase(f"category.{code}")


def when_text(moment, reader: User) -> dict:
    """A request's time in the reader's zone, written in their language when read; "when it
    suits" for a flexible one."""
    if moment is None:
        return phrase("help.when_flexible")
    return moment_phrase(moment, reader.timezone, fmt_key="help.when_format")


def blocked(user_id: int):
    """A query for everyone the person blocked or was blocked by: they never see each other.

    A report not yet handled keeps the two apart the same way, so nobody is suggested, or
    shown the requests of, someone they have just reported (nor the other way round).
    """
    reported = (Report.status == "open") & Report.reported_user_id.is_not(None)
    return union(
        select(Block.blocked_id).where(Block.blocker_id == user_id),
        select(Block.blocker_id).where(Block.blocked_id == user_id),
        select(Report.reported_user_id).where(Report.reporter_id == user_id, reported),
        select(Report.reporter_id).where(
            Report.reported_user_id == user_id, Report.reporter_id.is_not(None), reported
        ),
    )


def blocked_ids(user_id: int) -> set[int]:
    """The ids of blocked(user_id)."""
    return set(read_columns(_blocked_by_id(), {"user_id": user_id}).scalars())


@cache
def _blocked_by_id() -> Select:
    return blocked(bindparam("user_id"))


def helper_match(user: User, request: HelpRequest) -> Match | None:
    """The person's latest match on the request as its helper, if any."""
    return db.session.scalar(
        select(Match)
        .where(Match.request_id == request.id, Match.helper_id == user.id)
        .order_by(Match.id.desc())
    )


def may_manage(user: User, request: HelpRequest) -> bool:
    """The requester, a relative helping them, and the circle's organizers manage a request."""
    return (
        user.id == request.requester_id
        or circles.is_organizer(user, request.circle_id)
        or relatives.may_act_for(user, request.requester, "ask_for_help")
    )


def lock_request(request: HelpRequest) -> None:
    """Hold the request's row until commit and reread it and its matches.

    Every change of a match's or request's state takes this lock first, so two people
    answering at once are served one after the other and the second sees the first's answer.
    SELECT ... FOR UPDATE is a no-op on SQLite, whose writers are serialised anyway.
    """
    db.session.refresh(request, with_for_update=True)
    db.session.expire(request, ["matches"])
    fresh = select(Match).where(Match.request_id == request.id)
    db.session.execute(fresh.execution_options(populate_existing=True))


def check_time(needed_at) -> None:
    """A wished time must lie ahead; None means 'flexible'."""
    if needed_at is not None and needed_at < utcnow():
        raise Invalid("error.needed_at_past", field="needed_at")


def get_request(user: User, request_id: int) -> HelpRequest:
    """A request its requester, organizer or a helper matched to it may see; others get 404."""
    request = db.session.get(HelpRequest, request_id)
    if request is None:
        raise NotFound("error.not_found")
    if may_manage(user, request):
        return request
    mine = helper_match(user, request)
    if not (mine and mine.status in SEES_REQUEST):
        raise NotFound("error.not_found")
    return request


def visible_request(user: User, request_id: int) -> HelpRequest:
    """A request the person may see or volunteer for: as above, or any in their circles."""
    request = db.session.get(HelpRequest, request_id)
    if request is None:
        raise NotFound("error.not_found")
    if may_manage(user, request) or helper_match(user, request):
        return request
    if circles.is_member(user, request.circle_id) and request.requester_id not in blocked_ids(
        user.id
    ):
        return request
    raise NotFound("error.not_found")


def create_request(author: User, fields: dict) -> HelpRequest:
    """Write a request for oneself, or (organizers, a member's relative) for a member; logged if so.

    Nobody hears of it here: post through posting.post_request, which tells helpers in reach.
    """
    requester = author
    if fields.get("requester_id") not in (None, author.id):
        requester = db.session.get(User, fields["requester_id"])
        if requester is None:
            raise Invalid("error.no_such_user", field="requester_id")
    circle_id = fields.get("circle_id")
    if circle_id is None:
        mine = circles.active_circle_ids(requester)
        if len(mine) != 1:
            raise Invalid("error.circle_needed", field="circle_id")
        circle_id = mine[0]
    if not circles.is_member(requester, circle_id):
        raise Invalid("error.not_a_member", field="circle_id")
    if not (
        requester is author
        or circles.is_organizer(author, circle_id)
        or relatives.may_act_for(author, requester, "ask_for_help")
    ):
        raise Forbidden("error.organizers_only")
    if not requester.has_location:
        raise Invalid("error.location_missing", field="place")
    check_time(fields.get("needed_at"))
    request = HelpRequest(
        circle_id=circle_id,
        requester_id=requester.id,
        created_by_id=author.id,
        category=fields["category"],
        description=fields.get("description", ""),
        needed_at=fields.get("needed_at"),
        place=fields.get("place") or "home",
        share_address=fields.get("share_address", False),
        latitude=requester.latitude,
        longitude=requester.longitude,
        location_source=requester.location_source,
        radius_km=radius_steps()[0],
    )
    db.session.add(request)
    db.session.flush()
    if requester is not author:
        audit.record(
            author, "request.posted", circle_id=circle_id, subject=requester, target=request
        )
    return request


def own_requests(user: User, circle_id: int | None = None) -> Select:
    """The person's own requests (in one circle, or all), newest first (a query, to be paged)."""
    query = select(HelpRequest).where(HelpRequest.requester_id == user.id)
    if circle_id is not None:
        query = query.where(HelpRequest.circle_id == circle_id)
    shown = (
        selectinload(HelpRequest.circle),
        selectinload(HelpRequest.matches).selectinload(Match.helper),
    )
    return query.options(*shown).order_by(HelpRequest.id.desc())


def update_request(user: User, request: HelpRequest, fields: dict) -> HelpRequest:
    """Change an open request, or cancel it; only its requester or an organizer."""
    if not may_manage(user, request):
        raise Forbidden("error.request_managers_only")
    lock_request(request)
    if request.status not in ("open", "matched"):
        raise Conflict("error.request_closed", status=request.status)
    check_time(fields.get("needed_at"))
    called_off = []
    if fields.pop("status", None) == "cancelled":
        request.status = "cancelled"
        called_off = [m for m in request.matches if m.status in OPEN_MATCH]
        for match in called_off:
            match.status, match.cancel_reason = "cancelled", "request_cancelled"
    for name, value in fields.items():
        setattr(request, name, value)
    if user.id != request.requester_id:
        audit.record(  # with the subject, so the member sees it in "Done for me"
            user, "request.changed", circle_id=request.circle_id, subject=request.requester,
            target=request,
        )  # fmt: skip
    for match in called_off:
        notifications.notify(
            match.helper,
            "help.cancelled",
            link=f"#/matches/{match.id}",
            dedupe_key=f"match:{match.id}:cancelled",
            category=category_phrase(request.category),
        )
    return request


def offers_of(user: User) -> list[Offer]:
    """The person's standing offers."""
    return list(db.session.scalars(select(Offer).where(Offer.user_id == user.id)))


def create_offer(author: User, fields: dict) -> Offer:
    """A new standing offer, for oneself or (organizers) for a member of their circle; logged."""
    helper_id = fields.pop("user_id", None) or author.id
    offer = Offer(user_id=helper_id, created_by_id=author.id, **fields)
    db.session.add(offer)
    if helper_id != author.id:
        helper = db.session.get(User, helper_id)
        theirs = circles.active_circle_ids(helper) if helper else []
        run_by_author = [c for c in theirs if circles.is_organizer(author, c)]
        if not theirs:
            raise Invalid("error.no_such_user", field="user_id")
        if not run_by_author:
            raise Forbidden("error.organizers_only")
        db.session.flush()
        audit.record(
            author, "offer.posted", circle_id=run_by_author[0], subject=helper, target=offer
        )
    db.session.flush()
    return offer


def own_offer(user: User, offer_id: int) -> Offer:
    """One of the person's own offers; anybody else's is 404."""
    offer = db.session.get(Offer, offer_id)
    if offer is None or offer.user_id != user.id:
        raise NotFound("error.not_found")
    return offer


def update_offer(offer: Offer, fields: dict) -> Offer:
    """Change a standing offer."""
    for name, value in fields.items():
        setattr(offer, name, value)
    return offer


def delete_offer(offer: Offer) -> None:
    """Withdraw a standing offer."""
    db.session.delete(offer)


def block(user: User, blocked_id: int) -> Block:
    """Block a person; blocking twice is a conflict."""
    if blocked_id == user.id or db.session.get(User, blocked_id) is None:
        raise Invalid("error.no_such_user", field="user_id")
    if db.session.scalar(select(Block).filter_by(blocker_id=user.id, blocked_id=blocked_id)):
        raise Conflict("error.already_blocked")
    found = Block(blocker_id=user.id, blocked_id=blocked_id)
    db.session.add(found)
    db.session.flush()
    return found


def blocks_of(user: User) -> list[Block]:
    """The people the person has blocked."""
    return list(db.session.scalars(select(Block).where(Block.blocker_id == user.id)))


def unblock(user: User, blocked_id: int) -> None:
    """Lift one's own block."""
    found = db.session.scalar(select(Block).filter_by(blocker_id=user.id, blocked_id=blocked_id))
    if found is None:
        raise NotFound("error.not_found")
    db.session.delete(found)
