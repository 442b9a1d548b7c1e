"""The SMS provider's delivery reports (a webhook: signed by the provider, no one signs in)."""

from flask import current_app, request
from werkzeug.exceptions import abort

from circles.core.api import Blueprint
from circles.core.i18n import translate
from circles.core.types import utcnow
from circles.notify import receipts, sms
from circles.notify.api.sms.schemas import ReceiptAnswerSchema

blp = Blueprint("sms_receipts", __name__, url_prefix="/sms", description="SMS provider webhooks")

REFUSALS = {401: "error.sms_unsigned", 403: "error.sms_bad_signature"}
SIGNED = {
    "parameters": [
        {
            "in": "header",
            "name": sms.SIGNATURE_HEADER,
            "required": True,
            "schema": {"type": "string"},
            "description": "JWT (HS256) signed with CIRCLES_SMS_WEBHOOK_SECRET; its claims count",
        }
    ]
}


def provider_claims() -> dict:
    """What the provider says, from the signed token: 401 without one, 403 for a false one."""
    try:
        return sms.verified_claims(current_app.config, request.headers.get(sms.SIGNATURE_HEADER))
    except sms.WebhookRefused as refused:
        abort(refused.status, translate(REFUSALS[refused.status]))


@blp.route("/receipts", methods=["POST"])
@blp.doc(**SIGNED)
@blp.response(200, ReceiptAnswerSchema)
def receipt():
    """A delivery report for an SMS we sent (the SMS provider, signed)."""
    found = receipts.record(provider_claims(), utcnow())
    return {"known": found is not None}
