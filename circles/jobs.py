"""Scheduled jobs: plain functions of the current time, registered by name for the scheduler.

Each job returns how many things it acted on. Jobs must be safe to run twice at once (two
scheduler processes) and again after a crash: whatever they send goes through a dedupe key.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import import_module

# The modules whose jobs the scheduler runs; each registers its jobs with @every on import.
JOB_MODULES: list[str] = [
    "circles.core.jobs",
    "circles.accounts.jobs",
    "circles.help.jobs",
    "circles.notify.jobs",
    "circles.events.jobs",
    "circles.organizing.jobs",
    "circles.municipal.jobs",
    "circles.membership.jobs",
]


@dataclass(frozen=True)
class Job:
    """A job and how often it runs."""

    name: str
    run: Callable[[datetime], int]
    interval: timedelta


JOBS: dict[str, Job] = {}


def every(name: str, **interval) -> Callable:
    """Register the decorated function as the job `name`, run every interval (timedelta args)."""

    def register(function: Callable[[datetime], int]) -> Callable[[datetime], int]:
        JOBS[name] = Job(name, function, timedelta(**interval))
        return function

    return register


def all_jobs() -> dict[str, Job]:
    """Every registered job, after importing the modules that define them."""
    for module in JOB_MODULES:
        import_module(module)
    return JOBS
