"""Domain errors and crashes turned into the API's one error shape."""

from flask import Flask, current_app, jsonify

from circles.core.errors import ServiceError
from circles.core.i18n import translate


def service_error(error: ServiceError):
    """A refusal from the domain, in the caller's language, naming the field where there is one."""
    message = translate(error.key, **error.params)
    payload = {"code": error.status, "status": error.key, "message": message}
    if error.field:
        payload["errors"] = {"json": {error.field: [message]}}
    retry_after = getattr(error, "retry_after", None)
    headers = {"Retry-After": str(retry_after)} if retry_after else {}
    return jsonify(payload), error.status, headers


def server_error(error):
    """Nothing internal leaks out; the log keeps the details."""
    current_app.logger.exception("unhandled error", exc_info=error)
    payload = {"code": 500, "status": "Internal Server Error", "message": translate("error.server")}
    return jsonify(payload), 500


def register_error_handlers(app: Flask) -> None:
    """Hook both handlers into the app."""
    app.register_error_handler(ServiceError, service_error)
    app.register_error_handler(500, server_error)
