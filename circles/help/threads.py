"""The thread of a match: the two sides write to each other once both have agreed.

Only the helper and the requester read and write it, or a relative helping one of them
(accounts.relatives, logged for the member); the circle's organizers read it only when one of
the two has reported it. Blocking either way closes it for writing.
"""

from sqlalchemy import exists, select

from circles.accounts import relatives
from circles.accounts.models import User
from circles.core import audit
from circles.core.errors import Conflict, NotFound
from circles.extensions import db
from circles.help.matches import agreed
from circles.help.models import Match, Message
from circles.help.requests import blocked_ids
from circles.membership import circles
from circles.notify import notifications
from circles.organizing.models import Report


def party(user: User, match: Match) -> bool:
    """Whether the person is one of the match's two sides."""
    return user.id in (match.helper_id, match.request.requester_id)


def side_of(user: User, match: Match) -> User | None:
    """The side the person reads and writes as: their own, or the member they help."""
    for side in (match.request.requester, match.helper):
        if user.id == side.id or relatives.may_act_for(user, side, "threads"):
            return side
    return None


def other_side(user: User, match: Match) -> User:
    """The other of the two sides, seen from one of them."""
    return match.request.requester if user.id == match.helper_id else match.helper


def _reported(match: Match) -> bool:
    """Whether someone has reported this thread to the circle's organizers."""
    return db.session.scalar(
        select(
            exists().where(
                Report.target_type == "matches",
                Report.target_id == match.id,
                Report.circle_id == match.request.circle_id,
            )
        )
    )


def readable_match(user: User, match_id: int) -> Match:
    """A match whose thread the person may read: its two sides, or organizers after a report."""
    match = db.session.get(Match, match_id)
    if match is None:
        raise NotFound("error.not_found")
    if side_of(user, match) is not None:
        return match
    if circles.is_organizer(user, match.request.circle_id) and _reported(match):
        return match
    raise NotFound("error.not_found")


def messages(user: User, match_id: int) -> list[Message]:
    """The thread, oldest first."""
    match = readable_match(user, match_id)
    query = select(Message).where(Message.match_id == match.id)
    return list(db.session.scalars(query.order_by(Message.created_at, Message.id)))


def closed_by_block(match: Match) -> bool:
    """Whether either side has blocked the other, which ends the conversation."""
    return match.helper_id in blocked_ids(match.request.requester_id)


def write(author: User, match_id: int, body: str) -> Message:
    """One of the two sides (or a relative for one) writes; nothing before both agreed, after
    a cancel, or a block. The other side is told, once per message, by their own channels.
    """
    match = db.session.get(Match, match_id)
    side = None if match is None else side_of(author, match)
    if side is None:
        raise NotFound("error.not_found")
    if not agreed(match):
        # Called off after both said yes, the thread is closed; before, it is not open yet.
        raise Conflict("error.thread_closed" if match.accepted_at else "error.thread_not_agreed")
    if closed_by_block(match):
        raise Conflict("error.thread_closed")
    message = Message(match_id=match.id, author_id=author.id, body=body)
    db.session.add(message)
    db.session.flush()
    if side.id != author.id:  # shown to the member in "Done for me"
        audit.record(
            author, "thread.written_for", circle_id=match.request.circle_id, subject=side,
            target=match,
        )  # fmt: skip
    notifications.notify(
        other_side(side, match),
        "help.message",
        link=f"#/matches/{match.id}/messages",
        dedupe_key=f"message:{message.id}",
        name=author.name.split()[0] if author.name else "",
    )
    return message
