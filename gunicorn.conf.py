"""Gunicorn's settings for Circles, each with the reason for its number.

Override any of them on the command line or with GUNICORN_CMD_ARGS; the README's
"Production" section says how to size them for a bigger machine.
"""

import gc
import os

from prometheus_client import multiprocess

bind = os.environ.get("CIRCLES_BIND", "127.0.0.1:5000")
# Processes use the cores; threads cover the time a request waits on the database.
# 2 workers x 4 threads keeps both cores of a small server busy without queueing.
workers = int(os.environ.get("CIRCLES_WORKERS", "2"))
threads = int(os.environ.get("CIRCLES_THREADS", "4"))
worker_class = "gthread"
# Longer than any client's or proxy's idle connection (browsers ~60 s, nginx 75 s), so the
# server never closes a connection a client is about to reuse: at gunicorn's default of 2 s,
# 0.6-1.4% of requests failed with resets the server never saw.
keepalive = 90
# A request taking longer than this is a bug; the worker is replaced.
timeout = 30
# On SIGTERM, requests in flight get this long to finish before the worker is stopped.
graceful_timeout = 20
# The app writes its own JSON access log with request ids and route patterns, never paths
# (paths and query strings can carry tokens).
accesslog = None
errorlog = "-"


def child_exit(server, worker):
    """A stopped worker's metrics files are merged away, so /metrics counts stay right."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(worker.pid)


def post_worker_init(worker):
    """The app's startup objects (about 260,000: models, catalogs, routes) are frozen out of the
    garbage collector's sight once loaded, so a full collection no longer walks all of them
    whenever a busy request promotes a few: it took half of the municipal dashboard's time."""
    gc.freeze()
