"""Production settings for ``gunicorn 'api:create_app()'`` (read from the working directory).

Summarizing is CPU-bound, so: sync workers, one per core the process may use; more
would only queue inside the kernel and add latency. Override any setting on the
command line or in GUNICORN_CMD_ARGS (e.g. ``--bind 0.0.0.0:8000`` in a container).
"""

from __future__ import annotations

import os
import signal
from typing import Any

bind = os.environ.get("SUMMARIZER_BIND", "127.0.0.1:8000")
worker_class = "sync"
workers = int(os.environ.get("WEB_CONCURRENCY", len(os.sched_getaffinity(0))))
# Load the app (and the Punkt model) once in the master; workers share it copy-on-write.
preload_app = True
# The largest allowed request takes about 2.5 s (README, Service); 30 s leaves room for
# a loaded machine while still killing a stuck worker.
timeout = 30
graceful_timeout = 30
# Recycle workers now and then so slow leaks cannot grow; jitter avoids all at once.
max_requests = 2000
max_requests_jitter = 200
# Request-line and header limits (gunicorn's defaults made explicit): the API takes
# short paths and few headers.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
# The app writes one JSON line per request itself; gunicorn logs only its own events.
accesslog = None
errorlog = "-"
loglevel = "info"


def post_worker_init(worker: Any) -> None:
    """On SIGTERM a worker finishes its request and exits; mark it as draining first,
    so /readyz tells a load balancer to stop sending it work."""
    from api import start_draining

    previous = signal.getsignal(signal.SIGTERM)

    def drain(signum: int, frame: Any) -> None:
        start_draining(worker.wsgi)
        if callable(previous):
            previous(signum, frame)

    signal.signal(signal.SIGTERM, drain)
