"""The SMS provider's delivery reports (a webhook: signed by the provider, no one signs in)."""

from circles.core.api import Blueprint
from circles.core.types import utcnow
from circles.notify import receipts
from circles.notify.api.sms.schemas import ReceiptAnswerSchema
from circles.notify.webhooks import SIGNED, provider_claims

blp = Blueprint("sms_receipts", __name__, url_prefix="/sms", description="SMS provider webhooks")


@blp.route("/receipts", methods=["POST"])
@blp.doc(**SIGNED)
@blp.response(200, ReceiptAnswerSchema)
def receipt():
    """A delivery report for an SMS we sent (the SMS provider, signed)."""
    found = receipts.record(provider_claims(), utcnow())
    return {"known": found is not None}
