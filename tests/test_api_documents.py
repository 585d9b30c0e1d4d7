"""Ingest (``api/documents.py``): storing documents and listing a day's."""

from __future__ import annotations

from typing import NoReturn

import pytest
from flask import Flask
from flask.testing import FlaskClient

from summarizer.errors import StoreUnavailable

from .api_support import AppFactory


@pytest.fixture
def store_client(store_db: str, make_app: AppFactory) -> FlaskClient:
    """A client of an app on each store backend (SQLite, then PostgreSQL)."""
    return make_app(db=store_db).test_client()


def test_posting_stores_documents_and_reposting_is_idempotent(store_client: FlaskClient) -> None:
    client = store_client
    body = {"documents": [{"id": "a", "url": "https://x.example/1", "text": "The ferry ran aground."}]}
    first = client.post("/v1/documents", json=body)
    assert first.status_code == 201
    assert first.get_json() == {"documents": [{"id": "a", "created": True}]}
    again = client.post("/v1/documents", json={"documents": [{"id": "b", "url": "https://x.example/1", "text": "x"}]})
    assert again.status_code == 200
    assert again.get_json() == {"documents": [{"id": "a", "created": False}]}


def test_listing_by_day_and_time_zone(store_client: FlaskClient) -> None:
    client = store_client
    client.post(
        "/v1/documents",
        json={"documents": [{"id": "late", "text": "Late story.", "published_at": "2026-06-04T23:30:00-04:00"}]},
    )
    in_new_york = client.get("/v1/documents?date=2026-06-04&timezone=America/New_York").get_json()["documents"]
    in_utc = client.get("/v1/documents?date=2026-06-04").get_json()["documents"]
    assert [d["id"] for d in in_new_york] == ["late"]
    assert in_utc == []
    assert "text" not in in_new_york[0]


def test_bad_documents_requests_are_problems(client: FlaskClient) -> None:
    assert client.post("/v1/documents", json={"documents": []}).status_code == 422
    assert client.post("/v1/documents", json={"documents": [{"text": "a"}], "max_words": 5}).status_code == 422
    assert client.post("/v1/documents", data="x", content_type="text/plain").status_code == 415
    bad_day = client.get("/v1/documents?date=yesterday")
    assert bad_day.status_code == 422
    assert bad_day.mimetype == "application/problem+json"


@pytest.mark.parametrize("field", ["id", "outlet", "title", "text"])
def test_a_nul_character_is_a_problem_on_every_backend(store_client: FlaskClient, field: str) -> None:
    # PostgreSQL cannot store U+0000 in text: it was a 500 there, and stored by SQLite.
    document = {"id": "a", "title": "Pier", "text": "The ferry ran aground.", field: "The ferry\u0000 ran aground."}
    answer = store_client.post("/v1/documents", json={"documents": [document]})
    assert answer.status_code == 422
    assert answer.mimetype == "application/problem+json"
    assert f"{field} holds a NUL character" in answer.get_json()["detail"]
    assert store_client.get("/v1/documents").get_json()["documents"] == []


class _StoreDown:
    """A store whose database went away after start-up."""

    def __getattr__(self, name: str) -> object:
        def unavailable(*args: object) -> NoReturn:
            raise StoreUnavailable("SUMMARIZER_DB postgresql://app:***@db/news: the database cannot be used (refused)")

        return unavailable


@pytest.mark.parametrize(
    ("method", "path"), [("POST", "/v1/documents"), ("GET", "/v1/documents"), ("GET", "/v1/feeds")]
)
def test_the_database_down_at_request_time_is_a_503_problem(app: Flask, method: str, path: str) -> None:
    app.extensions["summarizer.store"] = _StoreDown()
    body = {"documents": [{"id": "a", "text": "The ferry ran aground."}]}
    response = app.test_client().open(path, method=method, json=body if method == "POST" else None)
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert response.headers["Retry-After"] == "5"
    problem = response.get_json()
    assert problem["type"] == "urn:summarizer:problem:store-unavailable"
    assert "postgresql" not in problem["detail"]
