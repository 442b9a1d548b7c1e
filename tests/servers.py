"""Real local servers for delivery tests: an SMTP server (aiosmtpd) and a Web Push service
that decrypts what it receives, each on a free port, with a browser that subscribes to it."""

import asyncio
import base64
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


def b64url(raw: bytes) -> str:
    """base64url without padding, as Web Push writes keys."""
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    """The bytes of base64url text, padded or not."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class MailServer:
    """An SMTP server that keeps every message it accepts, with its envelope recipients."""

    port: int = 0
    received: list[tuple[list[str], EmailMessage]] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        """Keep the message; 250 tells the sender it is ours now."""
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.received.append((list(envelope.rcpt_tos), message))
        return "250 OK"


@pytest.fixture
def smtp_server():
    """A real SMTP server on a free port, in a thread of its own."""
    mail = MailServer()
    # The loop is made and run only in its own thread: the browser tests leave a loop running in
    # the main thread (Playwright's), and asyncio refuses to run a second one there.
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    create = loop.create_server(lambda: SMTP(mail, loop=loop), "127.0.0.1", 0)
    server = asyncio.run_coroutine_threadsafe(create, loop).result(10)
    mail.port = server.sockets[0].getsockname()[1]
    yield mail

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
