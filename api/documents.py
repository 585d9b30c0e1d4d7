"""Ingest: documents arrive during the day and wait in the store for the nightly digest."""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import Blueprint, Response, current_app, g, jsonify, request

from summarizer import InputError, parse_body
from summarizer.dates import parse_day, parse_zone
from summarizer.store import SQLiteStore

from .body import json_body
from .config import ServiceConfig
from .problems import ApiError

__all__ = ["blueprint"]

blueprint = Blueprint("documents", __name__)


def _store() -> SQLiteStore:
    config: ServiceConfig = current_app.extensions["summarizer.config"]
    return SQLiteStore(config.db_path)


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


@blueprint.get("/v1/digests/<day>")
def digest_json(day: str) -> Response:
    """The digest ``summarizer digest --out`` wrote for ``day``, as JSON."""
    return _digest_file(day, "json", "application/json")


@blueprint.get("/digests/<day>")
def digest_page(day: str) -> Response:
    """The same digest as the page a person reads."""
    return _digest_file(day, "html", "text/html")


def _day(value: str) -> date:
    try:
        return parse_day(value)
    except InputError as error:
        raise ApiError("invalid-request", str(error)) from None


def _digest_file(day: str, suffix: str, mimetype: str) -> Response:
    parsed = _day(day)
    config: ServiceConfig = current_app.extensions["summarizer.config"]
    path = config.digest_path / f"digest-{parsed.isoformat()}.{suffix}"
    if not path.is_file():
        raise ApiError("not-found", f"no digest has been written for {parsed.isoformat()}")
    return Response(path.read_bytes(), mimetype=mimetype)
