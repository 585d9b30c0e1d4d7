"""Ingest: documents arrive during the day and wait in the store for the nightly digest."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, Response, current_app, g, jsonify, request

from summarizer import InputError, parse_body
from summarizer.dates import parse_day, parse_zone
from summarizer.store import DocumentStore

from .body import json_body
from .config import ServiceConfig
from .problems import ApiError

__all__ = ["blueprint"]

blueprint = Blueprint("documents", __name__)


def _store() -> DocumentStore:
    """The app's one store, made by ``create_app``."""
    store: DocumentStore = current_app.extensions["summarizer.store"]
    return store


@blueprint.post("/v1/documents")
def add_documents() -> tuple[Response, int]:
    """Store ``{"documents": [...]}`` (the /v1/summarize shape; options are not taken).
    201 when any document is new, 200 when all were there already."""
    config: ServiceConfig = current_app.extensions["summarizer.config"]
    body = json_body(config)
    try:
        parsed = parse_body(body)
    except InputError as error:
        raise ApiError("invalid-request", str(error)) from None
    if parsed.options:
        raise ApiError("invalid-request", f"unknown field {sorted(parsed.options)[0]!r}; send only 'documents'")
    if not parsed.documents:
        raise ApiError("invalid-request", "request body: 'documents' is empty")
    if len(parsed.documents) > config.max_documents:
        raise ApiError("payload-too-large", f"{len(parsed.documents)} documents; at most {config.max_documents}")
    for document in parsed.documents:
        # PostgreSQL cannot store U+0000 in text; refused on every backend alike.
        field = next((k for k, v in vars(document).items() if isinstance(v, str) and "\x00" in v), None)
        if field:
            raise ApiError("invalid-request", f"document {document.id!r}: {field} holds a NUL character")
    g.documents = len(parsed.documents)
    received = datetime.now(UTC)
    store = _store()
    results = [store.add(d, received) for d in parsed.documents]
    stored = [{"id": r.document.id, "created": r.created} for r in results]
    return jsonify(documents=stored), 201 if any(r.created for r in results) else 200


@blueprint.get("/v1/documents")
def list_documents() -> Response:
    """Stored documents (without their text): of one day (``?date=YYYY-MM-DD``, in
    ``?timezone=``, default UTC), or the most recent 100."""
    store = _store()
    day = request.args.get("date")
    try:
        zone = parse_zone(request.args.get("timezone", "UTC"))
        documents = store.published_on(parse_day(day), zone) if day else store.list()
    except InputError as error:
        raise ApiError("invalid-request", str(error)) from None
    return jsonify(
        documents=[
            {
                "id": d.id,
                "outlet": d.outlet,
                "title": d.title,
                "url": d.url,
                "published_at": d.published_at.isoformat() if d.published_at else None,
            }
            for d in documents
        ]
    )
