"""The PWA's files and its server settings are served from Circles itself."""

from circles import create_app
from circles.web import shell_version


def test_shell_manifest_and_worker_are_served(client):
    assert b"<main" in client.get("/").data
    manifest = client.get("/manifest.webmanifest")
    assert manifest.mimetype == "application/manifest+json"
    worker = client.get("/sw.js")
    assert worker.headers["Service-Worker-Allowed"] == "/"
    assert worker.mimetype == "text/javascript"
    assert b"__SHELL_VERSION__" not in worker.data
    assert client.get("/vendor/axe-core/axe.min.js").status_code == 200
    assert client.get("/vendor/leaflet/leaflet-src.esm.js").status_code == 200
    assert client.get("/vendor/other/x.js").status_code == 404


def test_no_tile_server_means_no_map_tiles(client):
    assert client.get("/config.json").get_json()["tile_url"] is None


def test_a_configured_tile_server_is_handed_to_the_app(monkeypatch):
    monkeypatch.setenv("CIRCLES_TILE_URL", "https://tiles.aarhus.example/{z}/{x}/{y}.png")
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    answer = app.test_client().get("/config.json").get_json()
    assert answer["tile_url"] == "https://tiles.aarhus.example/{z}/{x}/{y}.png"


def test_any_change_to_the_app_gives_the_shell_a_new_version(tmp_path):
    (tmp_path / "index.html").write_text("<main></main>")
    (tmp_path / "sw.js").write_text("const VERSION = 1;")
    before = shell_version(tmp_path)
    (tmp_path / "sw.js").write_text("changed, but the worker is not part of its own digest")
    assert shell_version(tmp_path) == before
    (tmp_path / "index.html").write_text("<main>new</main>")
    assert shell_version(tmp_path) != before
