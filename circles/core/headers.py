"""Security headers on every response: what the browser may load, frame, sniff and send along."""

from functools import lru_cache
from urllib.parse import urlsplit

from flask import Flask, current_app, request

# Swagger UI's page starts itself with an inline script; only that page may run one.
DOCS_PATH = "/api/docs"
# Files a page loads, not documents: the headers that govern a document (its policy, framing,
# referrer, opener, permissions) do nothing on them, but weigh on every file of a first load.
SUBRESOURCE_TYPES = {"text/javascript", "text/css", "image/png", "application/manifest+json"}


def content_security_policy(tile_url: str, docs: bool, script_hashes=()) -> str:
    """Scripts, styles and connections from this origin only; map tiles from the tile server;
    inline scripts only those whose hash is given (the app page's import map)."""
    tiles = ""
    if tile_url:
        parts = urlsplit(tile_url)  # Leaflet's {s} (a, b, c) subdomains become a wildcard
        tiles = f" {parts.scheme}://{parts.netloc.replace('{s}', '*')}"
    inline = " 'unsafe-inline'" if docs else ""
    hashes = "".join(f" {h}" for h in script_hashes)
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self'{inline}{hashes}",
            f"style-src 'self'{inline}",
            f"img-src 'self' data: blob:{tiles}",
            "connect-src 'self'",
            "font-src 'self'",
            "manifest-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def add_security_headers(response):
    """Every response, API or page: no framing, no sniffing, no referrer to other sites."""
    config = current_app.config
    written = [("X-Content-Type-Options", "nosniff")]
    # A service worker's script is a document of its own: its policy governs the worker.
    worker = request.headers.get("Service-Worker") == "script" or request.path == "/sw.js"
    if response.mimetype not in SUBRESOURCE_TYPES or worker:
        docs = request.path.rstrip("/") == DOCS_PATH
        secure = config["SESSION_COOKIE_SECURE"]
        written += document_headers(config["CIRCLES_TILE_URL"], docs, secure)
    add_missing(response.headers, written)
    return response


def add_missing(headers, pairs) -> None:
    """Add the headers the response does not set itself (a view may set its own policy).

    One pass over the response's headers: werkzeug's setdefault raises and catches a KeyError
    inside for each header it then adds."""
    present = {name.lower() for name, _ in headers}
    headers.extend([(name, value) for name, value in pairs if name.lower() not in present])


@lru_cache(maxsize=8)
def document_headers(tile_url: str, docs: bool, secure: bool) -> tuple[tuple[str, str], ...]:
    """The headers that govern a document, written once for each setting rather than per answer."""
    written = [
        ("Content-Security-Policy", content_security_policy(tile_url, docs)),
        ("X-Frame-Options", "DENY"),  # for browsers without frame-ancestors
        ("Referrer-Policy", "same-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=(self), payment=()"),
    ]
    if secure:
        written.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))
    return tuple(written)


def init_headers(app: Flask) -> None:
    """Hook the headers into every response."""
    app.after_request(add_security_headers)
