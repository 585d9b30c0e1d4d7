"""HTTP adapter: a Flask app factory around the summarizer library.

The summarize endpoint and its hardening come with the API issue; this package only
wires the app and loads the model once per process, so ``gunicorn 'api:create_app()'``
starts and answers its health check.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from summarizer import Summarizer

__all__ = ["create_app"]


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    if config:
        app.config.update(config)
    # Loaded once per worker process: Punkt's parameters take tens of milliseconds.
    app.extensions["summarizer"] = Summarizer()

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app
