"""The written daily digests (``api/digests.py``), served as JSON and as a page."""

from __future__ import annotations

from pathlib import Path

from .api_support import AppFactory


def test_written_digests_are_served_as_json_and_as_a_page(tmp_path: Path, make_app: AppFactory) -> None:
    (tmp_path / "digest-2026-06-04.json").write_text('{"date": "2026-06-04", "stories": [], "skipped": []}')
    (tmp_path / "digest-2026-06-04.html").write_text("<!DOCTYPE html><title>x</title>")
    client = make_app(digest_dir=str(tmp_path)).test_client()
    assert client.get("/v1/digests/2026-06-04").get_json()["date"] == "2026-06-04"
    page = client.get("/digests/2026-06-04")
    assert page.mimetype == "text/html"
    assert page.get_data(as_text=True).startswith("<!DOCTYPE html>")
    assert client.get("/v1/digests/2026-06-05").status_code == 404
    assert client.get("/digests/../etc/passwd").status_code in {404, 422}
    assert client.get("/v1/digests/not-a-day").status_code == 422
