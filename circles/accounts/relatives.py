"""Who may act for whom: relatives and friends who help a member (pårørende).

Other domains ask may_act_for before letting someone ask for help, book a place, write in a
match thread, or get a copy of a notification for a member; this module imports no domain, so
any of them can.
"""

from sqlalchemy import select

from circles.accounts.models import RelativeLink, User
from circles.extensions import db

# What a relative may do for the member, once the member has said yes.
WHAT = ("ask_for_help", "book_events", "threads", "notifications")


def active_link(actor_id: int, member_id: int) -> RelativeLink | None:
    """The accepted, unended link from the relative to the member, if any."""
    return db.session.scalar(
        select(RelativeLink).where(
            RelativeLink.relative_id == actor_id,
            RelativeLink.member_id == member_id,
            RelativeLink.accepted_at.is_not(None),
            RelativeLink.ended_at.is_(None),
        )
    )


def may_act_for(actor: User, member: User, what: str) -> bool:
    """Whether actor may do `what` (one of WHAT) for member, as their relative, now."""
    if what not in WHAT:
        raise ValueError(f"unknown act {what!r}")
    if actor is None or member is None or actor.id == member.id or not member.active:
        return False
    return active_link(actor.id, member.id) is not None


def helpers_of(member: User) -> list[User]:
    """The member's active relatives, who get copies of the member's notifications."""
    query = (
        select(User)
        .join(RelativeLink, RelativeLink.relative_id == User.id)
        .where(
            RelativeLink.member_id == member.id,
            RelativeLink.accepted_at.is_not(None),
            RelativeLink.ended_at.is_(None),
            User.active.is_(True),
        )
    )
    return list(db.session.scalars(query))


def links_of(member: User) -> list[RelativeLink]:
    """The relatives the member has invited, newest first, ended ones too."""
    query = select(RelativeLink).where(RelativeLink.member_id == member.id)
    return list(db.session.scalars(query.order_by(RelativeLink.id.desc())))


def members_helped_by(person: User) -> list[RelativeLink]:
    """The active links of the members the person helps: whom they can act for."""
    query = select(RelativeLink).where(
        RelativeLink.relative_id == person.id,
        RelativeLink.accepted_at.is_not(None),
        RelativeLink.ended_at.is_(None),
    )
    return list(db.session.scalars(query.order_by(RelativeLink.id)))
