"""The service's endpoints, as one blueprint. Views parse and check input at the
boundary, call the library once, and render; they hold no logic of their own."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, current_app, g, jsonify, request

from summarizer import (
    InputError,
    NoSummarizableText,
    Summarizer,
    SummaryOptions,
    parse_body,
    render,
)
from summarizer.options import PUBLIC_OPTIONS
from summarizer.readers import estimate_sentences

from .config import ServiceConfig
from .openapi import openapi_document
from .problems import ApiError

__all__ = ["blueprint", "json_body", "start_draining"]

blueprint = Blueprint("service", __name__)

# Media type -> renderer; JSON first, so it is the default for "*/*" or no Accept.
RENDERED_TYPES = {
    "application/json": "json",
    "text/markdown": "markdown",
    "text/html": "html",
    "text/plain": "text",
}


@blueprint.post("/v1/summarize")
def summarize() -> Response:
    config: ServiceConfig = current_app.extensions["summarizer.config"]
    media_type = _negotiate()
    body = json_body(config)
    try:
        parsed = parse_body(body)
        options = SummaryOptions.from_mapping(parsed.options, allowed=PUBLIC_OPTIONS)
    except InputError as error:
        raise ApiError("invalid-request", str(error)) from None
    g.documents = len(parsed.documents)
    if len(parsed.documents) > config.max_documents:
        raise ApiError(
            "payload-too-large", f"{len(parsed.documents)} documents; at most {config.max_documents} per request"
        )
    estimate = estimate_sentences(parsed.documents)
    if estimate > config.max_sentences:
        raise ApiError(
            "payload-too-large", f"about {estimate:,} sentences; at most {config.max_sentences:,} per request"
        )
    summarizer: Summarizer = current_app.extensions["summarizer"]
    try:
        digest = summarizer.summarize(parsed.documents, options)
    except NoSummarizableText as error:
        raise ApiError("no-summarizable-text", str(error)) from None
    except InputError as error:
        raise ApiError("invalid-request", str(error)) from None
    g.sentences = digest.input_sentences
    return Response(render(digest, RENDERED_TYPES[media_type]), mimetype=media_type)  # type: ignore[arg-type]


@blueprint.get("/healthz")
def healthz() -> Response:
    """Liveness: the process answers. Cheap on purpose."""
    return jsonify(status="ok")


@blueprint.get("/readyz")
def readyz() -> Response:
    """Readiness: the model is loaded (the app exists only after it is) and the worker
    is not draining."""
    if current_app.extensions.get("summarizer.draining"):
        raise ApiError("not-ready", "the worker is shutting down; retry on another")
    return jsonify(status="ready")


@blueprint.get("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document())


def start_draining(app: Any) -> None:
    """Mark the app as shutting down: /readyz answers 503 from now on."""
    app.extensions["summarizer.draining"] = True


def _negotiate() -> str:
    if not request.headers.get("Accept", "").strip():
        return "application/json"  # no preference stated
    best = request.accept_mimetypes.best_match(list(RENDERED_TYPES))
    if best is None:
        raise ApiError(
            "not-acceptable",
            f"cannot produce {request.headers.get('Accept')!r}; offer one of {', '.join(RENDERED_TYPES)}",
        )
    return str(best)


def json_body(config: ServiceConfig) -> Any:
    if not (request.mimetype == "application/json" or request.mimetype.endswith("+json")):
        raise ApiError(
            "unsupported-media-type", f"send the body as application/json, not {request.mimetype or 'nothing'}"
        )
    raw = request.get_data(cache=False)  # werkzeug enforces MAX_CONTENT_LENGTH here (413)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ApiError("malformed-request", f"body is not valid UTF-8 (byte offset {error.start})") from None
    try:
        body = json.loads(text)
    except json.JSONDecodeError as error:
        raise ApiError(
            "malformed-request", f"body is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None
    except RecursionError:
        raise ApiError("malformed-request", f"JSON nests deeper than {config.max_json_depth} levels") from None
    if _depth(body) > config.max_json_depth:
        raise ApiError("malformed-request", f"JSON nests deeper than {config.max_json_depth} levels")
    return body


def _depth(value: Any) -> int:
    """Nesting depth of parsed JSON, walked without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest
