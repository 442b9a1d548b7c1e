"""Idempotency-Key: a retried POST gets the first answer back and creates nothing new.

The claim on a key and the work it guards are one transaction: the claim row goes in first,
the view runs, its answer is stored on the row, and the request boundary commits all of it, or
rolls all of it back (a refusal, a crash), so a failed call leaves nothing behind to block its
retry. A second call with the same key meanwhile waits at the unique index on PostgreSQL until
the first has finished, then gets its answer. A claim left unfinished anyway (by a process
that hung, or from before this rule) is taken over once CIRCLES_IDEMPOTENCY_TAKEOVER_SECONDS
have passed. A key is good for one call: the same key with another body is refused.
"""

import hashlib
import json
from datetime import timedelta
from functools import wraps

from flask import current_app, make_response, request
from flask_login import current_user
from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite

from circles.core.errors import Conflict, Invalid
from circles.core.models import IdempotencyRecord
from circles.core.types import utcnow
from circles.extensions import db

MAX_KEY_LENGTH = 200


def fingerprint() -> str:
    """SHA-256 of the call's method, path and body (JSON in a canonical form)."""
    body = request.get_json(silent=True)
    raw = json.dumps(body, sort_keys=True).encode() if body is not None else request.get_data()
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    digest.update(raw)
    return digest.hexdigest()


def _find(key: str, route: str) -> IdempotencyRecord | None:
    return db.session.scalar(
        select(IdempotencyRecord)
        .where(
            IdempotencyRecord.user_id == current_user.id,
            IdempotencyRecord.key == key,
            IdempotencyRecord.route == route,
        )
        .execution_options(populate_existing=True)
    )


def _claim(key: str, route: str, digest: str) -> IdempotencyRecord | None:
    """Insert the claim for this call (None when another call holds the key already).

    INSERT ... ON CONFLICT DO NOTHING waits for a concurrent call holding the same key to
    commit or roll back. (Not a savepoint: on SQLite, a savepoint opened before anything was
    written commits when released, which would commit the claim alone.)
    """
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    claimed = db.session.scalar(
        insert(IdempotencyRecord.__table__)
        .values(
            user_id=current_user.id, key=key, route=route, request_hash=digest, created_at=utcnow()
        )
        .on_conflict_do_nothing()
        .returning(IdempotencyRecord.id)
    )
    return None if claimed is None else db.session.get(IdempotencyRecord, claimed)


def _take_over(earlier: IdempotencyRecord, digest: str) -> bool:
    """Take an unfinished claim whose call died; only one retry can win it."""
    seconds = current_app.config["CIRCLES_IDEMPOTENCY_TAKEOVER_SECONDS"]
    now = utcnow()
    taken = db.session.execute(
        update(IdempotencyRecord)
        .where(
            IdempotencyRecord.id == earlier.id,
            IdempotencyRecord.status_code.is_(None),
            IdempotencyRecord.created_at < now - timedelta(seconds=seconds),
        )
        .values(created_at=now, request_hash=digest)
        .execution_options(synchronize_session=False)
    )
    return taken.rowcount == 1


def _replay(earlier: IdempotencyRecord, digest: str):
    """The answer for a key used before: the first response, or why there is none."""
    if earlier.request_hash is not None and earlier.request_hash != digest:
        raise Invalid("error.idempotency_key_reused", "Idempotency-Key", location="headers")
    if earlier.status_code is None:
        raise Conflict("error.idempotency_in_progress")
    return make_response(
        json.dumps(earlier.body),
        earlier.status_code,
        {"Content-Type": "application/json", "Idempotent-Replayed": "true"},
    )


def idempotent(view):
    """Wrap a creating view (below @blp.route, above @blp.arguments) of a signed-in caller."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        key = request.headers.get("Idempotency-Key")
        if not key or not current_user.is_authenticated:
            return view(*args, **kwargs)
        if len(key) > MAX_KEY_LENGTH:
            raise Invalid("error.idempotency_key_too_long", "Idempotency-Key", location="headers")
        route, digest = f"{request.method} {request.path}", fingerprint()
        record = _claim(key, route, digest)
        if record is None:
            earlier = _find(key, route)
            if earlier is None:  # gone again already (its account was deleted): try later
                raise Conflict("error.idempotency_in_progress")
            same_call = earlier.request_hash in (None, digest)
            if not (same_call and earlier.status_code is None and _take_over(earlier, digest)):
                return _replay(earlier, digest)
            record = _find(key, route)
        response = make_response(view(*args, **kwargs))
        if response.status_code < 400:  # a refusal is rolled back, claim and all, at the boundary
            record.status_code, record.body = response.status_code, response.get_json()
            db.session.flush()
        return response

    return wrapper
