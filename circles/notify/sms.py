"""SMS through a provider's HTTP API, shaped after GatewayAPI: sending, and checking its webhooks.

Settings: CIRCLES_SMS_URL (no URL: no SMS), CIRCLES_SMS_TOKEN, CIRCLES_SMS_SENDER. The
provider's webhooks (delivery reports, incoming SMS) carry a JWT signed with HS256 and
CIRCLES_SMS_WEBHOOK_SECRET in the X-Gwapi-Signature header; its claims are the report itself.
send() is all another feature needs to send a text (a sign-in code, say).
"""

import base64
import hashlib
import hmac
import json
import threading

import requests

from circles.core import phones

SIGNATURE_HEADER = "X-Gwapi-Signature"
TIMEOUT_SECONDS = 20

_local = threading.local()


class WebhookRefused(Exception):
    """A webhook call that cannot be shown to come from the provider; status is 401 or 403."""

    def __init__(self, status: int):
        super().__init__(status)
        self.status = status


def configured(config) -> bool:
    """Whether an SMS provider is set up."""
    return bool(config["CIRCLES_SMS_URL"])


def _session() -> requests.Session:
    """One HTTP session per thread: its pool keeps the connection to the provider open."""
    if getattr(_local, "session", None) is None:
        _local.session = requests.Session()
    return _local.session


def send(config, to: str, text: str, reference: str | None = None) -> str:
    """Send text to one E.164 number; the provider's message id. Raises if it was not taken.

    reference comes back in the provider's delivery reports.
    """
    body = {
        "sender": config["CIRCLES_SMS_SENDER"],
        "message": text,
        "recipients": [{"msisdn": phones.msisdn(to)}],
    }
    if reference:
        body["userref"] = reference
    response = _session().post(
        config["CIRCLES_SMS_URL"].rstrip("/") + "/rest/mtsms",
        json=body,
        auth=(config["CIRCLES_SMS_TOKEN"], ""),  # the API token as user name, no password
        timeout=TIMEOUT_SECONDS,
    )
    response.raise_for_status()
    return str(response.json()["ids"][0])


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def verified_claims(config, token: str | None) -> dict:
    """The claims of the webhook's JWT when the secret signed it; else WebhookRefused.

    401 without a token, 403 with one that the secret did not sign (or no secret is set:
    then nothing can be shown to come from the provider).
    """
    if not token:
        raise WebhookRefused(401)
    secret = config["CIRCLES_SMS_WEBHOOK_SECRET"]
    try:
        header, payload, signature = token.split(".")
        algorithm = json.loads(_unb64(header)).get("alg")
        expected = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256)
        given = _unb64(signature)
        claims = json.loads(_unb64(payload))
    except (ValueError, TypeError, AttributeError) as error:
        raise WebhookRefused(403) from error
    # Only HS256: a token naming "none" or another algorithm must not choose how it is checked.
    if not secret or algorithm != "HS256" or not hmac.compare_digest(expected.digest(), given):
        raise WebhookRefused(403)
    if not isinstance(claims, dict):
        raise WebhookRefused(403)
    return claims


def signed(claims: dict, secret: str) -> str:
    """A JWT (HS256) of the claims, as the provider signs its webhooks; for tests and tools."""

    def b64(raw: bytes) -> str:
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    header = b64(json.dumps({"typ": "JWT", "alg": "HS256"}).encode())
    payload = b64(json.dumps(claims).encode())
    mac = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256)
    return f"{header}.{payload}.{b64(mac.digest())}"
