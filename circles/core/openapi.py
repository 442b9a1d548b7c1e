"""The OpenAPI document says what the server does: each refusal an operation can give, and
the X-Pagination header as the JSON text it really is."""

from flask_smorest import Api

# Every operation: bad JSON, or a CSRF token missing when a cookie rides along.
ALWAYS = {"400": "BAD_REQUEST"}
# Operations that read a body: too large, or refused by the domain's rules.
WITH_BODY = {"404": "NOT_FOUND", "409": "CONFLICT", "413": "REQUEST_ENTITY_TOO_LARGE"}
# Operations on a thing named in the path: it may not be there, or not be yours to see.
WITH_PATH_ID = {"404": "NOT_FOUND"}
# Operations that change things: the thing may not be in a state that allows it.
CHANGES = {"409": "CONFLICT"}
# Signed-in operations: signed in, but not allowed.
SIGNED_IN = {"403": "FORBIDDEN"}
# The sign-in doors: a wrong password (or card, or code) is a 401; they share a rate limit.
LIMITED_PATHS = ("/api/v1/auth/login", "/api/v1/auth/card", "/api/v1/auth/tokens")
LIMITED = {"401": "UNAUTHORIZED", "429": "TOO_MANY_REQUESTS"}
# Getting back in and other account doors with rate limits of their own (accounts.throttle).
THROTTLED_PATHS = (
    "/api/v1/auth/password-reset",
    "/api/v1/auth/password-reset/confirm",
    "/api/v1/auth/sms-code",
    "/api/v1/auth/sms-code/confirm",
    "/api/v1/auth/email-confirmation/confirm",
    "/api/v1/me/password",
    "/api/v1/me",
)
THROTTLED = {"429": "TOO_MANY_REQUESTS"}

PAGINATION_HEADER = {
    "description": "Pagination as JSON text, e.g. "
    '{"total": 12, "total_pages": 2, "first_page": 1, "last_page": 2, "page": 1, "next_page": 2}',
    "schema": {"type": "string"},
}


def refusals_of(path: str, method: str, operation: dict) -> dict:
    """The error statuses this operation can answer with, each to its response component."""
    found = dict(ALWAYS)
    if "requestBody" in operation:
        found |= WITH_BODY
    if "{" in path:
        found |= WITH_PATH_ID
    if method in {"post", "put", "patch", "delete"}:
        found |= CHANGES
    if operation.get("security"):
        found |= SIGNED_IN
    if method == "post" and path in LIMITED_PATHS:
        found |= LIMITED
    if method in {"post", "delete"} and path in THROTTLED_PATHS:
        found |= THROTTLED
    return found


def document_refusals(api: Api) -> None:
    """Add each operation's refusals (with the one error schema) and the real pagination header."""
    components = api.spec.components
    for path, operations in api.spec._paths.items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for status, name in refusals_of(path, method, operation).items():
                responses.setdefault(status, components.get_ref("response", name))
            unsigned = responses.get("401")
            if isinstance(unsigned, dict) and "$ref" not in unsigned:
                responses["401"] = components.get_ref("response", "UNAUTHORIZED")
            for response in responses.values():
                if "X-Pagination" in response.get("headers", {}):
                    response["headers"]["X-Pagination"] = PAGINATION_HEADER
