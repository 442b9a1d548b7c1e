"""Idempotency-Key: a retried POST gets the first answer back and creates nothing new."""

import json
from functools import wraps

from flask import make_response, request
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from circles.core.errors import Conflict, Invalid
from circles.core.models import IdempotencyRecord
from circles.extensions import db

MAX_KEY_LENGTH = 200


def _find(key: str, route: str) -> IdempotencyRecord | None:
    return db.session.scalar(
        select(IdempotencyRecord).where(
            IdempotencyRecord.user_id == current_user.id,
            IdempotencyRecord.key == key,
            IdempotencyRecord.route == route,
        )
    )


def _claim(key: str, route: str) -> IdempotencyRecord | None:
    """Claim the key for this call, or return the record of an earlier call that claimed it."""
    db.session.add(IdempotencyRecord(user_id=current_user.id, key=key, route=route))
    try:
        db.session.commit()
        return None
    except IntegrityError:
        db.session.rollback()
    return _find(key, route)


def _forget(key: str, route: str) -> None:
    db.session.rollback()
    db.session.query(IdempotencyRecord).filter_by(
        user_id=current_user.id, key=key, route=route
    ).delete()
    db.session.commit()


def idempotent(view):
    """Wrap a creating view (below @blp.route, above @blp.arguments) of a signed-in caller."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        key = request.headers.get("Idempotency-Key")
        if not key or not current_user.is_authenticated:
            return view(*args, **kwargs)
        if len(key) > MAX_KEY_LENGTH:
            raise Invalid("error.idempotency_key_too_long", "Idempotency-Key", location="headers")
        route = f"{request.method} {request.path}"
        earlier = _claim(key, route)
        if earlier is not None:
            if earlier.status_code is None:
                raise Conflict("error.idempotency_in_progress")
            return make_response(
                json.dumps(earlier.body),
                earlier.status_code,
                {"Content-Type": "application/json", "Idempotent-Replayed": "true"},
            )
        try:
            response = make_response(view(*args, **kwargs))
        except Exception:
            _forget(key, route)  # a failed call may be tried again with the same key
            raise
        if response.status_code >= 400:
            _forget(key, route)
            return response
        record = _find(key, route)
        record.status_code, record.body = response.status_code, response.get_json()
        db.session.commit()
        return response

    return wrapper
