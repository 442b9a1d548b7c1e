"""The app's files travel compressed and are kept by the browser as long as their bytes hold."""

import base64
import gzip
import hashlib
import re

import brotli

from circles.config import PROJECT_DIR
from tests.factories import make_circle

IMMUTABLE = "public, max-age=31536000, immutable"


def digested_addresses(page: str) -> list[str]:
    """The digested addresses the page names in its links, scripts and import map."""
    return sorted(set(re.findall(r'"(/[\w/-]+\.[0-9a-f]{10}\.\w+)"', page)))


def test_the_page_names_each_app_file_by_digest_and_those_are_kept_a_year(client):
    page = client.get("/")
    assert page.headers["Cache-Control"] == "no-cache"
    addresses = digested_addresses(page.get_data(as_text=True))
    assert 'src="/js/app.js"' not in page.get_data(as_text=True)
    assert 'href="/css/app.css"' not in page.get_data(as_text=True)
    assert any(a.startswith("/js/app.") for a in addresses)
    assert any(a.startswith("/css/app.") for a in addresses)
    for address in addresses:
        answer = client.get(address)
        assert answer.status_code == 200, address
        assert answer.headers["Cache-Control"] == IMMUTABLE, address
    app_js = next(a for a in addresses if a.startswith("/js/app."))
    digest = app_js.split(".")[1]
    real = (PROJECT_DIR / "pwa" / "js" / "app.js").read_bytes()
    assert hashlib.sha256(real).hexdigest().startswith(digest)
    assert client.get(app_js).data == real


def test_an_old_digest_is_not_found_rather_than_served_with_new_bytes(client):
    assert client.get("/js/app.0123456789.js").status_code == 404
    plain = client.get("/js/app.js")  # an old page, or a push message's icon
    assert plain.status_code == 200 and plain.headers["Cache-Control"] == "no-cache"
    again = client.get("/js/app.js", headers={"If-None-Match": plain.headers["ETag"]})
    assert again.status_code == 304


def test_the_pages_import_map_is_the_only_inline_script_it_may_run(client):
    page = client.get("/")
    importmap = re.search(
        r'<script type="importmap">(.*?)</script>', page.get_data(as_text=True)
    ).group(1)
    digest = base64.b64encode(hashlib.sha256(importmap.encode()).digest()).decode()
    policy = page.headers["Content-Security-Policy"]
    assert f"script-src 'self' 'sha256-{digest}';" in policy
    assert "unsafe-inline" not in policy


def test_a_phone_gets_brotli_an_old_browser_gzip_and_a_tool_plain_bytes(client):
    real = (PROJECT_DIR / "pwa" / "css" / "app.css").read_bytes()
    css = next(a for a in digested_addresses(client.get("/").get_data(as_text=True)) if ".css" in a)
    phone = client.get(css, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert phone.headers["Content-Encoding"] == "br"
    assert brotli.decompress(phone.data) == real
    assert len(phone.data) < len(real) / 2
    old = client.get(css, headers={"Accept-Encoding": "gzip"})
    assert old.headers["Content-Encoding"] == "gzip" and gzip.decompress(old.data) == real
    tool = client.get(css)
    assert "Content-Encoding" not in tool.headers and tool.data == real
    assert "Accept-Encoding" in phone.headers["Vary"]


def test_long_json_answers_are_compressed_and_short_ones_are_not(client, ctx):
    for n in range(12):
        make_circle(f"Kreds nummer {n}", description="En kreds for naboer. " * 10)
    long = client.get("/api/v1/circles?postcode=8000", headers={"Accept-Encoding": "br"})
    assert long.headers["Content-Encoding"] == "br"
    assert len(brotli.decompress(long.data)) > 1024
    short = client.get("/api/v1/auth/csrf", headers={"Accept-Encoding": "br"})
    assert "Content-Encoding" not in short.headers
    assert "Accept-Encoding" in long.headers["Vary"] and "Accept-Encoding" in short.headers["Vary"]


def test_the_worker_is_told_the_digested_addresses_and_never_kept(client):
    worker = client.get("/sw.js")
    script = worker.get_data(as_text=True)
    assert worker.headers["Cache-Control"] == "no-cache"
    assert "__ASSETS__" not in script and "__PAGE_VERSION__" not in script
    page = client.get("/").get_data(as_text=True)
    assert all(address in script for address in digested_addresses(page))
    assert client.get("/").headers["ETag"].strip('"') in script  # the page it may reuse
