"""Errors as RFC 9457 problem details (``application/problem+json``).

Every 4xx and 5xx the service sends is one of these, with ``type``, ``title``,
``status``, ``detail`` and the ``request_id`` of the request; never HTML, never a
traceback. ``ApiError`` is raised by the views; ``register_error_handlers`` turns it,
werkzeug's HTTP errors and anything unexpected into a problem response.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from flask import Flask, Response, g
from werkzeug.exceptions import HTTPException

from summarizer.errors import StoreUnavailable

__all__ = [
    "PROBLEM_TYPES",
    "ApiError",
    "problem_document",
    "problem_response",
    "register_error_handlers",
    "slug_for_status",
]

log = logging.getLogger("summarizer.api")

# slug -> (status, title). The type URI is "urn:summarizer:problem:<slug>".
# The first slug of a status is the one an HTTP error of that status gets (slug_for_status).
PROBLEM_TYPES: dict[str, tuple[int, str]] = {
    "malformed-request": (400, "Malformed request"),
    "unauthorized": (401, "Unauthorized"),
    "not-found": (404, "Not found"),
    "method-not-allowed": (405, "Method not allowed"),
    "not-acceptable": (406, "Not acceptable"),
    "payload-too-large": (413, "Payload too large"),
    "unsupported-media-type": (415, "Unsupported media type"),
    "invalid-request": (422, "Invalid request"),
    "no-summarizable-text": (422, "No summarizable text"),
    "not-ready": (503, "Service not ready"),
    "store-unavailable": (503, "Document store unavailable"),
    "internal-error": (500, "Internal server error"),
    # Answered by the gunicorn worker (api/server.py): a client too slow to send its
    # request, a request still running at its deadline, and gunicorn's own refusals of
    # what it cannot parse.
    "request-timeout": (408, "Request timeout"),
    "deadline-exceeded": (503, "Request took too long"),
    "forbidden": (403, "Forbidden"),
    "uri-too-long": (414, "URI too long"),
    "expectation-failed": (417, "Expectation failed"),
    "header-fields-too-large": (431, "Request header fields too large"),
    "not-implemented": (501, "Not implemented"),
}
_SLUG_FOR_STATUS = {status: slug for slug, (status, _) in reversed(PROBLEM_TYPES.items())}


class ApiError(Exception):
    def __init__(self, slug: str, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.slug = slug
        self.detail = detail
        self.headers = headers or {}


def problem_document(slug: str, detail: str, request_id: str) -> dict[str, Any]:
    """The problem details object; ``problem_response`` sends it from a view, the worker
    (``api/server.py``) from outside the app."""
    status, title = PROBLEM_TYPES[slug]
    return {
        "type": f"urn:summarizer:problem:{slug}",
        "title": title,
        "status": status,
        "detail": detail,
        "request_id": request_id,
    }


def slug_for_status(status: int) -> str:
    return _SLUG_FOR_STATUS.get(status, "malformed-request" if status < 500 else "internal-error")


def problem_response(slug: str, detail: str, headers: dict[str, str] | None = None) -> Response:
    body = problem_document(slug, detail, g.get("request_id", ""))
    response = Response(json.dumps(body), status=body["status"], mimetype="application/problem+json")
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def api_error(error: ApiError) -> Response:
        return problem_response(error.slug, error.detail, error.headers)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        status = error.code or 500
        slug = slug_for_status(status)
        headers = {k: v for k, v in error.get_headers() if k.lower() == "allow"}
        detail = error.description or PROBLEM_TYPES[slug][1]
        if status == 413:
            detail = f"request body is larger than {app.config['MAX_CONTENT_LENGTH']:,} bytes"
        return problem_response(slug, detail, headers)

    @app.errorhandler(StoreUnavailable)
    def store_unavailable(error: StoreUnavailable) -> Response:
        # The database is down or its pool exhausted: the client may retry; the operator
        # finds the cause (server, no password) in the log.
        log.warning("store unavailable: %s", error, extra={"request_id": g.get("request_id", "")})
        detail = "the document store cannot be reached; try again later"
        return problem_response("store-unavailable", detail, {"Retry-After": "5"})

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Response:
        log.exception("unhandled error", extra={"request_id": g.get("request_id", "")})
        return problem_response("internal-error", "the server failed to handle this request; it has been logged")
