"""Issue 18.2: a stateless API scaled out. Two gunicorn instances (each with the production
config, 2 workers) on different ports share one PostgreSQL store and take POSTs at the
same time; the nightly digest then sees every document, and none twice."""

from __future__ import annotations

import http.client
import json
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date
from pathlib import Path

import pytest

from summarizer.store import open_store, store_location

from .store_support import postgres_schema
from .test_api_gunicorn import Server, start_server, stop
from .test_digest_command import DAY, run_digest

pytestmark = pytest.mark.slow  # two real gunicorn servers and a digest run

TOPICS = ("ferry", "bridge", "council", "storm")


def article(n: int) -> dict[str, str]:
    topic = TOPICS[n % len(TOPICS)]
    return {
        "id": f"story-{n}",
        "outlet": f"Outlet {n % 7}",
        "url": f"https://outlet{n % 7}.example/{topic}/{n}",
        "published_at": f"{DAY}T{8 + n % 10:02d}:{n % 60:02d}:00+00:00",
        "text": (
            f"Officials in district {n} said the {topic} crews worked through the night on Tuesday. "
            f"Residents of district {n} were told to expect delays of {n % 5 + 1} hours on Wednesday."
        ),
    }


def _sizes(total: int) -> list[tuple[int, int]]:
    """(first, count) of requests of 3 then 1 documents covering ``range(total)``."""
    return [(start + offset, size) for start in range(0, total, 4) for offset, size in ((0, 3), (3, 1))]


def post(server: Server, documents: list[dict[str, str]]) -> tuple[int, list[dict[str, object]]]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        body = json.dumps({"documents": documents}).encode()
        connection.request("POST", "/v1/documents", body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        return response.status, json.loads(response.read())["documents"]
    finally:
        connection.close()


def test_two_instances_share_one_database_and_the_digest_sees_each_document_once(tmp_path: Path) -> None:
    with postgres_schema() as url:
        servers = [start_server(tmp_path / name, db=url) for name in ("a", "b")]
        try:
            # 120 articles in requests of three and of one, each request sent to both
            # instances at once (a client retrying through the load balancer), 8 at a time.
            batches = [[article(n) for n in range(start, start + size)] for start, size in _sizes(120)]
            calls = [(server, batch) for batch in batches for server in servers]
            with ThreadPoolExecutor(8) as pool:
                answers = list(pool.map(lambda call: post(*call), calls))
        finally:
            for server in servers:
                stop(server)
        assert {status for status, _ in answers} <= {200, 201}
        created = [str(d["id"]) for _, stored in answers for d in stored if d["created"]]
        assert sorted(created) == sorted(f"story-{n}" for n in range(120))  # each created once, by one instance
        store = open_store(store_location(url))
        day = store.published_on(date.fromisoformat(DAY), UTC)
        store.close()
        assert sorted(d.id for d in day) == sorted(f"story-{n}" for n in range(120))
        result = run_digest(tmp_path, url)
        assert result.returncode == 0, result.stderr
        assert f"digest {DAY}: 120 documents" in result.stdout
        digest = json.loads((tmp_path / "out" / f"digest-{DAY}.json").read_text())
        cited = [source for story in digest["stories"] for source in story.get("documents", [])]
        assert len(cited) == len(set(map(json.dumps, cited)))
