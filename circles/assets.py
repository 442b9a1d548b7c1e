"""The PWA's files by content digest, compressed once: what lets a browser keep them for a year.

Every app file (but the page and the service worker) is also served under a name with its
digest, `js/app.js` as `js/app.3f2a9c81d0.js`, and that name is never reused for other bytes,
so it may be cached as immutable. The page names the digested files and maps the modules'
own imports to them with an import map; the service worker is told the same names.
Compressed bodies (brotli and gzip) are made on first serve and kept per digest.
"""

import base64
import gzip
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from threading import Lock, Thread

import brotli

# Files the page or the worker is served from and that must be fetched fresh on every visit.
UNVERSIONED = {"index.html", "sw.js"}
DIGEST_LENGTH = 10
DIGESTED = re.compile(r"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{10})(?P<suffix>\.[A-Za-z0-9]+)$")
# Compressing what is already compressed (PNG) only costs time.
COMPRESSIBLE = {".js", ".css", ".json", ".html", ".webmanifest", ".svg", ".txt"}
IMMUTABLE = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class Asset:
    """One file of the app: where it lies, its digest and its digested address."""

    path: Path
    logical: str  # "js/app.js"
    digest: str

    @property
    def url(self) -> str:
        """Its address with the digest: /js/app.3f2a9c81d0.js."""
        stem, dot, suffix = self.logical.rpartition(".")
        return f"/{stem}.{self.digest}.{suffix}" if dot else f"/{self.logical}.{self.digest}"


_lock = Lock()
_manifests: dict[Path, tuple[tuple, dict[str, Asset]]] = {}
_bodies: dict[tuple[str, str], bytes] = {}


