"""Real local servers for delivery tests: an SMTP server (aiosmtpd), a Web Push service
that decrypts what it receives, with a browser that subscribes to it, and an SMS provider that
answers like GatewayAPI and calls the app's webhooks as it would; each on a free port."""

import asyncio
import base64
import itertools
import json
import os
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
import pytest
from aiosmtpd.smtp import SMTP
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from circles.notify.sms import SIGNATURE_HEADER, signed


def b64url(raw: bytes) -> str:
    """base64url without padding, as Web Push writes keys."""
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    """The bytes of base64url text, padded or not."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class MailServer:
    """An SMTP server that keeps every message it accepts, with its envelope recipients.

    connections counts the SMTP sessions opened to it; refuse names mailboxes it has not.
    hold_next makes it keep the next message's sender waiting for the answer to DATA (held is
    set then) until release is set; it then refuses that message, as a server does whose
    client hung up before the answer (or, with accept_held, takes it: it was only slow).
    """

    port: int = 0
    received: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    connections: int = 0
    hold_next: bool = False
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    refuse: set[str] = field(default_factory=set)  # addresses it answers 550 to
    accept_held: bool = False  # a slow server after all, not a lost client

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        """Take the recipient, unless it is one to refuse."""
        if address in self.refuse:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        """Keep the message; 250 tells the sender it is ours now."""
        if self.hold_next:
            self.hold_next = False
            self.held.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            if not self.accept_held:
                return "451 4.4.2 connection lost before the message was taken"
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.received.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def session(self, loop) -> SMTP:
        """A new SMTP session, counted."""
        self.connections += 1
        return SMTP(self, loop=loop)


@pytest.fixture
def smtp_server():
    """A real SMTP server on a free port, in a thread of its own."""
    mail = MailServer()
    # The loop is made and run only in its own thread: the browser tests leave a loop running in
    # the main thread (Playwright's), and asyncio refuses to run a second one there.
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    create = loop.create_server(lambda: mail.session(loop), "127.0.0.1", 0)
    server = asyncio.run_coroutine_threadsafe(create, loop).result(10)
    mail.port = server.sockets[0].getsockname()[1]
    yield mail
    mail.release.set()

    async def shut_down():
        # On the loop's own thread: asyncio's Server is not thread-safe, and closing it from
        # here raced with a connection finishing there (a rare error at teardown).
        server.close()
        await server.wait_closed()

    asyncio.run_coroutine_threadsafe(shut_down(), loop).result(5)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)
    loop.close()


@pytest.fixture
def mail_settings(app, smtp_server, monkeypatch):
    """The app sends its email to the local SMTP server."""
    for key, value in {
        "CIRCLES_SMTP_HOST": "127.0.0.1",
        "CIRCLES_SMTP_PORT": smtp_server.port,
        "CIRCLES_SMTP_STARTTLS": False,
        "CIRCLES_SMTP_FROM": "Circles <circles@example.dk>",
        "CIRCLES_BASE_URL": "https://circles.example.dk",
    }.items():
        monkeypatch.setitem(app.config, key, value)
    return smtp_server


class Browser:
    """A browser's side of Web Push: its own key pair and auth secret, and what it decrypts."""

    def __init__(self, endpoint: str):
        self.endpoint = endpoint
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.auth = os.urandom(16)

    def subscription(self) -> dict:
        """What PushSubscription.toJSON() gives the page."""
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        keys = {"p256dh": b64url(point), "auth": b64url(self.auth)}
        return {"endpoint": self.endpoint, "expirationTime": None, "keys": keys}

    def decrypt(self, body: bytes) -> dict:
        """The message, decrypted as the browser would (RFC 8291, aes128gcm)."""
        plain = http_ece.decrypt(
            body, private_key=self.private_key, auth_secret=self.auth, version="aes128gcm"
        )
        return json.loads(plain)


def vapid_public_key(authorization: str) -> str:
    """Check the VAPID JWT's ES256 signature; the server key it was signed with (k=)."""
    parts = dict(
        part.strip().split("=", 1) for part in authorization.removeprefix("vapid ").split(",")
    )
    signing_input, _, signature = parts["t"].rpartition(".")
    raw = unb64url(signature)
    key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(parts["k"]))
    der = encode_dss_signature(int.from_bytes(raw[:32]), int.from_bytes(raw[32:]))
    key.verify(der, signing_input.encode(), ec.ECDSA(hashes.SHA256()))
    return parts["k"]


