"""Errors the domain raises; the API turns them into the one error shape, translated."""


class ServiceError(Exception):
    """A refusal with an HTTP status, a message key in the catalogs, and its parameters.

    field names the one input at fault (in the request's `location`: json, query, files);
    errors, when given, carries several fields' problems as they are to be shown.
    """

    status = 400

    def __init__(
        self,
        key: str,
        field: str | None = None,
        *,
        location: str = "json",
        errors: dict | None = None,
        **params,
    ):
        super().__init__(key)
        self.key = key
        self.field = field
        self.location = location
        self.errors = errors
        self.params = params


class BadRequest(ServiceError):
    """A request that cannot be understood as sent (a stale CSRF token, a missing header)."""

    status = 400


class Unauthorized(ServiceError):
    """Not signed in, or the credentials are wrong."""

    status = 401


class NotFound(ServiceError):
    """Not there, or not yours to see: the two are not told apart."""

    status = 404


class Forbidden(ServiceError):
    """Signed in, but not allowed."""

    status = 403


class Conflict(ServiceError):
    """The thing is not in a state that allows this."""

    status = 409


class TooLarge(ServiceError):
    """An upload bigger than the service takes."""

    status = 413


class Invalid(ServiceError):
    """Input that passed the schema but breaks a domain rule; names the field."""

    status = 422


class TooMany(ServiceError):
    """Done too often for now; retry_after says in how many seconds it may be tried again."""

    status = 429

    def __init__(self, key: str, retry_after: int, field: str | None = None, **params):
        super().__init__(key, field, **params)
        self.retry_after = max(1, int(retry_after))
