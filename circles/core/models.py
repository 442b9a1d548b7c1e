"""Tables every domain shares: the audit log, idempotency records, and the scheduler's job store."""

from datetime import datetime

from sqlalchemy import (
    JSON,
    Column,
    Float,
    ForeignKey,
    LargeBinary,
    String,
    Table,
    Unicode,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles.core.types import UTCDateTime, utcnow
from circles.extensions import db


class AuditEntry(db.Model):
    """One act of an organizer, admin or staff member; never edited, never deleted."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(60), index=True)
    circle_id: Mapped[int | None] = mapped_column(ForeignKey("circles.id"), index=True)
    # The member this was done for or to (an act on their behalf, an approval, a warning).
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    target_type: Mapped[str | None] = mapped_column(String(40))
    target_id: Mapped[int | None]
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    # Named, not imported: core imports no domain; the shared registry finds accounts' User.
    actor = relationship("User", foreign_keys=[actor_id])
    subject = relationship("User", foreign_keys=[subject_id])


class IdempotencyRecord(db.Model):
    """The first answer to (who, key, route); a retry gets it again instead of a new thing."""

    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("user_id", "key", "route"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(200))
    route: Mapped[str] = mapped_column(String(300))
    # SHA-256 of the first call's method, path and body: the key is good for that call only.
    request_hash: Mapped[str | None] = mapped_column(String(64))
    status_code: Mapped[int | None]
    body: Mapped[dict | list | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


# The same columns SQLAlchemyJobStore declares; it finds the table already there.
scheduler_jobs = Table(
    "apscheduler_jobs",
    db.metadata,
    Column("id", Unicode(191), primary_key=True),
    Column("next_run_time", Float(25), index=True),
    Column("job_state", LargeBinary, nullable=False),
)
