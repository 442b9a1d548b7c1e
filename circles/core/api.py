"""The JSON API under /api/v1: the Api with its one error shape, and a Blueprint that knows auth."""

from functools import wraps

import flask_smorest
from flask_login import current_user
from werkzeug.exceptions import HTTPException

from circles.core.error_handlers import http_error
from circles.core.errors import Forbidden, Unauthorized

SECURITY = [{"session": []}, {"bearer": []}]
UNSIGNED = {"description": "Not signed in", "content": {"application/json": {}}}


class CirclesApi(flask_smorest.Api):
    """flask-smorest's Api, with every error in the one shape that keeps the exception's headers."""

    def handle_http_exception(self, error: HTTPException):
        """werkzeug's and webargs' errors in the one shape (see circles.core.error_handlers)."""
        return http_error(error)


class Blueprint(flask_smorest.Blueprint):
    """A smorest Blueprint whose login_required also marks the route as signed-in in OpenAPI."""

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
