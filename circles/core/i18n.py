"""Danish and English texts for the server, and numbers, dates and times in the member's words.

A catalog entry is a text with {placeholders}, or a plural object ({"one": ..., "other": ...})
chosen by the count parameter through the language's CLDR plural rules (Babel). A placeholder
may say how its value is written: {n:number} (decimal comma in Danish), {day:date} ("22.
december 2026"), {day:day} ("1. december"), {month:month} ("marts 2026"); floats are always
written as numbers. A parameter may itself be a phrase() or a moment_phrase(), written in the
same language when the text is: so a notification stored in Danish reads in English after the
reader switches.
"""

import json
import string
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_skeleton, get_day_names
from babel.numbers import format_decimal
from flask import current_app, g, has_request_context, request
from flask_login import current_user

from circles.config import PACKAGE_DIR

LANGUAGES = ("da", "en")
# The Babel locale of each language: British English, as the texts are written (22 December).
LOCALES = {"da": "da_DK", "en": "en_GB"}


@cache
def catalog(language: str) -> dict[str, str | dict[str, str]]:
    """The message catalog of one language."""
    return json.loads((PACKAGE_DIR / "translations" / f"{language}.json").read_text("utf-8"))


def translate(key: str, language: str | None = None, **params) -> str:
    """The text for key in the language (the request's if not given), with params filled in.

    A text with plain parameters is kept once written: lists write the same few again and
    again ("lives about 600 m away" for many), and str.format's machinery is pure Python.
    Each parameter's type is in the key, as 1 and 1.0 are equal but written differently."""
    language = language or current_language()
    try:
        return _kept(key, language, tuple((k, type(v), v) for k, v in params.items()))
    except TypeError:  # a list or a phrase among the parameters: not kept
        return _written(key, language, params)


@lru_cache(maxsize=8192)
def _kept(key: str, language: str, params: tuple) -> str:
    return _written(key, language, {name: value for name, _, value in params})


def _written(key: str, language: str, params: dict) -> str:
    entry = catalog(language).get(key)
    if not entry:
        language, entry = "en", catalog("en").get(key, key)
    if isinstance(entry, dict):
        entry = entry.get(plural_form(params.get("count", 0), language)) or entry["other"]
    return _Formatter(language).format(entry, **params) if params else entry


def phrase(key: str, **params) -> dict:
    """A text to be written when it is read, in the reader's language then (a catalog key with
    its parameters): what a notification keeps in its parameters, not the words of today."""
    return {"key": key, "params": params} if params else {"key": key}


def moment_phrase(moment: datetime, zone: str, fmt: str | None = None, fmt_key: str = "") -> dict:
    """A moment to be written when it is read, in the reader's language, in the zone: the format
    is a Babel pattern, or the catalog key of one."""
    return {"moment": moment.astimezone(UTC).isoformat(), "zone": zone, "format": fmt or fmt_key}


def plural_form(count, language: str) -> str:
    """The CLDR plural category of count in the language: "one", "other", ..."""
    return Locale.parse(LOCALES.get(language, language)).plural_form(abs(count))


def number(value, language: str, digits: int = 1) -> str:
    """A number the way the language writes it: 3,5 in Danish, 3.5 in English; 3.0 as 3."""
    return format_decimal(round(value, digits), locale=LOCALES.get(language, language))


def as_date(value) -> date:
    """A date, from a date, a datetime or an ISO text (as JSON parameters keep them)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def date_text(value, language: str) -> str:
    """A day in words with its year: "22. december 2026", "22 December 2026"."""
    return format_date(as_date(value), "long", locale=LOCALES.get(language, language))


def day_text(value, language: str) -> str:
    """A day in words without the year: "1. december", "1 December"."""
    return format_skeleton("MMMMd", as_date(value), locale=LOCALES.get(language, language))


def month_text(value, language: str) -> str:
    """A month in words with its year, from a day or "2026-03": "marts 2026", "March 2026"."""
    day = as_date(f"{value}-01" if len(str(value)) == 7 else value)
    return format_skeleton("yMMMM", day, locale=LOCALES.get(language, language))


@lru_cache(maxsize=64)
def weekday_name(code: str, language: str) -> str:
    """A weekday code (mon..sun) by name, lower case where the language writes it so.

    Kept once looked up: Babel parses the locale anew on every call, and a list of suggestions
    names a weekday for each helper free at the time asked."""
    return get_day_names("wide", locale=LOCALES.get(language, language))[WEEKDAYS.index(code)]


def template_filters() -> dict:
    """Jinja filters writing numbers (|number), days (|date_text, |day_text) and months
    (|month_text) in the request's language."""
    return {
        "number": lambda value, digits=1: number(value, current_language(), digits),
        "date_text": lambda value: date_text(value, current_language()),
        "day_text": lambda value: day_text(value, current_language()),
        "month_text": lambda value: month_text(value, current_language()),
    }


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class _Formatter(string.Formatter):
    """str.format with the language's ways of writing numbers and dates."""

    def __init__(self, language: str):
        self.language = language

    def format_field(self, value, format_spec: str) -> str:
        if isinstance(value, list):  # phrases written as a list: "Indkøb, Selskab"
            return ", ".join(self.format_field(item, format_spec) for item in value)
        if isinstance(value, dict) and "key" in value:  # a phrase(), written now
            return translate(value["key"], self.language, **value.get("params", {}))
        if isinstance(value, dict) and "moment" in value:  # a moment_phrase()
            fmt = value["format"]
            fmt = translate(fmt, self.language) if fmt in catalog(self.language) else fmt
            moment = datetime.fromisoformat(value["moment"])
            return local_text(moment, self.language, value["zone"], fmt or "medium")
        if format_spec == "number" or (not format_spec and isinstance(value, float | Decimal)):
            return number(value, self.language)
        if format_spec == "date":
            return date_text(value, self.language)
        if format_spec == "day":
            return day_text(value, self.language)
        if format_spec == "month":
            return month_text(value, self.language)
        return super().format_field(value, format_spec)


def current_language() -> str:
    """The signed-in member's language, else the browser's, else the default (Danish)."""
    if has_request_context():
        # Once through the proxy, not three times: every text of an answer asks this.
        user = current_user._get_current_object()
        if user is not None and user.is_authenticated:
            return user.language
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
