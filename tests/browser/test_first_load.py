"""A newcomer's first visit costs little on a slow line, and the next visit costs nothing.

Bytes are counted where they leave the server (a WSGI wrapper sums each answer's status line,
headers and body as sent), so what the service worker fetches while installing counts too.

What is counted: the page, the modules every screen needs, the one screen she sees (sign-in,
js/views/account.js), the Danish texts, the style sheet, icon, manifest and the service worker,
with all it fetches until it is installed and half a second after. What is not fetched on this
first visit: the other screens' modules (js/views/*.js, push.js). They come when a screen is
first opened, and all of them once a member is signed in (the page asks the worker, which keeps
them for offline use: test_offline.py) — not on a signed-out newcomer's first visit.
"""

import threading

import pytest
from werkzeug.serving import make_server

from tests.browser.conftest import WORKER_READY

FIRST_LOAD_BUDGET = 50 * 1024
HTTP_HEADERS_OF_THE_SERVER = len(
    "Server: Werkzeug/3.1.3 Python/3.11.2\r\nDate: Sat, 05 Dec 2026 15:00:00 GMT\r\n"
)


class Wire:
    """The app, noting every answer it sends: path, status, encoding and bytes."""

    def __init__(self, app):
        self.app = app
        self.sent: list[dict] = []

    def __call__(self, environ, start_response):
        note = {"path": environ["PATH_INFO"], "accept": environ.get("HTTP_ACCEPT_ENCODING", "")}

        def counted(status, headers, exc_info=None):
            head = sum(len(name) + len(value) + 4 for name, value in headers)
            note.update(status=int(status[:3]), headers=dict(headers))
            note["bytes"] = len(f"HTTP/1.1 {status}\r\n\r\n") + head + HTTP_HEADERS_OF_THE_SERVER
            return start_response(status, headers, exc_info)

        answer = self.app(environ, counted)
        try:
            for chunk in answer:
                note["bytes"] += len(chunk)
                yield chunk
        finally:
            if hasattr(answer, "close"):
                answer.close()
            self.sent.append(note)

    def app_files(self) -> list[dict]:
        """The answers that were files of the app (not the API)."""
        return [n for n in self.sent if not n["path"].startswith("/api/")]


@pytest.fixture
def wire(app):
    """The app served on its own port through Wire."""
    wrapped = Wire(app.wsgi_app)
    server = make_server("127.0.0.1", 0, wrapped, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    wrapped.base = f"http://127.0.0.1:{server.server_port}"
    yield wrapped
    server.shutdown()


def report(sent: list[dict]) -> str:
    """One line per answer, for the reader of a failure (and of -s)."""
    lines = [
        f"{n['status']} {n['bytes']:6} {n['headers'].get('Content-Encoding', '-'):5} {n['path']}"
        for n in sent
    ]
    return "\n".join(lines + [f"total {sum(n['bytes'] for n in sent)} bytes in {len(sent)}"])


def test_a_newcomers_first_visit_is_under_50_kib_and_her_next_visit_fetches_no_app_file(wire, page):
    page.goto(wire.base + "/")
    page.wait_for_selector("main h1")
    page.evaluate(WORKER_READY)  # installed: the shell is in its cache
    page.wait_for_timeout(500)  # anything the page or the worker still fetches is counted
    first = list(wire.sent)
    print("\nfirst visit (signed out; the other screens' modules come later):\n" + report(first))
    assert sum(n["bytes"] for n in first) <= FIRST_LOAD_BUDGET, report(first)
    paths = [n["path"] for n in wire.app_files()]
    assert len(paths) == len(set(paths)), f"fetched twice: {report(first)}"
    assert all(n["status"] == 200 for n in wire.app_files())
    compressed = [n for n in first if "Content-Encoding" in n["headers"]]
    assert any(n["path"].endswith(".js") for n in compressed), report(first)

    wire.sent.clear()
    again = page.context.new_page()  # she comes back another day
    again.goto(wire.base + "/")
    again.wait_for_selector("main h1")
    again.wait_for_timeout(500)
    print("second visit:\n" + report(wire.sent))
    # The worker's update check (sw.js, never cached by the browser) is the only file asked.
    assert [n["path"] for n in wire.app_files() if n["path"] != "/sw.js"] == [], report(wire.sent)