@dataclass
class PushService:
    """A push service: it takes encrypted messages for its browsers' endpoints."""

    url: str = ""
    received: list[dict] = field(default_factory=list)
    answers: dict[str, int] = field(default_factory=dict)  # path -> status, 201 unless told

    def browser(self, name: str) -> Browser:
        """A new browser subscribed at this service."""
        return Browser(f"{self.url}/push/{name}")


@pytest.fixture
def push_service():
    """A local push service on a free port; it decrypts nothing itself (browsers do)."""
    service = PushService()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers["Content-Length"]))
            status = service.answers.get(self.path, 201)
            headers = {name.lower(): value for name, value in self.headers.items()}
            service.received.append({"path": self.path, "headers": headers, "body": body})
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    service.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield service
    server.shutdown()
    server.server_close()
    thread.join(5)


SMS_TOKEN = "gatewayapi-test-token"
SMS_WEBHOOK_SECRET = "webhook-secret-shared-with-the-provider"


@dataclass
class SmsProvider:
    """An SMS provider speaking GatewayAPI's REST API: it keeps each SMS it is given.

    sent holds {"auth", "body"} per POST /rest/mtsms; fail_with makes it answer that status.
    hold_next keeps the next sender waiting for its answer (held is set then) until release is
    set; the SMS is taken all the same, as a provider does whose client hung up too early.
    It also makes the calls GatewayAPI makes to the app: delivery reports and incoming SMS,
    each signed with the webhook secret (a JWT in X-Gwapi-Signature).
    """

    url: str = ""
    sent: list[dict] = field(default_factory=list)
    fail_with: int | None = None
    connections: set = field(default_factory=set)
    ids: itertools.count = field(default_factory=lambda: itertools.count(4_000_001))
    hold_next: bool = False
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    def texts_to(self, msisdn: int) -> list[str]:
        """The messages sent to one number (as digits: 4520123456)."""
        return [
            s["body"]["message"]
            for s in self.sent
            if any(r["msisdn"] == msisdn for r in s["body"]["recipients"])
        ]

    def report(self, client, message_id, status: str, secret: str = SMS_WEBHOOK_SECRET):
        """Call the app's delivery-report webhook about one SMS, as the provider does."""
        claims = {"id": int(message_id), "msisdn": 4520123456, "time": 1764936000}
        claims |= {"status": status, "error": None, "code": None, "country_code": "DK"}
        return client.post(
            "/api/v1/sms/receipts", json=claims, headers={SIGNATURE_HEADER: signed(claims, secret)}
        )

    def receive(self, client, msisdn: int, text: str, message_id=None, secret=SMS_WEBHOOK_SECRET):
        """Hand the app an SMS someone sent us (MO), as the provider's webhook does."""
        claims = {"id": message_id or next(self.ids), "msisdn": msisdn, "receiver": 4512345678}
        claims |= {"message": text, "senttime": 1764936000, "webhook_label": "circles"}
        return client.post(
            "/api/v1/sms/inbound", json=claims, headers={SIGNATURE_HEADER: signed(claims, secret)}
        )


@pytest.fixture
def sms_provider():
    """A local SMS provider on a free port, answering POST /rest/mtsms as GatewayAPI does."""
    provider = SmsProvider()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as the real provider offers

        def do_POST(self):  # noqa: N802 (http.server's name)
            provider.connections.add(self.client_address)
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if self.path != "/rest/mtsms":
                return self.answer(404, {"message": "no such resource"})
            auth = self.headers.get("Authorization", "")
            if auth != "Basic " + base64.b64encode(f"{SMS_TOKEN}:".encode()).decode():
                return self.answer(401, {"code": "0x0213", "message": "Unauthorized"})
            if provider.fail_with:
                return self.answer(provider.fail_with, {"message": "try again later"})
            if provider.hold_next:
                provider.hold_next = False
                provider.held.set()
                provider.release.wait(60)
            ids = [next(provider.ids) for _ in body["recipients"]]
            provider.sent.append({"auth": auth, "body": body, "ids": ids})
            return self.answer(200, {"ids": ids, "usage": {"currency": "DKK", "total_cost": 0.3}})

        def answer(self, status: int, payload: dict):
            raw = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, *args):
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    provider.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield provider
    provider.release.set()
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def sms_settings(app, sms_provider, monkeypatch):
    """The app sends its SMS to the local provider and trusts webhooks signed with its secret."""
    for key, value in {
        "CIRCLES_SMS_URL": sms_provider.url,
        "CIRCLES_SMS_TOKEN": SMS_TOKEN,
        "CIRCLES_SMS_SENDER": "Circles",
        "CIRCLES_SMS_WEBHOOK_SECRET": SMS_WEBHOOK_SECRET,
    }.items():
        monkeypatch.setitem(app.config, key, value)
    return sms_provider
