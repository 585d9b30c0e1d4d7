"""The HTTP contract: what a client sends and gets back (Flask's test client)."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api import start_draining
from summarizer import Digest, Document, Summarizer, SummaryOptions, parse_body, render

from .api_support import AppFactory, ferry_body


def test_summarize_returns_exactly_what_the_cli_prints_for_the_same_body(
    client: FlaskClient, summarizer: Summarizer
) -> None:
    body = ferry_body(max_words=80, order="source")
    response = client.post("/v1/summarize", json=body)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    request = parse_body(body)
    expected = render(summarizer.summarize(request.documents, SummaryOptions.from_mapping(request.options)), "json")
    assert response.get_data(as_text=True) == expected


@pytest.mark.parametrize(
    ("accept", "media_type", "marker"),
    [
        ("text/markdown", "text/markdown", "[Coastal Times]"),
        ("text/html", "text/html", "<!DOCTYPE html>"),
        ("text/plain", "text/plain", "1. "),
        ("*/*", "application/json", '"summary"'),
        ("text/html;q=0.5, text/markdown", "text/markdown", "- "),
    ],
)
def test_accept_chooses_the_rendering(client: FlaskClient, accept: str, media_type: str, marker: str) -> None:
    body = ferry_body()
    body["documents"][0]["url"] = "https://coastal.example/ferry"
    response = client.post("/v1/summarize", json=body, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert marker in response.get_data(as_text=True)


def test_health_and_readiness(client: FlaskClient) -> None:
    assert client.get("/healthz").get_json() == {"status": "ok"}
    assert client.get("/readyz").get_json() == {"status": "ready"}


def test_readiness_is_503_while_draining(make_app: AppFactory) -> None:
    app = make_app()
    start_draining(app)
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert app.test_client().get("/healthz").status_code == 200


def test_request_id_is_echoed_when_sane_and_generated_otherwise(client: FlaskClient) -> None:
    assert client.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers["X-Request-ID"] == "abc-123"
    generated = client.get("/healthz", headers={"X-Request-ID": "bad id\u00e9<script>"}).headers["X-Request-ID"]
    assert generated != "bad id\u00e9<script>"
    assert len(generated) == 32
    problem = client.post("/v1/summarize", data="{", content_type="application/json", headers={"X-Request-ID": "r-1"})
    assert problem.get_json()["request_id"] == "r-1"


def test_security_headers_on_every_response(client: FlaskClient) -> None:
    for response in (client.get("/healthz"), client.post("/v1/summarize", json=ferry_body()), client.get("/nope")):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "default-src 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["Cache-Control"] == "no-store"


def test_one_json_log_line_per_request_without_article_text(
    app: Flask, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    model: Summarizer = app.extensions["summarizer"]
    summarize = model.summarize

    def slow_summarize(documents: Sequence[Document], options: SummaryOptions) -> Digest:
        time.sleep(0.05)
        return summarize(documents, options)

    # The request takes at least 50 ms, so a duration in seconds, or one that timed
    # nothing, fails.
    monkeypatch.setattr(model, "summarize", slow_summarize)
    caplog.set_level(logging.INFO, logger="summarizer.access")
    app.test_client().post("/v1/summarize", json=ferry_body(), headers={"X-Request-ID": "log-1"})
    lines = [r.getMessage() for r in caplog.records if r.name == "summarizer.access"]
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["request_id"] == "log-1"
    assert entry["status"] == 200
    assert entry["documents"] == 3
    assert entry["sentences"] > 0
    assert entry["bytes_in"] > 0
    assert entry["bytes_out"] > 0
    assert 50 <= entry["duration_ms"] < 60_000
    assert "ferry" not in lines[0].lower()


def test_openapi_document_is_served(client: FlaskClient) -> None:
    document = client.get("/openapi.json").get_json()
    assert document["openapi"] == "3.1.0"
    assert "/v1/summarize" in document["paths"]


@pytest.mark.slow
@pytest.mark.parametrize("module", ["flask", "feedgen", "httpx", "psycopg", "trafilatura"])
def test_the_cli_starts_without_what_only_other_commands_need(module: str) -> None:
    """Flask is the API's; feedgen the digest's feeds; httpx ingest's; psycopg a PostgreSQL
    store's; trafilatura an HTML page's. Each costs start-up time when imported early."""
    import subprocess
    import sys

    code = f"import sys, summarizer, summarizer.cli; sys.exit({module!r} in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@pytest.mark.slow
def test_access_lines_reach_stderr_when_nothing_else_configured_logging(tmp_path: Path) -> None:
    """As under gunicorn: no logging set up by anyone; the JSON line still gets out."""
    import subprocess
    import sys

    config = f"ServiceConfig(db={str(tmp_path / 'docs.db')!r}, digest_dir={str(tmp_path)!r})"
    code = (
        "from api import ServiceConfig, create_app\n"
        f"create_app({config}).test_client().get('/healthz', headers={{'X-Request-ID': 'stderr-1'}})\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    entries = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert [(e["request_id"], e["status"], e["path"]) for e in entries] == [("stderr-1", 200, "/healthz")]
