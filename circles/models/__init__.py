"""All models, imported so that Alembic and the app see every table."""

from circles.models.circles import Circle, Membership, Municipality, MunicipalStaff
from circles.models.idempotency import IdempotencyRecord
from circles.models.users import ApiToken, User

__all__ = [
    "ApiToken",
    "Circle",
    "IdempotencyRecord",
    "Membership",
    "MunicipalStaff",
    "Municipality",
    "User",
]
