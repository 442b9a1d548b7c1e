"""The scheduler's deliver_pending job sends what is due."""

from circles.core.types import utcnow
from circles.jobs import all_jobs
from circles.notify import notifications
from tests.factories import make_user


def test_the_scheduler_runs_deliver_pending_every_20_seconds(ctx, mail_settings):
    job = all_jobs()["deliver_pending"]
    assert job.interval.total_seconds() == 20  # an interrupted delivery waits at most that
    karen = make_user(email="karen@example.dk", notify_by=["email"])
    notifications.notify(karen, "membership.approved", circle="Trøjborg")
    assert job.run(utcnow()) == 1
    assert job.run(utcnow()) == 0
    assert len(mail_settings.received) == 1
