"""The JSON API under /api/v1: the Api with its one error shape, and a Blueprint that knows auth."""

from collections.abc import Callable
from datetime import datetime
from functools import cache, wraps

import flask_smorest
from flask import current_app
from flask_login import current_user
from marshmallow import Schema, fields, missing
from webargs.flaskparser import FlaskParser, is_json_request
from werkzeug.exceptions import HTTPException

from circles.core.error_handlers import http_error
from circles.core.errors import Forbidden, Unauthorized

SECURITY = [{"session": []}, {"bearer": []}]
UNSIGNED = {"description": "Not signed in", "content": {"application/json": {}}}


# Fields whose dump of a value of exactly this type is the value itself, and of None, None.
PLAIN = {fields.String: str, fields.Integer: int, fields.Boolean: bool, fields.Float: float}


def quick_writing(field: fields.Field) -> tuple[type, Callable | None] | None:
    """(the type of value, how it is written: None for as it is) that Answer may write
    without the field: for a plain field, or a datetime in ISO format (a field may say how it
    writes one itself, as LocalDateTime does); None for every other field."""
    if "." in (field.attribute or ""):
        return None  # a dotted attribute is a path marshmallow follows (municipality.name)
    if type(field) in PLAIN:
        return PLAIN[type(field)], None
    if isinstance(field, fields.DateTime) and field.format == "iso":
        return datetime, getattr(field, "write_datetime", datetime.isoformat)
    return None


class Answer(Schema):
    """The schema of an answer whose view writes each row as a dict of plain values (lists).

    marshmallow asks each field to fetch, check and format its value, a dozen calls for a
    string that is already a string: a page of events is a hundred and sixty of them. Here a
    value that is already exactly what its plain field would write is taken as it is, and a
    datetime is written in ISO format directly (quick_writing); every other value, and every
    other kind of field, goes through its field as before
    (tests/core/test_conventions.py compares the two on every answer built on this).
    """

    def _serialize(self, obj, *, many=False):
        if many and obj is not None:
            return [self._serialize(item) for item in obj]
        if not isinstance(obj, dict):
            return super()._serialize(obj)
        written = {}
        for name, key, field, taken, write in self._dump_plan():
            value = obj.get(name, missing)
            if value is None and taken is not None:
                written[key] = None
                continue
            if type(value) is taken:
                written[key] = value if write is None else write(value)
                continue
            value = field.serialize(name, obj, accessor=self.get_attribute)
            if value is not missing:
                written[key] = value
        return written

    def _dump_plan(self) -> list[tuple]:
        """(the key read, the key written, the field, then quick_writing's type and writer or
        None, None) of each field, worked out once per schema instance (the views' schemas
        live as long as the app)."""
        plan = self.__dict__.get("_plan")
        if plan is None:
            plan = self._plan = [
                (
                    field.attribute or name,
                    name if field.data_key is None else field.data_key,
                    field,
                    *(quick_writing(field) or (None, None)),
                )
                for name, field in self.dump_fields.items()
            ]
        return plan


class ErrorSchema(Schema):
    """The one error shape (circles.core.error_handlers), for the OpenAPI document only."""

    code = fields.Integer(required=True, metadata={"description": "the HTTP status code"})
    status = fields.String(required=True, metadata={"description": "the HTTP reason phrase"})
    key = fields.String(required=True, metadata={"description": "the message key"})
    message = fields.String(required=True, metadata={"description": "in the caller's language"})
    request_id = fields.String(
        required=True, allow_none=True, metadata={"description": "finds the log lines"}
    )
    errors = fields.Dict(metadata={"description": "{location: {field: [messages]}}"})
    second_factor = fields.String(metadata={"description": "sign-in: the step still missing"})
    enrolment = fields.Dict(metadata={"description": "sign-in: how to enrol an app"})


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


@cache
def one_schema(schema_class: type[Schema]) -> Schema:
    """The one instance of a schema class that every request's arguments are loaded with."""
    return schema_class()


class BoundedParser(FlaskParser):
    """webargs' parser, reading JSON bodies through the app's parser, which refuses deep nesting,
    and loading with one instance of each schema class (webargs made one for every request)."""

    def _get_schema(self, argmap, req) -> Schema:
        if isinstance(argmap, type) and issubclass(argmap, Schema):
            return one_schema(argmap)
        return super()._get_schema(argmap, req)

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
    PAGINATION_ARGUMENTS_PARSER = BoundedParser()

    @staticmethod
    def _make_pagination_metadata(page: int, page_size: int, item_count: int) -> dict:
        """The X-Pagination header's values, as flask-smorest gives them, without the new
        marshmallow schema it builds on every list request to copy a few integers.
        (PaginationMetadataSchema still documents the header.)"""
        pages = -(-item_count // page_size)
        metadata = {"total": item_count, "total_pages": pages}
        if pages:
            metadata.update(first_page=1, last_page=pages)
        if 1 <= page <= pages:
            metadata["page"] = page
            if page > 1:
                metadata["previous_page"] = page - 1
            if page < pages:
                metadata["next_page"] = page + 1
        return metadata

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
