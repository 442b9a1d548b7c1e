"""Circles: neighbourhood mutual help for people aged 50 and over."""

from pathlib import Path

from flask import Flask

from circles import config
from circles.db import init_transactions
from circles.extensions import db, limiter, login_manager, migrate
from circles.ops import init_ops


def create_app(overrides: dict | None = None) -> Flask:
    """Build the app: config -> extensions -> api -> web -> cli."""
    app = Flask(__name__, instance_relative_config=True, static_folder=None)
    app.config.update(config.load(Path(app.instance_path)))
    app.config.update(overrides or {})
    config.without_jit(app.config)
    register_extensions(app)
    register_api(app)
    register_web(app)
    register_cli(app)
    return app


def register_extensions(app: Flask) -> None:
    """Initialise the extension objects created in extensions.py."""
    db.init_app(app)
    migrate.init_app(app, db, directory=str(config.PROJECT_DIR / "migrations"))
    login_manager.init_app(app)
    limiter.init_app(app)
    # Logs and metrics first: after_request hooks run in reverse, so they see the final status.
    init_ops(app)
    init_transactions(app)
    import circles.models  # noqa: F401  every table of every domain, before anything queries


def register_api(app: Flask) -> None:
    """The JSON API, its auth and its error shape."""
    from circles.accounts.security import init_security
    from circles.assets import init_compression
    from circles.blueprints import register_blueprints
    from circles.core.error_handlers import register_error_handlers
    from circles.core.hardening import init_hardening
    from circles.core.headers import init_headers

    init_hardening(app)
    init_headers(app)
    init_compression(app)
    init_security(app)
    register_blueprints(app)
    register_error_handlers(app)


def register_web(app: Flask) -> None:
    """The PWA's files, the staff and organizer pages, served from the same origin as the API."""
    from circles.assets import warm_in_background
    from circles.core.i18n import (
        current_language,
        language_without_database,
        template_filters,
        translate,
    )
    from circles.legal.pages import legal
    from circles.municipal.pages import staff
    from circles.organizing.pages import organize
    from circles.web import PwaPathConverter, web

    app.url_map.converters["pwa_path"] = PwaPathConverter
    app.register_blueprint(legal)
    app.register_blueprint(staff)
    app.register_blueprint(organize)
    app.register_blueprint(web)
    warm_in_background(app)
    app.jinja_env.globals["t"] = translate
    app.jinja_env.filters.update(template_filters())
    # Every page says its language (<html lang>), unless the view gives one: the signed-in
    # person's, else the browser's (never a database read, as error pages use it too).
    app.context_processor(lambda: {"language": language_without_database()})
    app.jinja_env.globals["current_language"] = current_language


def register_cli(app: Flask) -> None:
    """The `flask circles ...` commands."""
    from circles.cli import circles_cli

    app.cli.add_command(circles_cli)
