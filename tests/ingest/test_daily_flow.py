"""Issue 15's "done when": feeds served on loopback are ingested twice (nothing doubled),
and ``summarizer digest --date`` makes the day's stories from them, citing the outlets
the subscriptions name."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.feed_server import FeedServer, example_site

pytestmark = pytest.mark.slow  # fresh interpreters, as cron runs them


def command(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SUMMARIZER_")}
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**environment, "SUMMARIZER_DB": str(db)},
    )


def test_follow_five_outlets_and_get_the_days_digest(tmp_path: Path) -> None:
    routes, feeds = example_site()
    db = tmp_path / "documents.db"
    with FeedServer(routes) as server:
        # The subscriptions name the outlets; the digest must cite these names.
        names = {path: f"{outlet} (feed)" for path, outlet in feeds if "metro" not in path}
        subscriptions = tmp_path / "feeds.toml"
        subscriptions.write_text(
            "".join(f'[[feed]]\nurl = "{server.url(path)}"\noutlet = "{name}"\n\n' for path, name in names.items())
        )
        first = command("ingest", "--subscriptions", str(subscriptions), "--delay", "0", db=db)
        assert first.returncode == 0, first.stderr
        assert first.stdout.startswith(f"ingest: {len(names)} feeds, {len(names)} new articles, 0 failures")
        pages = sum(seen.path.endswith(".html") for seen in server.seen)
        second = command("ingest", "--subscriptions", str(subscriptions), "--delay", "0", db=db)
        assert second.stdout.startswith(f"ingest: {len(names)} feeds, 0 new articles, 0 failures"), second.stderr
        assert sum(seen.path.endswith(".html") for seen in server.seen) == pages  # no page fetched again
    out = tmp_path / "digests"
    digest = command("digest", "--date", "2026-03-10", "--out", str(out), db=db)
    assert digest.returncode == 0, digest.stderr
    data = json.loads((out / "digest-2026-03-10.json").read_text())
    cited = {sentence["outlet"] for story in data["stories"] for sentence in story["summary"]}
    listed = {outlet for story in data["stories"] for outlet in story["outlets"]}
    assert listed == set(names.values())  # every subscribed outlet, wire copy's two carriers included
    assert cited <= set(names.values())
    assert len(cited) >= 3
