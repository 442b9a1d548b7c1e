"""Hostile input turned away early: ids past the databases' integers, huge bodies, deep nesting."""

from flask import Flask, current_app, request
from flask.json.provider import DefaultJSONProvider
from sqlalchemy.exc import StatementError
from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter

from circles.core.error_handlers import error_body, server_error

# The largest id any table can hold: PostgreSQL's integer (SQLite's is larger).
MAX_ID = 2**31 - 1
# Deeper JSON than this is no honest client's; Python's parser would hit its recursion limit.
MAX_JSON_DEPTH = 32


class IdConverter(IntegerConverter):
    """`<int:...>` in a path: a number no table can hold is simply not found, for every method."""

    def to_python(self, value: str) -> int:
        number = super().to_python(value)
        if number > MAX_ID:
            # Not ValidationError: that would let the path fall through to other routes (405s).
            raise NotFound()
        return number


def json_depth(value, limit: int) -> int:
    """How deeply lists and objects nest in value, counted until it passes limit."""
    deepest, stack = 0, [(value, 1)]
    while stack and deepest <= limit:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in children)
    return deepest


class BoundedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, refusing (as bad JSON, so 400) bodies nested deeper than MAX_JSON_DEPTH."""

    def loads(self, s, **kwargs):
        try:
            value = super().loads(s, **kwargs)
        except RecursionError as error:
            raise ValueError("JSON nested too deeply") from error
        if json_depth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
            raise ValueError("JSON nested too deeply")
        return value


def limit_body() -> None:
    """JSON bodies get a smaller limit than uploads; werkzeug refuses more without reading it.

    Never a larger one: the JSON limit only narrows MAX_CONTENT_LENGTH, so a JSON body over the
    server's limit is a 413 (in the one shape), not read and then refused as bad JSON (400).
    """
    if request.mimetype == "application/json" or request.mimetype.endswith("+json"):
        limits = (
            current_app.config.get("MAX_CONTENT_LENGTH"),
            current_app.config["CIRCLES_MAX_JSON_BYTES"],
        )
        request.max_content_length = min(limit for limit in limits if limit is not None)


def is_out_of_range(error: Exception) -> bool:
    """A number too large for the database's integer column (PostgreSQL) or driver (SQLite)."""
    if isinstance(error, OverflowError):
        return True
    original = getattr(error, "orig", None)
    return isinstance(original, OverflowError) or (
        getattr(original, "sqlstate", None) == "22003"  # numeric_value_out_of_range
    )


def out_of_range(error: Exception):
    """A number no row can have: there is no such thing (the transaction is rolled back)."""
    if not is_out_of_range(error):
        return server_error(error)
    return error_body(404, "error.not_found"), 404


def init_hardening(app: Flask) -> None:
    """Install the id converter, the bounded JSON parser, body limits and the range handler.

    Runs before any blueprint is registered, so that every `<int:...>` route uses IdConverter.
    """
    app.url_map.converters["int"] = IdConverter
    app.json = BoundedJSONProvider(app)
    app.before_request(limit_body)
    for error in (OverflowError, StatementError):  # DataError is a StatementError
        app.register_error_handler(error, out_of_range)
