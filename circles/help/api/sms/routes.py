"""Incoming SMS from the provider (a webhook: signed by the provider, no one signs in)."""

from flask import current_app

from circles.core.api import Blueprint
from circles.help import sms_answers
from circles.notify.api.sms.schemas import InboundAnswerSchema
from circles.notify.webhooks import SIGNED, provider_claims

blp = Blueprint("sms_inbound", __name__, url_prefix="/sms", description="SMS provider webhooks")


@blp.route("/inbound", methods=["POST"])
@blp.doc(**SIGNED)
@blp.response(200, InboundAnswerSchema)
def inbound():
    """An SMS someone sent us: JA or NEJ to an invitation or a neighbour's offer (signed)."""
    claims = provider_claims()
    keyword = current_app.config["CIRCLES_SMS_KEYWORD"]
    sender, text = claims.get("msisdn"), claims.get("message")
    found = sms_answers.answer(claims.get("id"), sender, text, keyword)
    return {"outcome": found.outcome}
