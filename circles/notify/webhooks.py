"""The SMS provider's webhooks: who signed them, and how the API documents the signature.

Shared by the delivery reports (notify) and the incoming answers (help); a route module never
imports another.
"""

from flask import current_app, request

from circles.core.errors import Forbidden, Unauthorized
from circles.notify import sms

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
    ],
    # No one signs in, but provider_claims refuses: 401 without a signature, 403 for a false one.
    "responses": {"401": "UNAUTHORIZED", "403": "FORBIDDEN"},
}


def provider_claims() -> dict:
    """What the provider says, from the signed token: 401 without one, 403 for a false one."""
    try:
        return sms.verified_claims(current_app.config, request.headers.get(sms.SIGNATURE_HEADER))
    except sms.WebhookRefused as refused:
        error = Unauthorized if refused.status == 401 else Forbidden
        raise error(REFUSALS[refused.status]) from None
