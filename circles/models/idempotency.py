"""Remembered answers to POSTs sent with an Idempotency-Key."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from circles.extensions import db
from circles.models.types import UTCDateTime, utcnow


class IdempotencyRecord(db.Model):
    """The first answer to (who, key, route); a retry gets it again instead of a new thing."""

    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("user_id", "key", "route"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(200))
    route: Mapped[str] = mapped_column(String(300))
    status_code: Mapped[int | None]
    body: Mapped[dict | list | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
