"""``GET /v1/feeds``: the health ``summarizer ingest`` recorded, as the OpenAPI document says."""

from __future__ import annotations

from datetime import UTC, datetime

import jsonschema
from flask import Flask

from api.openapi import openapi_document
from summarizer.store import FeedState

from .api_support import AppFactory


def test_lists_each_feeds_health(make_app: AppFactory) -> None:
    app: Flask = make_app()
    store = app.extensions["summarizer.store"]
    moment = datetime(2026, 3, 10, 9, tzinfo=UTC)
    store.save_feed_state(FeedState("http://127.0.0.1:1/ok.xml", "Harbor Daily", last_success=moment))
    store.save_feed_state(
        FeedState("http://127.0.0.1:1/bad.xml", "Broken", last_error="HTTP 500", last_error_at=moment, failures=3)
    )
    body = app.test_client().get("/v1/feeds").get_json()
    assert [(f["url"].rsplit("/", 1)[1], f["status"], f["consecutive_failures"]) for f in body["feeds"]] == [
        ("bad.xml", "failing", 3),
        ("ok.xml", "ok", 0),
    ]
    assert body["feeds"][1]["last_success"] == "2026-03-10T09:00:00+00:00"
    document = openapi_document()
    jsonschema.validate(
        body,
        {
            **document["paths"]["/v1/feeds"]["get"]["responses"]["200"]["content"]["application/json"]["schema"],
            "components": document["components"],
        },
    )


def test_needs_the_api_key_when_keys_are_set(make_app: AppFactory) -> None:
    client = make_app(api_keys=("k" * 16,)).test_client()
    assert client.get("/v1/feeds").status_code == 401
    assert client.get("/v1/feeds", headers={"X-API-Key": "k" * 16}).get_json() == {"feeds": []}
