"""The scheduler as real processes: two at once, one killed mid-run, every message sent once."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

from sqlalchemy import text

from circles.config import PROJECT_DIR
from circles.core.types import utcnow
from circles.extensions import db
from circles.notify.models import Notification
from circles.organizing.models import OutreachItem
from tests.factories import book, make_circle, make_event, make_member

SCALE = "0.002"  # five minutes become 0.6 s, an hour 7.2 s


def start_scheduler(database_url: str, now, log_path):
    """`flask --app wsgi circles scheduler` against the test database, its "now" pinned."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret",
        "CIRCLES_SCHEDULER_INTERVAL_SCALE": SCALE,
        "CIRCLES_SCHEDULER_NOW": now.isoformat(),
    }
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "circles", "scheduler"]
    log = open(log_path, "w")  # noqa: SIM115 (closed with the process below)
    process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=log, stderr=log)
    process.log = log
    return process


def wait_for(condition, seconds=60):
    """Poll until condition() holds; fail after seconds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        db.session.rollback()  # a fresh look at what the other processes wrote
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out waiting for the scheduler")


def counts():
    db.session.rollback()
    by_kind = {}
    for notification in Notification.query:
        by_kind[notification.kind] = by_kind.get(notification.kind, 0) + 1
    return by_kind, OutreachItem.query.count()


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    process.log.close()


def test_two_schedulers_and_a_restart_send_every_reminder_exactly_once(
    app, real_commits, ctx, database_url, tmp_path
):
    now = utcnow().replace(microsecond=0)
    circle = make_circle()
    organizer = make_member(circle, role="organizer")
    tomorrow = make_event(circle, organizer, starts_in=timedelta(hours=20), title="Gåtur")
    soon = make_event(circle, organizer, starts_in=timedelta(minutes=90), title="Spisning")
    make_event(circle, organizer, starts_in=timedelta(hours=10), title="Tomt foredrag")
    for _ in range(3):
        book(tomorrow, make_member(circle))
    for _ in range(2):
        book(soon, make_member(circle))
    quiet = make_member(circle, name="Stille Svend")
    quiet.last_active_at = now - timedelta(days=40)
    db.session.commit()
    expected = {"event_reminder_24h": 3, "event_reminder_2h": 2, "event_empty": 1}, 2

    logs = [tmp_path / f"scheduler-{n}.log" for n in range(3)]
    first = start_scheduler(database_url, now, logs[0])
    second = start_scheduler(database_url, now, logs[1])
    try:
        wait_for(lambda: "Running job" in logs[0].read_text())
        first.kill()  # a crash in the middle of its first round
        first.wait()
        third = start_scheduler(database_url, now, logs[2])
        try:
            wait_for(lambda: counts() == expected)
            wait_for(lambda: logs[2].read_text().count("executed successfully") >= 4)
            wait_for(lambda: logs[1].read_text().count("executed successfully") >= 8)
        finally:
            stop(third)
    finally:
        stop(second)
        stop(first)
    assert counts() == expected  # many rounds by three processes later, still once each
    for log in logs[1:]:
        assert "Traceback" not in log.read_text(), log.read_text()


def test_a_stop_signal_ends_the_scheduler_within_seconds_even_inside_a_job_store_query(
    app, ctx, database_url, tmp_path, real_commits
):
    log_path = tmp_path / "scheduler.log"
    process = start_scheduler(database_url, utcnow(), log_path)
    try:
        wait_for(lambda: "executed successfully" in log_path.read_text())
        with db.engine.connect() as blocker:
            # Hold the job store and what jobs read: the scheduler's next look at its store and
            # the jobs it runs wait on these locks (SQLite: every write waits its busy timeout).
            if blocker.dialect.name == "postgresql":
                blocker.execute(text("LOCK TABLE apscheduler_jobs, users IN ACCESS EXCLUSIVE MODE"))
            else:
                blocker.exec_driver_sql("BEGIN EXCLUSIVE")
            time.sleep(2)  # the scheduler wakes every 0.6 s: it is now waiting in its query
            signalled = time.monotonic()
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            finally:
                blocker.rollback()
        took = time.monotonic() - signalled
    finally:
        stop(process)
    assert took < 10, f"the scheduler took {took:.1f} s to stop"
    assert "stopping the scheduler" in log_path.read_text()
