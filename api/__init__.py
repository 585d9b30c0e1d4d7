"""HTTP adapter: a Flask app around the summarizer library.

``create_app(config=None)`` only wires things up: it reads and validates the
configuration (``ServiceConfig``, from ``SUMMARIZER_*`` environment variables,
``config`` overriding them), loads the model and opens the document store once, and
registers the blueprints (``routes``: summarize and health; ``documents``: ingest;
``digests``: the written daily digests; ``feeds``: the health of the polled feeds), the
request hooks and the problem+json error handlers. ``gunicorn 'api:create_app()'`` serves it with the settings in
``gunicorn.conf.py``.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Mapping
from typing import Any

from flask import Flask

from summarizer import Summarizer
from summarizer.store import open_store

from . import digests, documents, feeds, routes
from .config import ConfigError, ServiceConfig
from .hooks import register_hooks
from .problems import register_error_handlers
from .routes import start_draining

__all__ = ["ConfigError", "ServiceConfig", "create_app", "start_draining"]


def create_app(config: ServiceConfig | Mapping[str, Any] | None = None) -> Flask:
    """``config``: a whole ``ServiceConfig`` (what the tests pass, so that the shell's
    variables never reach them), or a mapping of fields that override the environment
    (``create_app({"max_documents": 2})``)."""
    settings = config if isinstance(config, ServiceConfig) else ServiceConfig.from_env(os.environ, config)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.extensions["summarizer.config"] = settings
    app.extensions["summarizer.draining"] = False
    # Loaded once per process: the Punkt model and the stem memo live in it.
    app.extensions["summarizer"] = Summarizer()
    # Opened once, at start-up (schema created or migrated). SQLite connects per
    # operation; PostgreSQL opens its pool in each worker on first use, after the fork.
    # A database that cannot be used stops start-up (StoreUnavailable).
    app.extensions["summarizer.store"] = open_store(settings.store_location)
    # One summary at a time per process: the work is CPU-bound and holds the GIL, so the
    # worker's threads would only interleave requests and finish all of them late (p99 of
    # the load benchmark 144 ms interleaved, 104 ms one at a time). The threads stay
    # free for what they are for: clients still sending or reading.
    app.extensions["summarizer.compute"] = threading.Lock()
    _log_to_stderr()
    register_hooks(app)
    register_error_handlers(app)
    app.register_blueprint(routes.blueprint)
    app.register_blueprint(documents.blueprint)
    app.register_blueprint(digests.blueprint)
    app.register_blueprint(feeds.blueprint)
    return app


def _log_to_stderr() -> None:
    """One JSON line per request goes to stderr, where gunicorn and containers collect
    it. Only when nothing else (a test harness, an embedding app) configured logging."""
    logger = logging.getLogger("summarizer")
    if logger.handlers or logging.getLogger().handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
