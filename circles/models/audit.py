"""The audit log: who did what, in which circle, and on whose behalf."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles.extensions import db
from circles.models.types import UTCDateTime, utcnow
from circles.models.users import User


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

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    subject: Mapped[User | None] = relationship(foreign_keys=[subject_id])
