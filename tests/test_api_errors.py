"""Every error the API can answer, each as application/problem+json with the right status."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from .api_support import AppFactory, ferry_body

KEY = "k" * 24


def assert_problem(response: TestResponse, status: int, detail_fragment: str) -> dict[str, Any]:
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    problem: dict[str, Any] = response.get_json()
    assert set(problem) == {"type", "title", "status", "detail", "request_id"}
    assert problem["status"] == status
    assert problem["type"].startswith("urn:summarizer:problem:")
    assert detail_fragment in problem["detail"]
    assert "Traceback" not in response.get_data(as_text=True)
    return problem


def post(client: FlaskClient, data: bytes | str, content_type: str = "application/json", **kw: Any) -> TestResponse:
    return client.post("/v1/summarize", data=data, content_type=content_type, **kw)


def test_malformed_json_is_400(client: FlaskClient) -> None:
    assert_problem(post(client, '{"documents": ['), 400, "not valid JSON")


def test_invalid_utf8_is_400(client: FlaskClient) -> None:
    assert_problem(
        post(client, b'{"documents": [{"text": "caf\xe9"}]}'), 400, "not valid UTF-8 (byte 0xe9 at offset 28)"
    )


@pytest.mark.parametrize("depth", [40, 100_000])
def test_deep_nesting_is_400_not_a_recursion_crash(client: FlaskClient, depth: int) -> None:
    assert_problem(post(client, "[" * depth + "]" * depth), 400, "nests deeper than 32")


def test_wrong_content_type_is_415(client: FlaskClient) -> None:
    assert_problem(post(client, json.dumps(ferry_body()), "text/plain"), 415, "application/json")
    assert_problem(client.post("/v1/summarize", data=b"x"), 415, "application/json")


def test_wrong_method_is_405_with_allow(client: FlaskClient) -> None:
    response = client.get("/v1/summarize")
    assert_problem(response, 405, "")
    assert "POST" in response.headers["Allow"]


def test_unknown_path_is_404(client: FlaskClient) -> None:
    assert_problem(client.get("/v2/anything"), 404, "")


def test_unproducible_accept_is_406(client: FlaskClient) -> None:
    assert_problem(client.post("/v1/summarize", json=ferry_body(), headers={"Accept": "image/png"}), 406, "image/png")


def test_body_over_the_size_limit_is_413(make_app: AppFactory) -> None:
    client = make_app(max_body_bytes=5_000).test_client()
    assert_problem(post(client, json.dumps(ferry_body()) + " " * 5_000), 413, "larger than 5,000 bytes")


def test_too_many_documents_is_413(make_app: AppFactory) -> None:
    client = make_app(max_documents=2).test_client()
    assert_problem(client.post("/v1/summarize", json=ferry_body()), 413, "3 documents; at most 2")


def test_too_many_sentences_is_413_before_any_work(make_app: AppFactory) -> None:
    client = make_app(max_sentences=20).test_client()
    body = {"documents": [{"text": "The ferry sailed on time. " * 50}]}
    assert_problem(client.post("/v1/summarize", json=body), 413, "at most 20 per request")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "missing 'documents'"),
        ({"documents": "x"}, "'documents' must be a list"),
        ({"documents": [{"text": 5}]}, "documents[0]: text must be a string"),
        ({"documents": [{"text": "a", "html": "b"}]}, "documents[0]: give exactly one of 'text' or 'html'"),
        ({"documents": [{"text": "a", "colour": "b"}]}, "unknown field 'colour'"),
        ({"documents": [{"text": "a", "published_at": "soon"}]}, "published_at 'soon'"),
        ({"documents": [{"text": "\ud800 a lone surrogate"}]}, "lone surrogate"),
        ({"documents": [{"text": "a"}], "max_words": 0}, "max_words must be between"),
        ({"documents": [{"text": "a"}], "max_words": "many"}, "max_words must be an integer"),
        ({"documents": [{"text": "a"}], "order": "random"}, "order must be one of"),
        ({"documents": [{"text": "a"}], "damping": 0.5}, "unknown option 'damping'"),
        ([1, 2], "documents[0]: a document must be a JSON object"),
        # Issue 11.4: only http(s) URLs become links, so nothing else is taken.
        ({"documents": [{"text": "a", "url": "javascript:alert(1)"}]}, "is not an absolute http or https URL"),
        ({"documents": [{"text": "a", "url": "data:text/html,<b>x</b>"}]}, "is not an absolute http or https URL"),
        ({"documents": [{"text": "a", "url": "https://x.example/\n<script>"}]}, "not an absolute http or https"),
        # Issue 11.6: valid ISO 8601, but past what a day can be computed for (was a 500).
        ({"documents": [{"text": "a", "published_at": "9999-12-31T23:59:59-23:59"}]}, "outside the supported range"),
        ({"documents": [{"text": "a", "published_at": "0001-01-01T00:00:00+14:00"}]}, "outside the supported range"),
        # Issue 11.9: the CLI refused a repeated id; the API cited two sources both named d1.
        ({"documents": [{"id": "d1", "text": "a"}, {"id": "d1", "text": "b"}]}, "duplicate document id 'd1'"),
    ],
)
def test_schema_violations_are_422_naming_the_field(client: FlaskClient, body: Any, field: str) -> None:
    assert_problem(client.post("/v1/summarize", json=body), 422, field)


@pytest.mark.parametrize("documents", [[], [{"text": "   "}], [{"text": "Skip to content\nShare this"}]])
def test_nothing_to_summarize_is_422(client: FlaskClient, documents: list[dict[str, str]]) -> None:
    response = client.post("/v1/summarize", json={"documents": documents})
    assert_problem(response, 422, "no documents" if not documents else "no summarizable text")


def test_api_keys_guard_everything_but_health(make_app: AppFactory) -> None:
    client = make_app(api_keys=(KEY,)).test_client()
    response = client.post("/v1/summarize", json=ferry_body())
    assert_problem(response, 401, "API key")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert_problem(client.post("/v1/summarize", json=ferry_body(), headers={"X-API-Key": "k" * 23 + "x"}), 401, "")
    assert (
        client.post("/v1/summarize", json=ferry_body(), headers={"Authorization": f"Bearer {KEY}"}).status_code == 200
    )
    assert client.post("/v1/summarize", json=ferry_body(), headers={"X-API-Key": KEY}).status_code == 200
    for path in ("/healthz", "/readyz", "/openapi.json"):
        assert client.get(path).status_code == 200
    # Keys travel in headers only, never in the URL.
    assert client.post(f"/v1/summarize?api_key={KEY}", json=ferry_body()).status_code == 401


def test_unexpected_failure_is_a_500_problem_without_traceback(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(app.extensions["summarizer"], "summarize", explode)
    problem = assert_problem(app.test_client().post("/v1/summarize", json=ferry_body()), 500, "has been logged")
    assert "secret" not in problem["detail"]


@pytest.mark.parametrize(
    "query",
    ["date=9999-12-31", "date=0001-01-01&timezone=Asia/Tokyo", "date=2026-06-04&timezone=Mars/Olympus"],
)
def test_calendar_edges_of_the_document_listing_are_422(client: FlaskClient, query: str) -> None:
    # Issue 11.6: these raised OverflowError (500) inside the day's query.
    assert_problem(client.get(f"/v1/documents?{query}"), 422, "")


@pytest.mark.parametrize("path", ["/v1/digests/9999-12-31", "/digests/0001-01-01"])
def test_calendar_edges_of_the_digests_are_422(client: FlaskClient, path: str) -> None:
    assert_problem(client.get(path), 422, "outside the supported range")


def test_stored_documents_with_edge_dates_are_refused_and_the_store_is_kept(client: FlaskClient) -> None:
    body = {"documents": [{"id": "late", "text": "The end.", "published_at": "9999-12-31T23:59:59-23:59"}]}
    assert_problem(client.post("/v1/documents", json=body), 422, "outside the supported range")
    assert client.get("/v1/documents?date=9999-12-30&timezone=Pacific/Kiritimati").status_code == 200
