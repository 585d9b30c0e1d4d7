"""Ingest (``api/documents.py``): storing documents and listing a day's."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_posting_stores_documents_and_reposting_is_idempotent(client: FlaskClient) -> None:
    body = {"documents": [{"id": "a", "url": "https://x.example/1", "text": "The ferry ran aground."}]}
    first = client.post("/v1/documents", json=body)
    assert first.status_code == 201
    assert first.get_json() == {"documents": [{"id": "a", "created": True}]}
    again = client.post("/v1/documents", json={"documents": [{"id": "b", "url": "https://x.example/1", "text": "x"}]})
    assert again.status_code == 200
    assert again.get_json() == {"documents": [{"id": "a", "created": False}]}


def test_listing_by_day_and_time_zone(client: FlaskClient) -> None:
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
