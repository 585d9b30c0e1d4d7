"""The daily flow in a minute: serve the bundled examples as five outlets' feeds on
loopback, follow them, ingest twice (the second run stores nothing), and print the
digest of 2026-03-10 that cites them. ``make feeds-demo`` runs it; nothing leaves
127.0.0.1, and everything it writes goes to a temporary directory.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.feed_server import FeedServer, example_site

# Five outlets; Metro Bulletin's article is of the next day.
FOLLOWED = ("civic-ledger", "harbor-daily", "northline-wire", "riverside-post", "valley-courier")


def run(*args: str, db: Path) -> str:
    environment = {**{k: v for k, v in os.environ.items() if not k.startswith("SUMMARIZER_")}, "SUMMARIZER_DB": str(db)}
    print(f"$ summarizer {' '.join(args)}", flush=True)
    result = subprocess.run(
        [sys.executable, "-m", "summarizer", *args], capture_output=True, text=True, env=environment, check=False
    )
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {result.stderr.strip()}")
    print(result.stdout, end="", flush=True)
    return result.stdout


def main() -> None:
    routes, feeds = example_site(FOLLOWED)
    with tempfile.TemporaryDirectory(prefix="feeds-demo-") as work, FeedServer(routes) as server:
        directory = Path(work)
        subscriptions = directory / "feeds.toml"
        subscriptions.write_text(
            "".join(f'[[feed]]\nurl = "{server.url(path)}"\noutlet = "{outlet}"\n\n' for path, outlet in feeds)
        )
        print(f"# {len(feeds)} outlets served on {server.url()}, followed in {subscriptions.name}:")
        print(subscriptions.read_text())
        db = directory / "documents.db"
        run("ingest", "--subscriptions", str(subscriptions), "--delay", "0.2", db=db)
        run("ingest", "--subscriptions", str(subscriptions), "--delay", "0.2", db=db)  # nothing new
        run("feeds", "--subscriptions", str(subscriptions), db=db)
        run("digest", "--date", "2026-03-10", "--out", str(directory / "digests"), "--formats", "markdown", db=db)
        print((directory / "digests" / "digest-2026-03-10.md").read_text())


if __name__ == "__main__":
    main()
