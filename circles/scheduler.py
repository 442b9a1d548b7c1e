"""The scheduler process: APScheduler runs each registered job, its job store in the database.

Two processes may run at once (or one may restart mid-run): the store keeps the schedule,
and every send goes through a dedupe key, so each reminder still goes out once.
"""

import contextlib
import logging
import signal
from datetime import UTC, datetime

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask, current_app
from sqlalchemy import select

from circles.core.models import scheduler_jobs
from circles.core.types import utcnow
from circles.db import transaction
from circles.extensions import db
from circles.jobs import all_jobs

log = logging.getLogger("circles.scheduler")
_app: Flask | None = None


def scheduler_now() -> datetime:
    """Now, or the moment CIRCLES_SCHEDULER_NOW pins (for tests)."""
    pinned = current_app.config["CIRCLES_SCHEDULER_NOW"]
    return datetime.fromisoformat(pinned).astimezone(UTC) if pinned else utcnow()


def run_job(name: str) -> int:
    """Run one job in the scheduler's app; module-level, so the job store can name it."""
    with _app.app_context():
        try:
            with transaction():
                done = all_jobs()[name].run(scheduler_now())
            log.info("job %s: %d", name, done)
            return done
        finally:
            db.session.remove()


def build(app: Flask) -> BlockingScheduler:
    """A scheduler holding every registered job, at intervals scaled by the setting."""
    global _app
    _app = app
    scale = app.config["CIRCLES_SCHEDULER_INTERVAL_SCALE"]
    store = SQLAlchemyJobStore(engine=db.engine, tablename="apscheduler_jobs")
    scheduler = BlockingScheduler(
        jobstores={"default": store},
        timezone=UTC,
        # A missed run is made up once, not once per missed interval.
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
    )
    # A restart keeps each job's place in the schedule; a job never stored runs at once.
    query = select(scheduler_jobs.c.id, scheduler_jobs.c.next_run_time)
    stored = {name: at for name, at in db.session.execute(query).all()}
    db.session.remove()
    for job in all_jobs().values():
        seconds = max(job.interval.total_seconds() * scale, 0.5)
        first = datetime.fromtimestamp(stored[job.name], UTC) if stored.get(job.name) else None
        scheduler.add_job(
            run_job,
            "interval",
            seconds=seconds,
            args=[job.name],
            id=job.name,
            name=job.name,
            replace_existing=True,
            next_run_time=first or datetime.now(UTC),
        )
    return scheduler


def run(app: Flask) -> None:
    """Run until SIGTERM or Ctrl-C."""
    scheduler = build(app)
    # SIGTERM stops like Ctrl-C: the main loop ends before the executor closes, so no due job is
    # handed to a closed pool (shutting down from the handler raced with the loop).
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        with contextlib.suppress(KeyboardInterrupt):
            scheduler.start()
    finally:
        if scheduler.running:
            scheduler.shutdown()
