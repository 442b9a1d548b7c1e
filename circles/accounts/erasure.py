"""Deleting an account: personal fields erased, the member's own free texts removed, and what
others need (a match a helper took part in, the audit log) kept under a pseudonym."""

import json
import secrets

from sqlalchemy import JSON, String, Text, cast, delete, or_, select, update

from circles.accounts import services
from circles.accounts.models import (
    ApiToken,
    Consent,
    LocationChange,
    OneTimeSecret,
    RecoveryCode,
    RelativeLink,
    SignInCard,
    User,
    UserSession,
)
from circles.core import audit
from circles.core.errors import Forbidden, Invalid
from circles.core.models import IdempotencyRecord
from circles.core.types import utcnow
from circles.events.models import Booking, CalendarFeed, Event, Interest, Proposal
from circles.extensions import db
from circles.help.models import (
    Arrangement,
    Block,
    HelpRequest,
    Match,
    Message,
    Offer,
    SmsAnswer,
)
from circles.membership.models import Membership, MunicipalStaff
from circles.notify.models import Delivery, Notification, PushSubscription
from circles.organizing.models import Call, OutreachItem, Report

# Shorter strings than this are not searched for in others' texts: they would match too much.
SHORTEST_IDENTIFIER = 4


def identifiers(member: User) -> list[str]:
    """What identifies the member in a text: name, email, phones, address, birth date."""
    found = [member.name, member.email, member.phone, member.phone_e164, member.address]
    if member.birth_date is not None:
        found.append(member.birth_date.isoformat())
    return [text for text in found if text and len(text.strip()) >= SHORTEST_IDENTIFIER]


def erase(member: User, actor: User, logged: bool = False) -> str:
    """Delete the member's account (by the member, or an organizer for them); the pseudonym.

    logged: the caller already wrote the audit entry (with the circle it happened in).
    """
    pseudonym = f"Medlem {secrets.token_hex(3)}"
    replacements = {text: pseudonym for text in identifiers(member)}
    # Others' rows can quote what the member wrote (a thank-you note in the helper's inbox).
    replacements.update({text: "" for text in _own_texts(member)})
    _remove_own_texts(member)
    _delete_own_rows(member)
    _erase_fields(member, pseudonym)
    db.session.flush()
    _replace_in_others_texts(replacements)
    if not logged:
        audit.record(actor, "account.erased", subject=member)
    return pseudonym


def _own_text_columns(member: User) -> list:
    """(column, condition) for every free text the member wrote."""
    mine = member.id
    own_requests = select(HelpRequest.id).where(HelpRequest.requester_id == mine)
    return [
        (HelpRequest.description, HelpRequest.requester_id == mine),
        (Arrangement.description, Arrangement.requester_id == mine),
        (Match.thanks_note, Match.request_id.in_(own_requests)),
        (Match.helper_thanks_note, Match.helper_id == mine),
        (Message.body, Message.author_id == mine),
        (Match.cancel_reason, or_(Match.helper_id == mine, Match.request_id.in_(own_requests))),
        (Proposal.text, Proposal.author_id == mine),
        (Report.text, Report.reporter_id == mine),
        (Event.description, Event.host_id == mine),
    ]


def _own_texts(member: User) -> set[str]:
    """The member's own free texts, long enough to be found again in others' rows."""
    found = set()
    for column, condition in _own_text_columns(member):
        for text in db.session.scalars(select(column).where(condition)):
            if text and len(text.strip()) >= SHORTEST_IDENTIFIER:
                found.add(text)
    return found


def _remove_own_texts(member: User) -> None:
    """Texts the member wrote, in rows others still need, are emptied."""
    mine = member.id
    own_requests = select(HelpRequest.id).where(HelpRequest.requester_id == mine)
    statements = [
        update(HelpRequest)
        .where(HelpRequest.requester_id == mine)
        .values(description="", place=""),
        update(Arrangement).where(Arrangement.requester_id == mine).values(description=""),
        update(Match)
        .where(or_(Match.helper_id == mine, Match.request_id.in_(own_requests)))
        .values(cancel_reason=None, thanks_note=None),
        update(Match).where(Match.helper_id == mine).values(helper_thanks_note=None),
        update(Message).where(Message.author_id == mine).values(body="", author_id=None),
        update(Proposal).where(Proposal.author_id == mine).values(text=""),
        update(Report).where(Report.reporter_id == mine).values(text="", reporter_id=None),
        update(Event).where(Event.host_id == mine).values(description="", address=None),
    ]
    for statement in statements:
        db.session.execute(statement, execution_options={"synchronize_session": False})


