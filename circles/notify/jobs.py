"""Send notifications by email, Web Push and SMS, to the members who chose those channels;
forget old notifications and deliveries by the retention rules."""

from datetime import datetime

from sqlalchemy import delete

from circles.core import retention
from circles.extensions import db
from circles.jobs import every
from circles.notify import delivery
from circles.notify.models import Delivery, Notification


@every("deliver_pending", seconds=20)
def deliver_pending(now: datetime) -> int:
    """Send every email, push and SMS that is due; how many went out."""
    return delivery.deliver_pending(now)


# A delivery in these states is finished: nothing will send it again.
FINISHED = ("sent", "failed", "skipped", "over_cap")


def _deliveries_of(notification_ids: list[int]) -> None:
    """SQLite does not cascade: a notification's deliveries go first."""
    db.session.execute(delete(Delivery).where(Delivery.notification_id.in_(notification_ids)))


@every("retain_notifications", hours=24)
def forget_old_notifications(now: datetime) -> int:
    """Notifications (and their deliveries) older than the rule go, read or not."""
    before = retention.cutoff(now, "CIRCLES_RETAIN_NOTIFICATIONS_DAYS")
    if before is None:
        return 0
    old = Notification.created_at < before
    return retention.purge(Notification, old, before_each=_deliveries_of)


@every("retain_deliveries", hours=24)
def forget_finished_deliveries(now: datetime) -> int:
    """Finished deliveries (errors and receipts included) older than the rule go."""
    before = retention.cutoff(now, "CIRCLES_RETAIN_DELIVERIES_DAYS")
    if before is None:
        return 0
    finished = (Delivery.status.in_(FINISHED), Delivery.next_attempt_at < before)
    return retention.purge(Delivery, *finished)
