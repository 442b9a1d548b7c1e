"""Serves the PWA, the front-end packages it uses, and the API docs' assets, all locally."""

import hashlib
from pathlib import Path

import swagger_ui_bundle
from flask import Blueprint, current_app, jsonify, send_from_directory
from werkzeug.exceptions import NotFound
from werkzeug.routing import PathConverter

web = Blueprint("web", __name__)

# Front-end packages from npm that the PWA may load, by the folder of each that is served.
VENDOR_DIRS = {"leaflet": "leaflet/dist", "axe-core": "axe-core"}


def _send(folder: str | Path, path: str, max_age: int | None = None):
    response = send_from_directory(folder, path, max_age=max_age)
    if path.endswith(".webmanifest"):
        response.mimetype = "application/manifest+json"
    return response


@web.route("/")
def index():
    """The app shell."""
    return _send(current_app.config["CIRCLES_PWA_DIR"], "index.html", max_age=0)


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
    headers = {"Service-Worker-Allowed": "/", "Cache-Control": "no-cache"}
    return current_app.response_class(script, mimetype="text/javascript", headers=headers)


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
    """Any other file of the PWA."""
    return _send(current_app.config["CIRCLES_PWA_DIR"], path, max_age=0)


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
