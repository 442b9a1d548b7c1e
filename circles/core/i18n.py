"""Danish and English texts for the server, and times shown in the member's zone."""

import json
from datetime import UTC, date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask import current_app, g, has_request_context, request
from flask_login import current_user

from circles.config import PACKAGE_DIR

LANGUAGES = ("da", "en")


@cache
def catalog(language: str) -> dict[str, str]:
    """The message catalog of one language."""
    return json.loads((PACKAGE_DIR / "translations" / f"{language}.json").read_text("utf-8"))


def translate(key: str, language: str | None = None, **params) -> str:
    """The text for key in the language (the request's if not given), with params filled in."""
    text = catalog(language or current_language()).get(key) or catalog("en").get(key, key)
    return text.format(**params) if params else text


def current_language() -> str:
    """The signed-in member's language, else the browser's, else the default (Danish)."""
    if has_request_context():
        if current_user and current_user.is_authenticated:
            return current_user.language
        best = request.accept_languages.best_match(LANGUAGES)
        if best:
            return best
    return current_app.config["CIRCLES_DEFAULT_LANGUAGE"]


def language_without_database() -> str:
    """The member's language if Flask-Login already loaded them, else the browser's.

    For answers to a failing database (and to crashes), which must not load anyone.
    """
    default = current_app.config["CIRCLES_DEFAULT_LANGUAGE"]
    if not has_request_context():
        return default
    user = g.get("_login_user")
    if user is not None and getattr(user, "is_authenticated", False):
        return user.__dict__.get("language") or default
    return request.accept_languages.best_match(LANGUAGES) or default


def local_text(moment: datetime, language: str, zone: str, fmt: str = "medium") -> str:
    """A UTC moment written out in the member's zone and language."""
    return format_datetime(moment, fmt, tzinfo=ZoneInfo(zone), locale=language)


def local_today(zone: str | None = None, now: datetime | None = None) -> date:
    """The calendar day it is now in the zone (the signed-in person's, else the default)."""
    if zone is None:
        signed_in = has_request_context() and current_user and current_user.is_authenticated
        zone = (
            current_user.timezone if signed_in else current_app.config["CIRCLES_DEFAULT_TIMEZONE"]
        )
    return (now or datetime.now(UTC)).astimezone(ZoneInfo(zone)).date()
