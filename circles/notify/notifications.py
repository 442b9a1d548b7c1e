"""Notifications: every step lands in the member's inbox, sent at most once per dedupe key."""

from functools import cache

from sqlalchemy import Select, bindparam, func, select, update
from sqlalchemy.exc import IntegrityError

from circles.accounts import relatives
from circles.accounts.models import User
from circles.core.errors import NotFound
from circles.core.i18n import catalog, translate
from circles.core.types import utcnow
from circles.extensions import db
from circles.notify import channels
from circles.notify.models import Notification

# The parameter that marks a relative's copy, holding the name of the member it is for.
COPY_FOR = "copy_for"


def notify(user: User, kind: str, *, link=None, dedupe_key=None, **params) -> Notification | None:
    """Send kind (a catalog key under notification.) to the person; None if already sent.

    Written in the caller's transaction: a step that fails later takes its message back
    with it. Its dedupe key is claimed in a savepoint, so a duplicate leaves the rest
    standing. It always lands in the inbox (the record, also for organizers acting for the
    person); without "inapp" among the person's channels it lands there already read. Email
    and push go out later, by deliver_pending.
    """
    notification = Notification(
        user_id=user.id, kind=kind, params=params, link=link, dedupe_key=dedupe_key
    )
    if "inapp" not in user.notify_by:
        notification.read_at = utcnow()
    try:
        with db.session.begin_nested():
            db.session.add(notification)
            channels.plan(notification, user)
    except IntegrityError:
        return None  # another process or an earlier run sent this one already
    _copy_to_relatives(user, notification)
    return notification


def sent_already(keys: list[str]) -> set[tuple[int, str]]:
    """(user id, dedupe key) of the given keys' notifications: jobs check these before sending."""
    if not keys:
        return set()
    query = select(Notification.user_id, Notification.dedupe_key).where(
        Notification.dedupe_key.in_(set(keys))
    )
    return {(user_id, key) for user_id, key in db.session.execute(query)}


def _copy_to_relatives(member: User, notification: Notification) -> None:
    """Each relative helping the member gets a copy, marked as being for the member.

    Not of messages answered by SMS (JA/NEJ): an answer from the relative's phone would be
    taken as the relative's own.
    """
    if notification.kind.startswith(channels.SMS_ANSWER):
        return
    for person in relatives.helpers_of(member):
        copy = Notification(
            user_id=person.id,
            kind=notification.kind,
            params={**notification.params, COPY_FOR: member.name},
            link=notification.link,
            dedupe_key=f"copy:{notification.id}",
        )
        if "inapp" not in person.notify_by:
            copy.read_at = utcnow()
        with db.session.begin_nested():
            db.session.add(copy)
            channels.plan(copy, person)


def text(notification: Notification, language: str) -> str:
    """The notification in words, in the reader's language now (its params are phrases and
    moments written out now; "For Karen: ..." on a copy); an old one whose key no longer fits
    reads as it was written."""
    key = f"notification.{notification.kind}"
    if notification.fallback_text and key not in catalog(language):
        return notification.fallback_text
    try:
        words = translate(key, language, **notification.params)
    except (KeyError, IndexError, ValueError, TypeError):
        return notification.fallback_text or translate("notification.unreadable", language)
    if COPY_FOR in notification.params:
        return translate(
            "notification.copy_for", language, member=notification.params[COPY_FOR], text=words
        )
    return words


@cache
def inbox() -> Select:
    """The notifications of the person :user_id, newest first: a query to page, built once."""
    query = select(Notification).where(Notification.user_id == bindparam("user_id"))
    return query.order_by(Notification.created_at.desc(), Notification.id.desc())


def unread_count(user: User) -> int:
    """How many are unread."""
    query = select(func.count(Notification.id)).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    return db.session.scalar(query)


def mark_read(user: User, notification_id: int | None = None) -> None:
    """Mark one (or, without an id, all) of the person's own notifications as read."""
    query = update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    if notification_id is not None:
        found = db.session.get(Notification, notification_id)
        if found is None or found.user_id != user.id:
            raise NotFound("error.not_found")
        query = query.where(Notification.id == notification_id)
    db.session.execute(query.values(read_at=utcnow()))
