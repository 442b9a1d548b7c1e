"""Structured logs: one JSON object a line, each with the request id, and never a secret.

The id comes from a trusted proxy's `X-Request-ID` when it is well formed, else it is made
here; it is returned in the same header and in every error body, so that a member's
"something went wrong" on the phone can be found in the log.
"""

import logging
import re
import sys
import time
import uuid
from typing import TextIO

from flask import Flask, Response, g, has_request_context, request
from pythonjsonlogger.orjson import OrjsonFormatter

HEADER = "X-Request-ID"
WELL_FORMED = re.compile(r"[A-Za-z0-9._-]{8,64}")
# Keys whose values never reach a log line, whatever logs them.
SECRET_KEYS = re.compile(
    r"pass(word)?|token|secret|authorization|cookie|csrf|e-?mail|phone|birth|address|totp|code",
    re.IGNORECASE,
)
REDACTED = "[redacted]"
# Every record has these; none is a secret (a test checks), so only the others are searched.
RECORD_KEYS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"request_id"}
access_log = logging.getLogger("circles.access")


def request_id() -> str | None:
    """The id of the request being handled, if any."""
    return g.get("request_id") if has_request_context() else None


class RequestContext(logging.Filter):
    """Adds the request id to every record, and blanks fields that must never be logged."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id()
        for key in vars(record).keys() - RECORD_KEYS:
            if SECRET_KEYS.search(key):
                setattr(record, key, REDACTED)
        return True


def configure(level: str = "INFO", stream: TextIO | None = None) -> logging.Handler:
    """Every logger of the process writes JSON lines to stderr (or stream), once."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.circles_json = True
    handler.setFormatter(
        OrjsonFormatter(
            "{asctime}{levelname}{name}{message}{request_id}",
            style="{",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        )
    )
    handler.addFilter(RequestContext())
    root = logging.getLogger()
    root.handlers[:] = [h for h in root.handlers if not getattr(h, "circles_json", False)]
    root.addHandler(handler)
    root.setLevel(level)
    return handler


def start_request() -> None:
    """Take the proxy's id or make one, and start the clock."""
    offered = request.headers.get(HEADER, "")
    g.request_id = offered if WELL_FORMED.fullmatch(offered) else uuid.uuid4().hex
    g.started = time.perf_counter()


def elapsed() -> float:
    """Seconds since the request began."""
    return time.perf_counter() - g.get("started", time.perf_counter())


def route_pattern() -> str:
    """The request's route pattern, never its path: paths carry ids and secrets."""
    return request.url_rule.rule if request.url_rule else "unmatched"


def finish_request(response: Response) -> Response:
    """Return the id, and log the request by its route's pattern: paths can hold secrets.

    The app's own files go without the id (it is logged): they are two dozen on a first load,
    where every header counts, and nobody reports a problem by a stylesheet's id."""
    if request.blueprint != "web" or response.status_code >= 400:
        response.headers[HEADER] = g.get("request_id", "")
    route = route_pattern()
    access_log.info(
        "request",
        extra={
            "method": request.method,
            "route": route,
            "status": response.status_code,
            "duration_ms": round(
                (time.perf_counter() - g.get("started", time.perf_counter())) * 1000, 1
            ),
        },
    )
    return response


def init_logs(app: Flask) -> None:
    """JSON logs unless the app is under test (pytest captures plain records)."""
    if app.config["CIRCLES_JSON_LOGS"]:
        configure(app.config["CIRCLES_LOG_LEVEL"])
    app.before_request(start_request)
    app.after_request(finish_request)