def _delete_own_rows(member: User) -> None:
    """Rows that are only about the member go; past bookings stay for attendance counts."""
    mine = member.id
    own_notifications = select(Notification.id).where(Notification.user_id == mine)
    for statement in [
        delete(Delivery).where(Delivery.notification_id.in_(own_notifications)),
        delete(Notification).where(Notification.user_id == mine),
        delete(IdempotencyRecord).where(IdempotencyRecord.user_id == mine),
        delete(ApiToken).where(ApiToken.user_id == mine),
        delete(UserSession).where(UserSession.user_id == mine),
        delete(RecoveryCode).where(RecoveryCode.user_id == mine),
        delete(OneTimeSecret).where(OneTimeSecret.user_id == mine),
        delete(LocationChange).where(LocationChange.user_id == mine),
        delete(Consent).where(Consent.user_id == mine),
        delete(SignInCard).where(SignInCard.user_id == mine),
        delete(PushSubscription).where(PushSubscription.user_id == mine),
        delete(CalendarFeed).where(CalendarFeed.user_id == mine),
        delete(Offer).where(Offer.user_id == mine),
        delete(Interest).where(Interest.user_id == mine),
        delete(Block).where(or_(Block.blocker_id == mine, Block.blocked_id == mine)),
        delete(MunicipalStaff).where(MunicipalStaff.user_id == mine),
        delete(Call).where(Call.member_id == mine),
        delete(OutreachItem).where(OutreachItem.member_id == mine),
        delete(SmsAnswer).where(SmsAnswer.user_id == mine),
        delete(RelativeLink).where(or_(*_links_with(member))),
        delete(Booking).where(Booking.user_id == mine, Booking.occurrence_start >= utcnow()),
        update(Membership)
        .where(Membership.user_id == mine, Membership.status.in_(("active", "pending")))
        .values(status="left", ended_at=utcnow()),
        update(Membership).where(Membership.user_id == mine).values(offered_kinds=0),
    ]:
        db.session.execute(statement, execution_options={"synchronize_session": False})


def _links_with(member: User) -> list:
    """Relative links the member is on either side of, or invited to by email or phone."""
    found = [RelativeLink.member_id == member.id, RelativeLink.relative_id == member.id]
    if member.email:  # never compare with None: that would match every link without one
        found.append(RelativeLink.email == member.email)
    if member.phone_e164:
        found.append(RelativeLink.phone_e164 == member.phone_e164)
    return found


def _erase_fields(member: User, pseudonym: str) -> None:
    """Every personal field of the account emptied; it can never sign in again."""
    member.name = pseudonym
    for field in ("email", "password_hash", "birth_date", "phone", "address", "postcode"):
        setattr(member, field, None)
    for field in ("place_name", "latitude", "longitude", "experiences_consent_at"):
        setattr(member, field, None)
    member.checkin_consent_at = member.email_confirmed_at = None
    member.totp_secret = member.totp_enabled_at = member.totp_last_step = None
    member.skills, member.experiences, member.availability = [], [], []
    member.contact_channels, member.notify_by = [], []
    member.active = False


def _as_stored(text: str) -> list[str]:
    """The forms a string takes in a column: as is, and inside JSON (non-ASCII escaped)."""
    return list({text, json.dumps(text)[1:-1]})


def _replaced(value, replacements: dict[str, str]):
    """value (a text or JSON) with every identifier or own text replaced."""
    if isinstance(value, str):
        # Longest first: a free text that contains the name goes whole.
        for text in sorted(replacements, key=len, reverse=True):
            value = value.replace(text, replacements[text])
        return value
    if isinstance(value, list):
        return [_replaced(item, replacements) for item in value]
    if isinstance(value, dict):
        return {key: _replaced(item, replacements) for key, item in value.items()}
    return value


def _replace_in_others_texts(replacements: dict[str, str]) -> None:
    """Others' notifications, notes, audit details and saved answers that name the member.

    Deleting an account is rare, so every text column of every table is searched: a new table
    is covered without anyone remembering to add it here.
    """
    if not replacements:
        return
    for table in db.metadata.sorted_tables:
        if table.name in {"users", "apscheduler_jobs"} or "id" not in table.c:
            continue
        for column in table.c:
            if not isinstance(column.type, String | Text | JSON):
                continue
            as_text = cast(column, Text) if isinstance(column.type, JSON) else column
            matches = or_(
                *(
                    as_text.contains(form, autoescape=True)
                    for text in replacements
                    for form in _as_stored(text)
                )
            )
            rows = db.session.execute(select(table.c.id, column).where(matches)).all()
            for row_id, value in rows:
                db.session.execute(
                    update(table)
                    .where(table.c.id == row_id)
                    .values({column.name: _replaced(value, replacements)})
                )


def delete_own(member: User, password: str | None, confirmed: bool) -> str:
    """The member deletes their own account: with their password, or a confirm step if they
    have none (a member an organizer registered by phone, signed in with a card)."""
    if member.password_hash:
        checked = services.authenticate(member.email or "", password or "")
        if checked is None or checked.id != member.id:
            raise Forbidden("account.wrong_password", field="password")
    elif not confirmed:
        raise Invalid("account.delete_confirm_needed", field="confirm")
    return erase(member, member)
