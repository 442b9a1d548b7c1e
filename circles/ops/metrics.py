"""Prometheus metrics at /metrics: requests by route and status, latency, deliveries, jobs.

Under gunicorn each worker is a process: with `PROMETHEUS_MULTIPROC_DIR` set (scripts/run
sets it), every worker and the scheduler write their counts there and /metrics adds them up.
"""

import hmac
import os

from flask import Flask, Response, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import text

from circles.extensions import db
from circles.ops.logs import elapsed, route_pattern

REQUESTS = Counter(
    "circles_requests_total", "HTTP requests answered", ["method", "route", "status"]
)
LATENCY = Histogram(
    "circles_request_seconds",
    "Time to answer an HTTP request",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
IN_PROGRESS_REPLIES = Counter(
    "circles_idempotency_in_progress_total",
    "409 answers telling an app's outbox that its request is still being handled",
)
# The other 409s to an outbox's call (it carries an Idempotency-Key): the member is told why.
OUTBOX_REFUSALS = Counter(
    "circles_outbox_conflicts_total",
    "409 answers refusing a call from an app's outbox (the member is told why)",
)
IN_PROGRESS_KEY = "error.idempotency_in_progress"
LOOPBACK = {"127.0.0.1", "::1"}
JOB_RUNS = Counter("circles_job_runs_total", "Scheduled job runs", ["job", "outcome"])


class DeliveryStates:
    """Deliveries by channel and state, read from the database when Prometheus scrapes."""

    def __init__(self, app: Flask):
        self.app = app

    def collect(self):
        """One gauge, a sample per channel and state."""
        gauge = GaugeMetricFamily(
            "circles_deliveries",
            "Notification deliveries by channel and state",
            labels=["channel", "state"],
        )
        with self.app.app_context():
            try:
                rows = db.session.execute(
                    text(
                        "SELECT channel, status, count(*) FROM deliveries GROUP BY channel, status"
                    )
                ).all()
            finally:
                db.session.remove()
        for channel, state, count in rows:
            gauge.add_metric([channel, state], count)
        yield gauge


def count_request(response: Response) -> Response:
    """Count and time the request."""
    route = route_pattern()  # labels stay few
    REQUESTS.labels(request.method, route, str(response.status_code)).inc()
    LATENCY.labels(route).observe(elapsed())
    if response.status_code == 409 and request.headers.get("Idempotency-Key"):
        # The outbox keeps an "in progress" call and tries again; any other 409 it shows.
        body = response.get_json(silent=True) if response.is_json else None
        in_progress = isinstance(body, dict) and body.get("key") == IN_PROGRESS_KEY
        (IN_PROGRESS_REPLIES if in_progress else OUTBOX_REFUSALS).inc()
    return response


def registry(app: Flask) -> CollectorRegistry:
    """This process's metrics, or all processes' in multiprocess mode, plus the deliveries."""
    combined = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(combined)
    else:
        for collector in (REQUESTS, LATENCY, IN_PROGRESS_REPLIES, OUTBOX_REFUSALS, JOB_RUNS):
            combined.register(collector)
    combined.register(DeliveryStates(app))
    return combined


def init_metrics(app: Flask) -> None:
    """Count every request, and serve /metrics."""
    app.after_request(count_request)

    @app.get("/metrics")
    def metrics():
        """The operator's scraper: CIRCLES_METRICS_TOKEN as a bearer token, else loopback only."""
        if not may_scrape(app.config["CIRCLES_METRICS_TOKEN"]):
            return Response(status=404)
        return Response(generate_latest(registry(app)), content_type=CONTENT_TYPE_LATEST)


def may_scrape(token: str) -> bool:
    """The configured token, compared in constant time; without one, only this machine."""
    if token:
        offered = request.headers.get("Authorization", "").removeprefix("Bearer ")
        return hmac.compare_digest(offered.encode(), token.encode())
    return request.remote_addr in LOOPBACK
