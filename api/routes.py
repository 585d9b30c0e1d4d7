"""Summarizing, the health checks and the OpenAPI document, as one blueprint (the other
two: ``documents``, ingest; ``digests``, the written daily digests). Views parse and
check input at the boundary, call the library once, and render; they hold no logic of
their own."""

from __future__ import annotations

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

from .body import json_body
from .config import ServiceConfig
from .openapi import openapi_document
from .problems import ApiError

__all__ = ["blueprint", "start_draining"]

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
        with current_app.extensions["summarizer.compute"]:
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
