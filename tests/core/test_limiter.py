"""The limiter skips its search for app-wide limits only while there are none to find.

Our limits all decorate their views (tests/accounts/test_sign_in_budget.py tries them); these
stories use a small app of their own, as the app's limiter is shared by every test.
"""

from flask import Flask, Response
from flask_limiter.util import get_remote_address

from circles.extensions import Limiter


def hammered(limiter: Limiter, decorated: bool, blueprint: bool = False) -> list[int]:
    """Statuses of five calls to one route of a small app guarded by the limiter."""
    from flask import Blueprint

    app = Flask(__name__)
    pages = Blueprint("pages", __name__)

    def page():
        return Response("ok")

    view = limiter.limit("2 per minute")(page) if decorated else page
    pages.add_url_rule("/page", view_func=view)
    if blueprint:
        limiter.limit("2 per minute")(pages)
    app.register_blueprint(pages)
    limiter.init_app(app)
    client = app.test_client()
    return [client.get("/page").status_code for _ in range(5)]


def test_a_limit_on_a_view_holds():
    limiter = Limiter(get_remote_address, storage_uri="memory://")
    assert hammered(limiter, decorated=True) == [200, 200, 429, 429, 429]


def test_a_default_limit_for_every_route_holds_though_no_view_carries_one():
    limiter = Limiter(get_remote_address, default_limits=["2 per minute"], storage_uri="memory://")
    assert hammered(limiter, decorated=False) == [200, 200, 429, 429, 429]


def test_a_limit_on_a_blueprint_holds():
    limiter = Limiter(get_remote_address, storage_uri="memory://")
    assert hammered(limiter, decorated=False, blueprint=True) == [200, 200, 429, 429, 429]


def test_without_any_limit_nothing_is_refused_and_nothing_searched(monkeypatch):
    limiter = Limiter(get_remote_address, storage_uri="memory://")
    searched = []
    monkeypatch.setattr(
        limiter.limit_manager, "resolve_limits", lambda *a, **k: searched.append(a) or ([], [])
    )
    assert hammered(limiter, decorated=False) == [200] * 5
    assert searched == []
