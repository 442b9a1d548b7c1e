"""Serves the PWA, the front-end packages it uses, and the API docs' assets, all locally."""

import hashlib
import json
import mimetypes
from pathlib import Path

import swagger_ui_bundle
from flask import Blueprint, current_app, jsonify, request, send_from_directory
from werkzeug.exceptions import NotFound
from werkzeug.routing import PathConverter
from werkzeug.security import safe_join

from circles import assets
from circles.core.headers import content_security_policy

web = Blueprint("web", __name__)

# Front-end packages from npm that the PWA may load, by the folder of each that is served.
VENDOR_DIRS = {"leaflet": "leaflet/dist", "axe-core": "axe-core"}


def _send(folder: str | Path, path: str, max_age: int | None = None):
    response = send_from_directory(folder, path, max_age=max_age)
    if path.endswith(".webmanifest"):
        response.mimetype = "application/manifest+json"
    return response


def _answer(data: bytes, name: str, key: str, cache_control: str, lasting: bool = False):
    """A file's bytes, compressed as the client accepts (once per key), with its caching;
    a lasting file's compressed bytes are kept on disk too (see assets.body)."""
    mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if name.endswith(".webmanifest"):
        mimetype = "application/manifest+json"
    elif name.endswith(".js"):
        mimetype = "text/javascript"
    elif name.endswith(".html"):
        mimetype = "text/html; charset=utf-8"
    headers = {"Cache-Control": cache_control}
    if assets.compressible(name):
        headers["Vary"] = "Accept-Encoding"
        encoding = assets.encoding_for(request.headers.get("Accept-Encoding", ""))
        if encoding:
            folder = Path(current_app.instance_path) / "compressed" if lasting else None
            data = assets.body(key, data, encoding, folder)
            headers["Content-Encoding"] = encoding
            key = f"{key}-{encoding}"
    response = current_app.response_class(data, content_type=mimetype, headers=headers)
    if cache_control == assets.IMMUTABLE:
        return response  # never asked again, so nothing to compare a tag with
    response.set_etag(key)
    return response.make_conditional(request)


def _page(pwa_dir: Path) -> tuple[bytes, str, str]:
    """The app's page naming digested files, its digest, and its import map."""
    html, importmap = assets.page((pwa_dir / "index.html").read_text("utf-8"), pwa_dir)
    data = html.encode()
    return data, hashlib.sha256(data).hexdigest()[:16], importmap


@web.route("/")
def index():
    """The app shell, naming the app's files by digest; fetched fresh on every visit."""
    data, digest, importmap = _page(Path(current_app.config["CIRCLES_PWA_DIR"]))
    response = _answer(data, "index.html", digest, "no-cache")
    # The import map is the page's one inline script: its hash lets exactly it run.
    config = current_app.config
    response.headers["Content-Security-Policy"] = content_security_policy(
        config["CIRCLES_TILE_URL"], False, [assets.script_hash(importmap)]
    )
    return response


def shell_version(pwa_dir: Path) -> str:
    """A digest of every file of the app: any change to one gives the shell a new cache."""
    digest = hashlib.sha256()
    for path in sorted(p for p in pwa_dir.rglob("*") if p.is_file() and p.name != "sw.js"):
        digest.update(path.relative_to(pwa_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@web.route("/sw.js")
def service_worker():
    """The service worker, its cache named after the app's files, never cached by the browser."""
    pwa_dir = Path(current_app.config["CIRCLES_PWA_DIR"])
    version = shell_version(pwa_dir)
    script = (pwa_dir / "sw.js").read_text("utf-8").replace('"__SHELL_VERSION__"', f'"{version}"')
    script = script.replace("/* __ASSETS__ */ {}", json.dumps(assets.urls(pwa_dir)))
    script = script.replace("__PAGE_VERSION__", _page(pwa_dir)[1])
    # Its comments are for its readers here, not for every phone: lines that are only a comment
    # go (the worker has no template literal across lines, where such a line would be text).
    script = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("//"))
    data = script.encode()
    response = _answer(data, "sw.js", hashlib.sha256(data).hexdigest()[:16], "no-cache")
    response.headers["Service-Worker-Allowed"] = "/"
    return response


@web.route("/config.json")
def pwa_config():
    """What the PWA needs to know of this server: the map's tile server, if any."""
    config = current_app.config
    return jsonify(
        tile_url=config["CIRCLES_TILE_URL"] or None,
        tile_attribution=config["CIRCLES_TILE_ATTRIBUTION"],
    )


class PwaPathConverter(PathConverter):
    """Any path but the API's: an unknown /api/ address is the API's 404, not a file's, and
    the app shell's GET is not advertised in the Allow header of API addresses."""

    regex = r"(?!api/)[^/].*?"


@web.route("/<pwa_path:path>")
def pwa_file(path):
    """Any other file of the PWA: under its digested name kept for a year, since those bytes
    never change; under its plain name (old pages, push icons) fetched fresh each time."""
    pwa_dir = Path(current_app.config["CIRCLES_PWA_DIR"])
    found = assets.find(pwa_dir, path)
    if found is not None:
        data = found.path.read_bytes()
        return _answer(data, found.logical, found.digest, assets.IMMUTABLE, lasting=True)
    plain = assets.manifest(pwa_dir).get(path)
    if plain is not None:
        data = plain.path.read_bytes()
        return _answer(data, plain.logical, plain.digest, "no-cache", lasting=True)
    file = safe_join(str(pwa_dir), path)
    if file is None or not Path(file).is_file():
        raise NotFound()
    return _send(pwa_dir, path, max_age=0)


@web.route("/vendor/<package>/<path:path>")
def vendor_file(package, path):
    """A file of a front-end package installed by npm."""
    if package not in VENDOR_DIRS:
        raise NotFound()
    return _send(Path(current_app.config["CIRCLES_NODE_MODULES"]) / VENDOR_DIRS[package], path)


@web.route("/api/docs/assets/<path:path>")
def docs_asset(path):
    """Swagger UI's files, from the swagger-ui-bundle package instead of a CDN."""
    return _send(swagger_ui_bundle.swagger_ui_path, path)
