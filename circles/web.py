"""Serves the PWA, the front-end packages it uses, and the API docs' assets, all locally."""

from pathlib import Path

import swagger_ui_bundle
from flask import Blueprint, current_app, jsonify, send_from_directory
from werkzeug.exceptions import NotFound

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


@web.route("/sw.js")
def service_worker():
    """The service worker, never cached by the browser so updates reach people."""
    response = _send(current_app.config["CIRCLES_PWA_DIR"], "sw.js", max_age=0)
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


@web.route("/<path:path>")
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
