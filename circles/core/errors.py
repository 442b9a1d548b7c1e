"""Errors the domain raises; the API turns them into the one error shape, translated."""


class ServiceError(Exception):
    """A refusal with an HTTP status, a message key in the catalogs, and its parameters."""

    status = 400

    def __init__(self, key: str, field: str | None = None, **params):
        super().__init__(key)
        self.key = key
        self.field = field
        self.params = params


class NotFound(ServiceError):
    """Not there, or not yours to see: the two are not told apart."""

    status = 404


class Forbidden(ServiceError):
    """Signed in, but not allowed."""

    status = 403


class Conflict(ServiceError):
    """The thing is not in a state that allows this."""

    status = 409


class Invalid(ServiceError):
    """Input that passed the schema but breaks a domain rule; names the field."""

    status = 422


class TooMany(ServiceError):
    """Done too often for now; retry_after says in how many seconds it may be tried again."""

    status = 429

    def __init__(self, key: str, retry_after: int, field: str | None = None, **params):
        super().__init__(key, field, **params)
        self.retry_after = max(1, int(retry_after))
