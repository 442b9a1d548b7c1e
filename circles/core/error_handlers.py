"""The one error shape of the API, for domain refusals, HTTP errors and crashes alike.

Every 4xx and 5xx answer is JSON of the form

    {"code": 404, "status": "Not Found", "key": "error.not_found", "message": "...", "errors": {}}

- code: the HTTP status code, the same as the response's.
- status: the HTTP reason phrase of that code, always in English: it names the kind of problem
  for programs and logs, never the particular refusal.
- key: the message key in the catalogs (circles/translations), which says precisely what was
  refused (e.g. "error.match_exists"); clients branch on it, not on the text.
- message: the key's text in the caller's language (the signed-in member's, else the browser's).
- errors (only when fields are at fault): {location: {field: [messages]}}, location being
  json, query or files, as webargs reports validation errors; each message in the caller's
  language, naming the field as people know it (circles.core.validation).

Domain code refuses by raising circles.core.errors; werkzeug's own errors (404 for an unknown
route, 405, 413, 429 from the rate limiter, 422 from schema validation) get the same shape here.
"""

import time

from flask import Flask, current_app, g, has_request_context, jsonify
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from circles.core.errors import ServiceError
from circles.core.i18n import language_without_database, translate
from circles.core.validation import localized
from circles.extensions import limiter

# The message key of werkzeug's errors, by status code; other codes get the 400 text.
HTTP_KEYS = {
    400: "error.bad_request",
    401: "error.sign_in_required",
    403: "error.forbidden",
    404: "error.not_found",
    405: "error.method_not_allowed",
    409: "error.conflict",
    413: "error.too_large",
    415: "error.bad_request",
    422: "error.invalid_fields",
    429: "error.rate_limited",
    500: "error.server",
}


def error_body(
    code: int, key: str, message: str | None = None, errors: dict | None = None, **extra
):
    """The one error shape: code, reason phrase, message key, text, and the fields at fault."""
    payload = {
        "code": code,
        "status": HTTP_STATUS_CODES.get(code, "Unknown Error"),
        "key": key,
        # Never the database: an error may be the database's own (the member, when already
        # loaded, else the browser's language, which the app sets to the member's).
        "message": message or translate(key, language_without_database()),
        # The operator finds this request's log lines by it.
        "request_id": g.get("request_id") if has_request_context() else None,
    }
    if errors:
        payload["errors"] = errors
    return jsonify({**payload, **extra})


def service_error(error: ServiceError):
    """A refusal from the domain, in the caller's language, naming the fields where there are."""
    message = translate(error.key, **error.params)
    errors = error.errors
    if errors is None and error.field:
        errors = {error.location: {error.field: [message]}}
    retry_after = getattr(error, "retry_after", None)
    headers = {"Retry-After": str(retry_after)} if retry_after else {}
    return error_body(error.status, error.key, message, errors), error.status, headers


def http_error(error: HTTPException):
    """werkzeug's errors (and webargs' validation) in the one shape; Allow and Retry-After stay."""
    code = error.code or 500
    data = getattr(error, "data", None) or {}
    errors = data.get("errors") or data.get("messages")  # webargs says "messages"
    if errors:  # marshmallow's English, in the caller's language with each field's human name
        errors = localized(errors, language_without_database())
    key = "error.invalid_fields" if errors else HTTP_KEYS.get(code, "error.bad_request")
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    headers += list((data.get("headers") or {}).items())
    if code == 429 and not any(k.lower() == "retry-after" for k, _ in headers):
        headers.append(("Retry-After", str(seconds_to_reset() or 60)))
    # A sign-in's missing second step says which step, and how to enrol.
    extra = {k: data[k] for k in ("second_factor", "enrolment") if k in data}
    message = data.get("message") if not errors else None
    return error_body(code, key, message, errors, **extra), code, headers


def seconds_to_reset() -> int | None:
    """Seconds until the rate limit that was just hit lets the caller try again."""
    current = limiter.current_limit
    if current is None:
        return None
    return max(1, int(current.reset_at - time.time()) + 1)


def server_error(error):
    """Nothing internal leaks out; the log keeps the details."""
    current_app.logger.exception("unhandled error", exc_info=error)
    return error_body(500, "error.server"), 500


def register_error_handlers(app: Flask) -> None:
    """Hook the handlers into the app."""
    app.register_error_handler(ServiceError, service_error)
    app.register_error_handler(500, server_error)
