"""/healthz: the process answers. /readyz: it can serve, with the database, Redis and scheduler.

Both are public and say nothing about people. A load balancer takes a server out of rotation
when /readyz is not 200; a late scheduler is reported but does not make the web server unready
(the web keeps serving members while the operator restarts the scheduler).
"""

from datetime import UTC, datetime

import redis
from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from circles.extensions import db

blueprint = Blueprint("ops", __name__)
# A job overdue by more than this means no scheduler is running them.
SCHEDULER_LATE_SECONDS = 300


@blueprint.get("/healthz")
def healthz():
    """Anyone: the process is alive. Touches nothing else."""
    return jsonify(status="ok")


@blueprint.get("/readyz")
def readyz():
    """Anyone: whether the database and Redis answer, and whether the scheduler keeps time."""
    checks = {"database": database(), "redis": shared_state(), "scheduler": scheduler()}
    ready = checks["database"] == "ok" and checks["redis"] in {"ok", "not used"}
    return jsonify(status="ok" if ready else "unavailable", checks=checks), 200 if ready else 503


def database() -> str:
    """One round trip."""
    try:
        db.session.execute(text("SELECT 1"))
        return "ok"
    except Exception:  # any failure to answer is "down", whatever the driver raises
        db.session.rollback()
        return "down"


def shared_state() -> str:
    """Redis, when rate limits (and so sessions' limits) are kept there."""
    uri = current_app.config["RATELIMIT_STORAGE_URI"]
    if not uri.startswith("redis"):
        return "not used"
    try:
        redis.Redis.from_url(uri, socket_timeout=1, socket_connect_timeout=1).ping()
        return "ok"
    except redis.RedisError:
        return "down"


def scheduler() -> str:
    """The scheduler's heartbeat is its job store: a running scheduler leaves no job overdue."""
    try:
        earliest = db.session.execute(
            text("SELECT min(next_run_time) FROM apscheduler_jobs")
        ).scalar()
    except Exception:  # the database being down is reported above
        db.session.rollback()
        return "unknown"
    if earliest is None:
        return "not started"
    late = datetime.now(UTC).timestamp() - earliest
    return "ok" if late < SCHEDULER_LATE_SECONDS else "late"
