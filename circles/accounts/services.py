"""Accounts: registration, passwords, bearer tokens and the member's own profile."""

import hashlib
import secrets
from datetime import date, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Select, bindparam, select, update

from circles.accounts import consents, moves
from circles.accounts.models import ApiToken, User
from circles.core import geo, vocabulary
from circles.core.errors import Conflict, Invalid, NotFound
from circles.core.types import utcnow
from circles.extensions import db

hasher = PasswordHasher()
# Verified against when the email is unknown, so that timing does not reveal who has an account.
_DUMMY_HASH = hasher.hash("not a real password")
# A token's last_used_at is written at most this often.
TOKEN_SEEN_EVERY = timedelta(minutes=1)


def normalise_email(email: str) -> str:
    """Emails compare case-insensitively."""
    return email.strip().lower()


def find_by_email(email: str) -> User | None:
    """The account with this email, if any."""
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def set_password(user: User, password: str) -> None:
    """Store an argon2 hash of the password."""
    user.password_hash = hasher.hash(password)


def password_is(user: User, password: str) -> bool:
    """Whether this is the person's current password."""
    try:
        return bool(user.password_hash) and hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def authenticate(email: str, password: str) -> User | None:
    """The active account whose password this is, or None."""
    user = find_by_email(email)
    try:
        hasher.verify(user.password_hash if user and user.password_hash else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if hasher.check_needs_rehash(user.password_hash):
        set_password(user, password)
        db.session.flush()
    return user


def age_on(birth_date: date, day: date) -> int:
    """Whole years between birth and day."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def place_home(user: User, *, postcode=None, latitude=None, longitude=None, source="device"):
    """Set where the person lives, from coordinates (found by source) or a postcode's centre.

    A postcode alone gives the district's centre, marked as such: distances from it mean nothing.
    """
    if latitude is not None and longitude is not None:
        user.latitude, user.longitude, user.location_source = latitude, longitude, source
        if postcode is None:
            user.postcode = None
            user.place_name = None
    if postcode is not None:
        place = geo.postcode_place(postcode)
        if place is None:
            raise Invalid("error.unknown_postcode", field="postcode", postcode=postcode)
        user.postcode = postcode
        user.place_name = place.name
        if latitude is None:
            user.latitude, user.longitude = place.latitude, place.longitude
            user.location_source = "postcode"


def locate_address(user: User, address: str, find_address) -> bool:
    """Move the home to the street address; an address nobody can find is refused.

    False when the geocoder did not answer: the home stays where it was.
    """
    try:
        place = find_address(address)
    except geo.GeocoderUnavailable:
        return False  # the address is still saved; distances keep using the postcode
    if place is None:
        raise Invalid("error.address_not_found", field="address")
    user.latitude, user.longitude, user.location_source = place.latitude, place.longitude, "address"
    return True


def register(*, email: str, password: str, name: str, birth_date: date, **profile) -> User:
    """A new account; the email must be free."""
    if find_by_email(email):
        raise Conflict("error.email_taken", field="email")
    user = User(email=normalise_email(email), name=name.strip(), birth_date=birth_date)
    set_password(user, password)
    update_profile(user, profile)
    db.session.add(user)
    db.session.flush()
    return user


def update_profile(user: User, changes: dict, find_address=None) -> User:
    """Apply validated profile changes; location fields, or a found street address, move the home.

    find_address: geo.address_finder(...) when a geocoder is configured, else None.
    """
    location = {k: changes.pop(k) for k in ("postcode", "latitude", "longitude") if k in changes}
    before = (user.latitude, user.longitude)
    if location:
        place_home(user, **location)
    elif changes.get("address") and find_address is not None:
        locate_address(user, changes["address"], find_address)
    if user.id is not None and before != (user.latitude, user.longitude):
        moves.note_move(user)  # a new vantage point; a few a day at most
    if "experiences_consent" in changes:
        consents.set_consent(user, "experiences", changes.pop("experiences_consent"))
    if changes.get("experiences") and not user.experiences_consent_at:
        raise Invalid("error.experiences_need_consent", field="experiences")
    if changes.get("experiences") == []:  # emptying the list is withdrawing the consent
        consents.set_consent(user, "experiences", False)
    if "email" in changes:
        change_email(user, changes.pop("email"))
    if "phone" in changes:  # before notify_by, which may ask for SMS to this very number
        user.phone = changes.pop("phone")
        if not user.phone_e164 and "sms" in (user.notify_by or []):
            # No number left to send to: SMS stops rather than failing silently.
            user.notify_by = [channel for channel in user.notify_by if channel != "sms"]
    if "notify_by" in changes:
        changes["notify_by"] = notify_by(user, changes["notify_by"])
    if "checkin_consent" in changes:
        consents.set_consent(user, "checkins", changes.pop("checkin_consent"))
    for key, value in changes.items():
        setattr(user, key, value)
    return user


def change_email(user: User, email: str) -> None:
    """A new address, unconfirmed until the person follows the link sent to it."""
    email = normalise_email(email)
    if email == user.email:
        return
    if find_by_email(email):
        raise Conflict("error.email_taken", field="email")
    user.email, user.email_confirmed_at = email, None


def notify_by(user: User, chosen: list[str]) -> list[str]:
    """The person's notification channels in a fixed order; email needs an address, SMS a phone."""
    if "email" in chosen and not user.email:
        raise Invalid("error.notify_by_email_needs_address", field="notify_by")
    if "sms" in chosen and not user.phone_e164:
        raise Invalid("error.notify_by_sms_needs_phone", field="notify_by")
    return [channel for channel in vocabulary.NOTIFY_CHANNELS if channel in chosen]


def secret_hash(token: str) -> str:
    """A secret (bearer token, sign-in card code) as kept in the database: its SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: User, name: str = "", days: int = 365) -> tuple[ApiToken, str]:
    """A new bearer token that expires in days; the plain text is returned once, never stored."""
    plain = secrets.token_urlsafe(32)
    now = utcnow()
    token = ApiToken(
        user=user,
        token_hash=secret_hash(plain),
        name=name,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    db.session.add(token)
    db.session.flush()
    return token, plain


def user_for_token(plain: str, idle_days: int = 90) -> User | None:
    """The active account behind a live bearer token: not revoked, not expired, used lately.

    Notes when the token was used, at most once a minute so that reads stay reads.
    """
    found = db.session.execute(_token_with_user(), {"token_hash": secret_hash(plain)}).first()
    now = utcnow()
    if found is None or not found.User.active:
        return None
    if found.expires_at is not None and found.expires_at <= now:
        return None
    if now - (found.last_used_at or found.created_at) > timedelta(days=idle_days):
        return None
    if found.last_used_at is None or now - found.last_used_at > TOKEN_SEEN_EVERY:
        db.session.execute(_token_seen(), {"token_id": found.id, "now": now})
    return found.User


@cache
def _token_with_user() -> Select:
    """A live token by :token_hash: its user, and of the token only what says it is live.
    Built once: every signed-in call of an app runs it, and building it anew cost as much as
    running it. The token is read as columns, not an object: loading it cost 4% of the
    instructions of a signed-in call."""
    return (
        select(User, ApiToken.id, ApiToken.created_at, ApiToken.last_used_at, ApiToken.expires_at)
        .join(ApiToken, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == bindparam("token_hash"), ApiToken.revoked_at.is_(None))
    )


@cache
def _token_seen():
    """Note :now as the last use of token :token_id."""
    return (
        update(ApiToken)
        .where(ApiToken.id == bindparam("token_id"))
        .values(last_used_at=bindparam("now"))
        .execution_options(synchronize_session=False)
    )


def revoke_token(user: User, token_id: int | None = None, plain: str | None = None) -> None:
    """Revoke one of the user's own tokens, by id or by its plain text."""
    query = select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    if token_id is not None:
        query = query.where(ApiToken.id == token_id)
    else:
        query = query.where(ApiToken.token_hash == secret_hash(plain or ""))
    token = db.session.scalar(query)
    if token is None:
        raise NotFound("error.not_found")
    token.revoked_at = utcnow()
    db.session.flush()


def touch(user: User) -> None:
    """Note that the person was active now (at most once an hour, to spare the database)."""
    now = utcnow()
    if (now - user.last_active_at).total_seconds() > 3600:
        user.last_active_at = now
        db.session.flush()
