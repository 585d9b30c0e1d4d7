"""Production settings for ``gunicorn 'api:create_app()'`` (read from the working directory).

Threaded workers (``api.server.ServiceWorker``, gunicorn's gthread with read deadlines, a
request deadline and problem+json answers), one process per core the service may use.
Summarizing is CPU-bound, so one process per core does the work; the threads of a
process wait on clients that are still sending or reading, so that a slow client costs
one thread and not a whole worker. Override any setting on the command line or in
GUNICORN_CMD_ARGS (e.g. ``--bind 0.0.0.0:8000`` in a container).

On the open internet, put a buffering reverse proxy (nginx, a cloud load balancer) in
front all the same: it takes slow clients, and many of them, off the workers entirely.
The deadlines below bound what each one costs; they do not make many of them free.
"""

from __future__ import annotations

import os
import signal
from typing import Any

from api.server import Timeouts

bind = os.environ.get("SUMMARIZER_BIND", "127.0.0.1:8000")
worker_class = "api.server.ServiceWorker"
workers = int(os.environ.get("WEB_CONCURRENCY", len(os.sched_getaffinity(0))))
# Threads per worker. The GIL lets one of them compute at a time, so more threads add no
# throughput, only room for clients in the middle of sending or reading. A worker takes a
# connection only while it has a thread free for it (api.server), so 2 workers of 8 hold
# 15 slow clients and still answer /healthz at once (tests/test_api_gunicorn.py holds 8);
# the 17th waits in the backlog until a deadline frees a thread. An idle thread costs
# little; busy ones cost memory: 8 of the largest allowed requests at once take a worker
# to about 0.5 GB, against 0.2 GB for one (lower the threads where memory is tight).
threads = int(os.environ.get("SUMMARIZER_THREADS", "8"))
# gunicorn's default, explicit: a kept-alive idle connection waits in the worker's
# poller (not in a thread) for its next request, at most 2 s.
keepalive = 2
# The read and request deadlines, in seconds (SUMMARIZER_HEADER_TIMEOUT 10,
# SUMMARIZER_BODY_TIMEOUT 20, SUMMARIZER_REQUEST_TIMEOUT 30; api.server.Timeouts says
# why). Read and checked here, so a bad value stops the start with the variable's name.
TIMEOUTS = Timeouts.from_env(os.environ)
# Load the app (and the Punkt model) once in the master; workers share it copy-on-write.
preload_app = True
# With threads this watches only the worker's main loop, which runs while requests
# compute (their deadline is TIMEOUTS.request): a worker whose loop stalls for 30 s is
# aborted, and its requests in flight are answered 503 first.
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
    """Hand the worker its deadlines. On SIGTERM a worker finishes its requests and
    exits; mark it as draining first, so /readyz tells a load balancer to stop sending
    it work."""
    from api import start_draining

    worker.timeouts = TIMEOUTS
    app = getattr(worker, "application", worker.wsgi)  # ServiceWorker wraps the app
    previous = signal.getsignal(signal.SIGTERM)

    def drain(signum: int, frame: Any) -> None:
        start_draining(app)
        if callable(previous):
            previous(signum, frame)

    signal.signal(signal.SIGTERM, drain)
