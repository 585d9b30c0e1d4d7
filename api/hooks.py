"""What happens around every request: request id, API-key check, one JSON log line,
security headers."""

from __future__ import annotations

import hmac
import json
import logging
import re
import time
import uuid

from flask import Flask, Response, current_app, g, request

from .config import ServiceConfig
from .problems import ApiError

__all__ = ["register_hooks"]

access_log = logging.getLogger("summarizer.access")
REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
OPEN_PATHS = frozenset({"/healthz", "/readyz", "/openapi.json"})
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    # The HTML digests carry their own inline <style>; nothing else may load.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def register_hooks(app: Flask) -> None:
    app.before_request(_start)
    app.after_request(_finish)


def _start() -> None:
    g.started = time.perf_counter()
    supplied = request.headers.get("X-Request-ID", "")
    g.request_id = supplied if REQUEST_ID_RE.fullmatch(supplied) else uuid.uuid4().hex
    config: ServiceConfig = current_app.extensions["summarizer.config"]
    if config.api_keys and request.path not in OPEN_PATHS and not _authorized(config.api_keys):
        raise ApiError(
            "unauthorized",
            "a valid API key is required in the Authorization (Bearer) or X-API-Key header",
            {"WWW-Authenticate": 'Bearer realm="summarizer"'},
        )


def _authorized(keys: tuple[str, ...]) -> bool:
    header = request.headers.get("Authorization", "")
    offered = header[7:] if header[:7].lower() == "bearer " else request.headers.get("X-API-Key", "")
    # Compare with every key, in constant time each, so timing reveals neither a key
    # nor which one matched.
    matches = [hmac.compare_digest(offered.encode(), key.encode()) for key in keys]
    return bool(offered) and any(matches)


def _finish(response: Response) -> Response:
    response.headers["X-Request-ID"] = g.get("request_id", "")
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    started = g.get("started", time.perf_counter())
    access_log.info(
        json.dumps(
            {
                "request_id": g.get("request_id", ""),
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                "documents": g.get("documents"),
                "sentences": g.get("sentences"),
                "bytes_in": request.content_length or 0,
                "bytes_out": response.calculate_content_length() or 0,
            }
        )
    )
    return response
