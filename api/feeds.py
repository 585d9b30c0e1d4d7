"""Read: the health of the feeds ``summarizer ingest`` polls (last success, last error,
consecutive failures, items seen), from the store. The service never polls a feed."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from summarizer.ingest import feed_health
from summarizer.store import DocumentStore

__all__ = ["blueprint"]

blueprint = Blueprint("feeds", __name__)


@blueprint.get("/v1/feeds")
def list_feeds() -> Response:
    """Every feed the store has polled, by URL."""
    store: DocumentStore = current_app.extensions["summarizer.store"]
    return jsonify(feeds=[feed_health(state) for state in store.feed_states()])
