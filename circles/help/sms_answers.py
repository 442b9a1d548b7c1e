"""Answers by SMS: JA or NEJ (or YES or NO), found by the sender's phone number.

Two questions can be answered: a helper invited to help, and a requester whose request a
neighbour offered to help with (a volunteer). The answer goes to the latest open question (a
proposed match on a request still open) put to anyone whose phone is the sender's: the SMS
they got last is the one they answer. If a number has several open questions (or several
people share it), the latest still wins, the answer SMS names what was said yes or no to, and
the others stay open for the next answer. Each incoming SMS counts once, by the provider's
message id.
"""

import re
import unicodedata

from sqlalchemy import and_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from circles.accounts.models import User
from circles.core import phones
from circles.core.errors import Invalid
from circles.extensions import db
from circles.help import matches
from circles.help.models import HelpRequest, Match, SmsAnswer
from circles.help.requests import category_phrase
from circles.notify import notifications

YES = {"ja", "yes", "j", "y"}
NO = {"nej", "no", "n"}
# Words that may follow the answer without changing it: "Ja tak", "nej tak", "yes please".
POLITE = {"tak", "thanks", "thank", "you", "please", "mange", "tusind"}


def meaning(text: str, keyword: str = "") -> bool | None:
    """True for yes, False for no, None for anything else; case, spaces and punctuation aside."""
    plain = unicodedata.normalize("NFKC", text or "").casefold()
    words = re.findall(r"\w+", plain)
    if keyword and words[:1] == [keyword.casefold()]:
        words = words[1:]  # a shared short code puts its keyword first
    if not words or any(w not in POLITE for w in words[1:]):
        return None
    if words[0] in YES:
        return True
    if words[0] in NO:
        return False
    return None


def latest_question(number: str) -> Match | None:
    """The newest open question to anyone with this phone number: an invitation to help, or a
    neighbour's offer to help them."""
    helper, requester = aliased(User), aliased(User)
    return db.session.scalar(
        select(Match)
        .join(HelpRequest, HelpRequest.id == Match.request_id)
        .join(helper, helper.id == Match.helper_id)
        .join(requester, requester.id == HelpRequest.requester_id)
        .where(
            Match.status == "proposed",
            HelpRequest.status == "open",
            or_(
                and_(Match.origin == "invite", helper.phone_e164 == number),
                and_(Match.origin == "volunteer", requester.phone_e164 == number),
            ),
        )
        .order_by(Match.created_at.desc(), Match.id.desc())
        .limit(1)
    )


def answering(match: Match) -> User:
    """Who the question was put to: the invited helper, or the requester offered help."""
    return match.helper if match.origin == "invite" else match.request.requester


def answer(provider_id, msisdn, text: str, keyword: str = "") -> SmsAnswer:
    """Act on an SMS a helper sent, once per provider id; what it came to is its outcome."""
    provider_id, number = str(provider_id or "").strip()[:64], phones.from_msisdn(msisdn)
    text = text if isinstance(text, str) else ""
    if not provider_id or not number:
        raise Invalid("error.sms_message_incomplete")
    seen = db.session.scalar(select(SmsAnswer).where(SmsAnswer.provider_id == provider_id))
    if seen is not None:
        return seen  # the provider sent it again: it was answered the first time
    record = SmsAnswer(provider_id=provider_id, sender=number, text=(text or "")[:1000])
    try:
        with db.session.begin_nested():
            record.outcome = "received"
            db.session.add(record)
    except IntegrityError:  # the same SMS, handled by another request just now
        return db.session.scalar(select(SmsAnswer).where(SmsAnswer.provider_id == provider_id))
    _act(record, text, keyword)
    return record


def _act(record: SmsAnswer, text: str, keyword: str) -> None:
    match = latest_question(record.sender)
    person = answering(match) if match else _someone_with(record.sender)
    if person is None:
        record.outcome = "unknown_sender"  # answering strangers would cost, and invite abuse
        return
    record.user_id, record.match_id = person.id, match.id if match else None
    said = meaning(text, keyword)
    if match is None:
        record.outcome = "no_invitation"
        _tell(person, "no_invitation", record)
        return
    category = category_phrase(match.request.category)
    offered = match.origin == "volunteer"  # the requester answers a neighbour's offer
    if said is None:
        record.outcome = "unclear"
        _tell(person, "offer_unclear" if offered else "unclear", record, category=category)
    elif said:
        matches.accept(person, match)
        record.outcome = "accepted"
        other = match.helper if offered else match.request.requester
        contact = matches.contact_of(other)
        _tell(person, "offer_accepted" if offered else "accepted", record,
              name=person.name.split()[0], category=category, requester=other.name,
              helper=other.name, phone=contact["phone"] or "-")  # fmt: skip
    else:
        matches.decline(person, match)
        record.outcome = "declined"
        _tell(person, "offer_declined" if offered else "declined", record, category=category)


def _someone_with(number: str) -> User | None:
    return db.session.scalar(select(User).where(User.phone_e164 == number).order_by(User.id))


def _tell(person: User, outcome: str, record: SmsAnswer, **params) -> None:
    """The answer SMS (kind sms.<outcome>: it goes back by SMS, whatever they chose)."""
    notifications.notify(
        person, f"sms.{outcome}", dedupe_key=f"sms-answer:{record.provider_id}", **params
    )
