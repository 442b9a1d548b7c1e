"""Send notifications by email, Web Push and SMS, to the members who chose those channels."""

from datetime import datetime

from circles.jobs import every
from circles.notify import delivery


@every("deliver_pending", seconds=20)
def deliver_pending(now: datetime) -> int:
    """Send every email, push and SMS that is due; how many went out."""
    return delivery.deliver_pending(now)
