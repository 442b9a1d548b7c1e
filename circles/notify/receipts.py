"""Delivery reports from the SMS provider: each one updates the delivery it is about."""

from datetime import datetime

from sqlalchemy import select

from circles.core.errors import Invalid
from circles.extensions import db
from circles.notify.channels import SMS_ANSWER, plan_call
from circles.notify.models import Delivery

# Final reports that mean the SMS never reached the phone (GatewayAPI's names).
NEVER_ARRIVED = {"EXPIRED", "UNDELIVERABLE", "REJECTED", "DELETED"}
FINAL = NEVER_ARRIVED | {"DELIVERED"}


def record(claims: dict, now: datetime) -> Delivery | None:
    """Note the report on its SMS; None if no SMS of ours has that id (nothing to change).

    An SMS that never arrived is failed, and its message goes on the organizers' call list.
    Reports may come twice or late: a final one is not overwritten by an earlier stage.
    """
    provider_id = str(claims.get("id") or "").strip()[:64]
    status = str(claims.get("status") or "").strip().upper()[:20]
    if not provider_id or not status:
        raise Invalid("error.sms_report_incomplete")
    delivery = db.session.scalar(
        select(Delivery).where(Delivery.channel == "sms", Delivery.provider_id == provider_id)
    )
    if delivery is None:
        return None
    if delivery.receipt in FINAL and status not in FINAL:
        return delivery
    delivery.receipt, delivery.receipt_at = status, now
    if status in NEVER_ARRIVED and delivery.status != "failed":
        error = str(claims.get("error") or "")
        delivery.status, delivery.last_error = "failed", f"{status} {error}".strip()[:1000]
        if not delivery.notification.kind.startswith(SMS_ANSWER):
            plan_call(delivery.notification_id)
    return delivery
