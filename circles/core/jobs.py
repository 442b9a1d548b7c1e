"""Shared housekeeping: saved answers to retried requests are forgotten after a few days."""

from datetime import datetime

from circles.core import retention
from circles.core.models import IdempotencyRecord
from circles.jobs import every


@every("retain_idempotency_records", hours=6)
def forget_idempotency_records(now: datetime) -> int:
    """Idempotency records (full answers, with names in them) older than the rule go."""
    before = retention.cutoff(now, "CIRCLES_RETAIN_IDEMPOTENCY_DAYS")
    if before is None:
        return 0
    return retention.purge(IdempotencyRecord, IdempotencyRecord.created_at < before)
