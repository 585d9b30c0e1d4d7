"""Every error the API can answer, each as application/problem+json with the right status."""

from __future__ import annotations

import json
from typing import Any

import pytest

from api import create_app

from .api_support import ferry_body

KEY = "k" * 24


def assert_problem(response: Any, status: int, detail_fragment: str) -> dict[str, Any]:
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert set(problem) == {"type", "title", "status", "detail", "request_id"}
    assert problem["status"] == status
    assert problem["type"].startswith("urn:summarizer:problem:")
    assert detail_fragment in problem["detail"]
    assert "Traceback" not in response.get_data(as_text=True)
    return problem


def post(client: Any, data: bytes | str, content_type: str = "application/json", **kw: Any) -> Any:
    return client.post("/v1/summarize", data=data, content_type=content_type, **kw)


def test_malformed_json_is_400(client) -> None:  # type: ignore[no-untyped-def]
    assert_problem(post(client, '{"documents": ['), 400, "not valid JSON")


def test_invalid_utf8_is_400(client) -> None:  # type: ignore[no-untyped-def]
    assert_problem(post(client, b'{"documents": [{"text": "caf\xe9"}]}'), 400, "not valid UTF-8 (byte offset 28)")


@pytest.mark.parametrize("depth", [40, 100_000])
def test_deep_nesting_is_400_not_a_recursion_crash(client, depth: int) -> None:  # type: ignore[no-untyped-def]
    assert_problem(post(client, "[" * depth + "]" * depth), 400, "nests deeper than 32")


def test_wrong_content_type_is_415(client) -> None:  # type: ignore[no-untyped-def]
    assert_problem(post(client, json.dumps(ferry_body()), "text/plain"), 415, "application/json")
    assert_problem(client.post("/v1/summarize", data=b"x"), 415, "application/json")


def test_wrong_method_is_405_with_allow(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/v1/summarize")
    assert_problem(response, 405, "")
    assert "POST" in response.headers["Allow"]


def test_unknown_path_is_404(client) -> None:  # type: ignore[no-untyped-def]
    assert_problem(client.get("/v2/anything"), 404, "")


def test_unproducible_accept_is_406(client) -> None:  # type: ignore[no-untyped-def]
    assert_problem(client.post("/v1/summarize", json=ferry_body(), headers={"Accept": "image/png"}), 406, "image/png")


def test_body_over_the_size_limit_is_413() -> None:
    client = create_app({"max_body_bytes": 5_000}).test_client()
    assert_problem(post(client, json.dumps(ferry_body()) + " " * 5_000), 413, "larger than 5,000 bytes")


def test_too_many_documents_is_413() -> None:
    client = create_app({"max_documents": 2}).test_client()
    assert_problem(client.post("/v1/summarize", json=ferry_body()), 413, "3 documents; at most 2")


def test_too_many_sentences_is_413_before_any_work() -> None:
    client = create_app({"max_sentences": 20}).test_client()
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
    ],
)
def test_schema_violations_are_422_naming_the_field(client, body: Any, field: str) -> None:  # type: ignore[no-untyped-def]
    assert_problem(client.post("/v1/summarize", json=body), 422, field)


@pytest.mark.parametrize("documents", [[], [{"text": "   "}], [{"text": "Skip to content\nShare this"}]])
def test_nothing_to_summarize_is_422(client, documents: list[dict[str, str]]) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/v1/summarize", json={"documents": documents})
    assert_problem(response, 422, "no documents" if not documents else "no summarizable text")


def test_api_keys_guard_everything_but_health() -> None:
    client = create_app({"api_keys": (KEY,)}).test_client()
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


def test_unexpected_failure_is_a_500_problem_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app({})

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(app.extensions["summarizer"], "summarize", explode)
    problem = assert_problem(app.test_client().post("/v1/summarize", json=ferry_body()), 500, "has been logged")
    assert "secret" not in problem["detail"]
