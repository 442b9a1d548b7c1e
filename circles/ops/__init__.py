"""Operations: health and readiness, Prometheus metrics, JSON logs with request ids, backups.

Imports: core (and the extensions: operations watch the domains, they never call them).
"""

from flask import Flask

from circles.ops import health, logs, metrics, outage


def init_ops(app: Flask) -> None:
    """Request ids and logs first, so that everything after them is logged with its id."""
    logs.init_logs(app)
    metrics.init_metrics(app)
    outage.init_outage(app)
    app.register_blueprint(health.blueprint)
