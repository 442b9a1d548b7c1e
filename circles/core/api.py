"""The JSON API under /api/v1: the Api with its one error shape, and a Blueprint that knows auth."""

from functools import wraps

import flask_smorest
from flask import current_app
from flask_login import current_user
from flask_smorest.error_handler import ErrorSchema as SmorestErrorSchema
from marshmallow import fields, missing
from webargs.flaskparser import FlaskParser, is_json_request
from werkzeug.exceptions import HTTPException

from circles.core.error_handlers import http_error
from circles.core.errors import Forbidden, Unauthorized

SECURITY = [{"session": []}, {"bearer": []}]
UNSIGNED = {"description": "Not signed in", "content": {"application/json": {}}}


class ErrorSchema(SmorestErrorSchema):
    """The one error shape (circles.core.error_handlers.error_body), as the document gives it."""

    key = fields.String(metadata={"description": "Message key, e.g. error.not_found"})
    request_id = fields.String(
        allow_none=True, metadata={"description": "Finds this request's log lines"}
    )
    second_factor = fields.String(metadata={"description": "A sign-in's missing second step"})
    enrolment = fields.Dict(metadata={"description": "How to enrol in two-factor sign-in"})


class CirclesApi(flask_smorest.Api):
    """flask-smorest's Api, with every error in the one shape that keeps the exception's headers.

    No catch-all "default" response: each operation names the refusals it can give
    (core.openapi), so a client, and the contract test, can hold it to them.
    """

    DEFAULT_ERROR_RESPONSE_NAME = None
    ERROR_SCHEMA = ErrorSchema

    def handle_http_exception(self, error: HTTPException):
        """werkzeug's and webargs' errors in the one shape (see circles.core.error_handlers)."""
        return http_error(error)


class BoundedParser(FlaskParser):
    """webargs' parser, reading JSON bodies through the app's parser, which refuses deep nesting."""

    def _raw_load_json(self, req):
        if not is_json_request(req):
            return missing
        data = req.get_data(cache=True)
        if not data.strip():
            return missing  # as webargs does: no body is a missing body, not a bad one
        try:
            return current_app.json.loads(data)
        except ValueError as error:  # bad JSON, bad UTF-8, or nested too deeply
            return self._handle_invalid_json_error(error, req)


class Blueprint(flask_smorest.Blueprint):
    """A smorest Blueprint whose login_required also marks the route as signed-in in OpenAPI."""

    ARGUMENTS_PARSER = BoundedParser()

    def login_required(self, func):
        """Refuse anonymous callers with 401; document the security of the route."""

        @wraps(func)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                raise Unauthorized("error.sign_in_required")
            return func(*args, **kwargs)

        return self.doc(security=SECURITY, responses={"401": UNSIGNED})(wrapper)

    def admin_required(self, func):
        """Only admins; others who are signed in get 403."""

        @wraps(func)
        def wrapper(*args, **kwargs):
            if not current_user.is_admin:
                raise Forbidden("error.admins_only")
            return func(*args, **kwargs)

        return self.login_required(wrapper)
