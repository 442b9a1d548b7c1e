"""The scheduler process: APScheduler runs each registered job, its job store in the database.

Two processes may run at once (or one may restart mid-run): the store keeps the schedule,
and every send goes through a dedupe key, so each reminder still goes out once.
"""

import logging
import os
import signal
import threading
from datetime import UTC, datetime

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask, current_app
from sqlalchemy import select

from circles.core.models import scheduler_jobs
from circles.core.types import utcnow
from circles.db import transaction
from circles.extensions import db
from circles.jobs import all_jobs
from circles.ops.metrics import JOB_RUNS

log = logging.getLogger("circles.scheduler")
# How long a stop waits for a running job before the process leaves without it.
STOP_GRACE_SECONDS = 5
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
        except Exception:
            JOB_RUNS.labels(name, "failed").inc()
            raise
        else:
            JOB_RUNS.labels(name, "done").inc()
            log.info("job %s: %d", name, done)
            return done
        finally:
            db.session.remove()


def build(app: Flask) -> BackgroundScheduler:
    """A scheduler holding every registered job, at intervals scaled by the setting."""
    global _app
    _app = app
    scale = app.config["CIRCLES_SCHEDULER_INTERVAL_SCALE"]
    store = SQLAlchemyJobStore(engine=db.engine, tablename="apscheduler_jobs")
    scheduler = BackgroundScheduler(
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
    """Run until SIGTERM or Ctrl-C, and be gone within STOP_GRACE_SECONDS whatever a job does.

    The scheduler works in its own threads; the main thread only waits for a signal. A job
    or a job-store query still running after the grace period is cut off by leaving the
    process: every job is one transaction, so the database rolls it back, and its dedupe
    keys make the next run do it once.
    """
    scheduler = build(app)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    scheduler.start()
    while not stop.wait(0.5):
        pass
    log.info("stopping the scheduler")
    stopper = threading.Thread(target=scheduler.shutdown, kwargs={"wait": True}, daemon=True)
    stopper.start()
    stopper.join(STOP_GRACE_SECONDS)
    if stopper.is_alive():
        log.warning(
            "a job was still running after %s s; leaving it to roll back", STOP_GRACE_SECONDS
        )
        logging.shutdown()
        os._exit(0)
