"""People and their sign-in tokens."""

from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import JSON, BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from circles.core import phones
from circles.core.types import UTCDateTime, utcnow
from circles.extensions import db

# postcode: the postal district's centre; address: a geocoded street address; map: a point an
# organizer set; device: the phone's location.
LOCATION_SOURCES = ("postcode", "address", "map", "device")


class User(UserMixin, db.Model):
    """A person: member, helper, organizer, municipal staff or admin, by their roles."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    # When the person showed the email is theirs; until then no email is sent to it.
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date | None]
    phone: Mapped[str | None] = mapped_column(String(40))
    # The same number in E.164 (+4586123456), kept in step with phone: finds who sent an SMS.
    phone_e164: Mapped[str | None] = mapped_column(String(16), index=True)
    address: Mapped[str | None] = mapped_column(String(300))
    postcode: Mapped[str | None] = mapped_column(String(4))
    place_name: Mapped[str | None] = mapped_column(String(100))
    # Exact home location: used for distances, never shown to other members.
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    # How the point was found (LOCATION_SOURCES): a postcode's centre says nothing of distances.
    location_source: Mapped[str | None] = mapped_column(String(10))
    language: Mapped[str] = mapped_column(String(2), default="da")
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Copenhagen")
    text_size: Mapped[int] = mapped_column(default=100)
    skills: Mapped[list] = mapped_column(JSON, default=list)
    experiences: Mapped[list] = mapped_column(JSON, default=list)
    experiences_consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Consent to the quarterly loneliness check-in; None when never given or withdrawn.
    checkin_consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    availability: Mapped[list] = mapped_column(JSON, default=list)
    travel_km: Mapped[float] = mapped_column(default=2.0)
    contact_channels: Mapped[list] = mapped_column(JSON, default=lambda: ["app"])
    # How the person wants their own notifications: inapp, email, push, sms (see notify.delivery).
    notify_by: Mapped[list] = mapped_column(JSON, default=lambda: ["inapp"])
    weekly_digest: Mapped[bool] = mapped_column(default=False)
    is_admin: Mapped[bool] = mapped_column(default=False)
    # Two-factor sign-in (TOTP): the shared secret, and when the person proved they hold it.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The 30-second time step of the last code accepted: a code at or before it is refused.
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_active_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    memberships: Mapped[list["Membership"]] = relationship(  # noqa: F821
        back_populates="user", foreign_keys="Membership.user_id"
    )

    @validates("phone")
    def _phone_in_e164_too(self, key: str, value: str | None) -> str | None:
        """However the phone is written, phone_e164 holds it in one form (None if not a number)."""
        self.phone_e164 = phones.e164(value)
        return value

    @property
    def is_active(self) -> bool:
        """Flask-Login refuses suspended accounts."""
        return self.active

    def get_id(self) -> str:
        """What Flask-Login keeps in the cookies: this sign-in's session secret, never the id.

        A secret per sign-in means one device can be signed out without the others, and a
        copied cookie dies with its session (see accounts.sessions).
        """
        token = getattr(self, "session_token", None)
        if not token:
            raise RuntimeError("sign in through accounts.sessions.sign_in")
        return token

    @property
    def has_location(self) -> bool:
        """Whether distances can be worked out for this person."""
        return self.latitude is not None and self.longitude is not None

    @property
    def knows_exact_place(self) -> bool:
        """Whether the home point is the person's own, not their postcode's centre."""
        return self.has_location and self.location_source != "postcode"

    def __repr__(self) -> str:
        return f"<User {self.id}>"


class ApiToken(db.Model):
    """A bearer token for a phone app or script; only its hash is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # None for tokens made before tokens expired: they expire when unused for a while.
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()


class UserSession(db.Model):
    """One signed-in browser or device; only the hash of its secret is kept.

    The secret rides in the session cookie (and the remember cookie, when chosen), so ending
    the row ends both, wherever a copy of them went.
    """

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    device: Mapped[str] = mapped_column(String(200), default="")
    remember: Mapped[bool] = mapped_column(default=False)
    # Organizers, staff and admins: such a session ends when left idle (see sessions.alive).
    privileged: Mapped[bool] = mapped_column(default=False)
    # Signed in with a printed card: member rights only, and only while the person has no
    # password and no role (see accounts.cards.may_use_card).
    by_card: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()


class OneTimeSecret(db.Model):
    """A single-use secret sent to a person: a password-reset link, an email-confirmation link
    or an SMS sign-in code. Only its hash is kept; it expires, and a code allows a few tries.
    """

    __tablename__ = "one_time_secrets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))  # password_reset, confirm_email, sms_code
    secret_hash: Mapped[str] = mapped_column(String(64), index=True)
    # The address being confirmed: a link for an old address must not confirm a new one.
    sent_to: Mapped[str | None] = mapped_column(String(254))
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()


class RecoveryCode(db.Model):
    """A single-use code that stands in for the authenticator app once; only its hash is kept."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SignInCard(db.Model):
    """A printed card whose QR code signs a member in on a new phone or tablet, once.

    Only the code's hash is kept; printing a new card revokes the one before.
    """

    __tablename__ = "sign_in_cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class LocationChange(db.Model):
    """That a person's home moved, and when: only to limit how often (never where to)."""

    __tablename__ = "location_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Consent(db.Model):
    """One consent given or withdrawn, with its time: the member's consent history."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # experiences | checkins
    given: Mapped[bool]
    # Who recorded it when not the member: an organizer on the phone.
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RelativeLink(db.Model):
    """A relative or friend who may help one member (pårørende): invited by name and email or
    phone, active once the member has said yes and the invited person has accepted, until ended.
    """

    __tablename__ = "relatives"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The relative's own account, from when they accept.
    relative_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    phone_e164: Mapped[str | None] = mapped_column(String(16), index=True)
    # The member's yes: in the app, or to an organizer on the phone (then recorded_by and logged).
    member_said_yes_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    member: Mapped[User] = relationship(foreign_keys=[member_id])
    relative: Mapped[User | None] = relationship(foreign_keys=[relative_id])

    @property
    def status(self) -> str:
        """invited, active or ended."""
        if self.ended_at is not None:
            return "ended"
        return "active" if self.accepted_at is not None else "invited"