def _signature(pwa_dir: Path) -> tuple:
    """What changes when any file changes: names, sizes and modification times."""
    files = sorted(p for p in pwa_dir.rglob("*") if p.is_file())
    return tuple((p.as_posix(), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


def manifest(pwa_dir: Path) -> dict[str, Asset]:
    """Every versioned app file by its logical path, remade only when a file changed."""
    pwa_dir = Path(pwa_dir)
    signature = _signature(pwa_dir)
    known = _manifests.get(pwa_dir)
    if known and known[0] == signature:
        return known[1]
    assets = {}
    for name, _, _ in signature:
        path = Path(name)
        logical = path.relative_to(pwa_dir).as_posix()
        if logical in UNVERSIONED:
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:DIGEST_LENGTH]
        assets[logical] = Asset(path, logical, digest)
    with _lock:
        _manifests[pwa_dir] = (signature, assets)
    return assets


def urls(pwa_dir: Path) -> dict[str, str]:
    """Each app file's plain address to its digested one: {"/js/app.js": "/js/app.3f….js"}."""
    return {f"/{a.logical}": a.url for a in manifest(pwa_dir).values()}


def find(pwa_dir: Path, path: str) -> Asset | None:
    """The app file a digested address names, if the digest is the file's current one."""
    match = DIGESTED.match(path)
    if not match:
        return None
    asset = manifest(pwa_dir).get(match["stem"] + match["suffix"])
    return asset if asset and asset.digest == match["digest"] else None


def encoding_for(accept_encoding: str) -> str | None:
    """The best encoding the client accepts: brotli, then gzip, else none."""
    offered = {
        part.split(";")[0].strip().lower()
        for part in accept_encoding.split(",")
        if not part.strip().endswith(";q=0")
    }
    return "br" if "br" in offered else "gzip" if "gzip" in offered else None


def compress(data: bytes, encoding: str, quality: int = 11) -> bytes:
    """data in the encoding; quality 11 (brotli's best) for files compressed once."""
    if encoding == "br":
        return brotli.compress(data, quality=quality)
    return gzip.compress(data, compresslevel=9 if quality > 9 else quality, mtime=0)


def body(key: str, data: bytes, encoding: str, folder: Path | None = None) -> bytes:
    """The bytes compressed once per key (a digest, or a page's text) and encoding, then kept
    in memory, and in folder when given, so other workers and restarts find them made.

    Brotli's best quality takes a tenth of a second a file on a busy machine: not something a
    member's first request should wait for (see warm)."""
    found = _bodies.get((key, encoding))
    if found is not None:
        return found
    saved = folder / f"{key}.{encoding}" if folder else None
    if saved and saved.is_file():
        found = saved.read_bytes()
    else:
        found = compress(data, encoding)
        if saved:
            saved.parent.mkdir(parents=True, exist_ok=True)
            partial = saved.with_suffix(f".{os.getpid()}.part")
            partial.write_bytes(found)
            os.replace(partial, saved)  # whole or not at all, whoever writes it first
    with _lock:
        _bodies[(key, encoding)] = found
    return found


def warm(pwa_dir: Path, folder: Path) -> None:
    """Compress every app file in both encodings ahead of its first request."""
    for asset in manifest(pwa_dir).values():
        if compressible(asset.logical):
            data = asset.path.read_bytes()
            for encoding in ("br", "gzip"):
                body(asset.digest, data, encoding, folder)


def warm_in_background(app) -> None:
    """Start warm for a served app (never under test, where files are asked for seldom)."""
    if app.testing:
        return
    folder = Path(app.instance_path) / "compressed"
    pwa_dir = Path(app.config["CIRCLES_PWA_DIR"])
    Thread(target=warm, args=(pwa_dir, folder), name="compress-app-files", daemon=True).start()


def compressible(name: str) -> bool:
    """Whether compressing the file pays (text does; PNG is compressed already)."""
    return Path(name).suffix.lower() in COMPRESSIBLE


def page(html: str, pwa_dir: Path) -> tuple[str, str]:
    """The app's page naming the digested files, and its import map's text (for the CSP hash).

    The import map sends each module's plain import ("./api.js") to the digested file; the
    page's links and preloads name the digested files directly.
    """
    addresses = urls(pwa_dir)
    # The modules, and the texts i18n.js fetches by the same map; the rest the page names itself.
    mapped = {path: url for path, url in addresses.items() if path.endswith((".js", ".json"))}
    importmap = json.dumps({"imports": mapped}, separators=(",", ":"), sort_keys=True)

    def digested(match: re.Match) -> str:
        return f'{match[1]}="{addresses.get(match[2], match[2])}"'

    html = re.sub(r'\b(href|src)="(/[^"]+)"', digested, html)
    # Before the first module (a map after it is ignored), after the charset (which must come
    # in the first 1024 bytes).
    tag = f'<script type="importmap">{importmap}</script>\n    '
    html = html.replace('<script type="module"', tag + '<script type="module"', 1)
    return html, importmap


def script_hash(text: str) -> str:
    """The CSP source that lets exactly this inline script (the import map) run."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# JSON answers smaller than this go as they are: a compressed small body saves less than the
# time it takes, and fits in one packet anyway.
DYNAMIC_MIN_BYTES = 1024
DYNAMIC_TYPES = {"application/json", "application/problem+json", "text/html", "text/csv"}


def compress_response(response):
    """Compress a dynamic answer (JSON, the organizers' pages) the client accepts compressed,
    when it is large enough to gain: brotli at a fast quality, or gzip."""
    from flask import request

    if response.mimetype not in DYNAMIC_TYPES:
        return response
    response.vary.add("Accept-Encoding")  # caches must keep each encoding apart
    if (
        response.direct_passthrough
        or response.is_streamed
        or "Content-Encoding" in response.headers
        or response.status_code < 200
        or response.status_code in (204, 304)
    ):
        return response
    encoding = encoding_for(request.headers.get("Accept-Encoding", ""))
    data = response.get_data()
    if encoding is None or len(data) < DYNAMIC_MIN_BYTES:
        return response
    response.set_data(compress(data, encoding, quality=5 if encoding == "br" else 6))
    response.headers["Content-Encoding"] = encoding
    etag, weak = response.get_etag()
    if etag:  # the compressed bytes are other bytes: a strong tag would claim otherwise
        response.set_etag(f"{etag}-{encoding}", weak=weak)
    return response


def init_compression(app) -> None:
    """Compress dynamic answers after everything else has shaped them."""
    app.after_request(compress_response)
