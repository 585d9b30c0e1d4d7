"""Feeds in at scale: 50 outlets' feeds of 30 items each, with their pages, served from
loopback, ingested; then a second run with nothing new.

    python -m benchmarks.feeds                        # 50 feeds x 30 items, delay 0.1 s, 8 at once
    python -m benchmarks.feeds --feeds 10 --items 5   # smaller

Each outlet is its own origin (its own port on 127.0.0.1), as 50 outlets are 50 sites,
so the per-origin politeness applies as it would. The servers run in a child process,
so that serving does not share the ingest's interpreter. Pages are made of the bundled
example articles' paragraphs with a news site's clutter around them (navigation, a
related-articles list, a footer; about 40 kB each), each with a sentence of its own so
that no two texts are the same. Targets (issue 15): <= 60 s for the first run, <= 5 s
for the second, on 2 cores.
"""

from __future__ import annotations

import argparse
import multiprocessing
import tempfile
import time
from datetime import UTC, datetime
from email.utils import format_datetime
from multiprocessing.connection import Connection
from pathlib import Path

from benchmarks.feed_server import FeedServer, Route, example_documents, rss, simple_page
from summarizer.ingest import Fetcher, FetchOptions, Subscription, ingest
from summarizer.store import SQLiteStore

HTML = {"Content-Type": "text/html; charset=utf-8"}
RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}
NAV = "".join(f"<li><a href='/section/{n}'>Section {n}</a></li>" for n in range(120))
RELATED = "".join(
    f"<li><a href='/related/{n}'>Related story headline number {n} about the city</a></li>" for n in range(150)
)
CLUTTER_HEAD = f"<style>{'.c{color:#333}' * 400}</style>"


def outlet_routes(outlet: int, items: int, paragraphs: list[str]) -> dict[str, Route]:
    routes: dict[str, Route] = {}
    entries = []
    for n in range(items):
        start = (outlet * items + n) % len(paragraphs)
        chosen = [f"Reporter {outlet}-{n} filed this account from the scene on Tuesday morning."]
        chosen += [paragraphs[(start + k) % len(paragraphs)] for k in range(8)]
        title = f"Bridge story {n} from outlet {outlet}"
        body = simple_page(title, chosen, "2026-03-10T09:00:00+00:00", CLUTTER_HEAD)
        body = body.replace(b"<nav>", f"<nav><ul>{NAV}</ul>".encode()).replace(
            b"</main>", f"</main><aside><ul>{RELATED}</ul></aside>".encode()
        )
        routes[f"/news/{n}.html"] = Route(body=body, headers=HTML)
        entries.append(
            {
                "title": title,
                "link": f"/news/{n}.html",
                "guid": f"urn:outlet-{outlet}:{n}",
                "pubDate": format_datetime(datetime(2026, 3, 10, 9, tzinfo=UTC)),
                "description": chosen[1],
            }
        )
    routes["/feed.xml"] = Route(body=rss(f"Outlet {outlet}", entries), headers=RSS, etag=f'"outlet-{outlet}-v1"')
    return routes


def serve(feeds: int, items: int, connection: Connection) -> None:
    paragraphs = [p for article in example_documents() for p in article.text.split("\n") if len(p.split()) > 8]
    servers = [FeedServer(outlet_routes(o, items, paragraphs)) for o in range(feeds)]
    for server in servers:
        server.__enter__()
    connection.send([server.url("/feed.xml") for server in servers])
    connection.recv()  # until the benchmark is done
    for server in servers:
        server.__exit__()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--items", type=int, default=30)
    parser.add_argument("--delay", type=float, default=0.1, help="seconds between two requests to one origin")
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    ours, theirs = multiprocessing.Pipe()
    child = multiprocessing.get_context("spawn").Process(target=serve, args=(args.feeds, args.items, theirs))
    child.start()
    urls = ours.recv()
    subscriptions = [Subscription(url, f"Outlet {n}") for n, url in enumerate(urls)]
    options = FetchOptions(delay=args.delay, concurrency=args.concurrency)
    try:
        with tempfile.TemporaryDirectory() as work:
            store = SQLiteStore(Path(work) / "documents.db")
            for name in ("first run", "second run, nothing new"):
                started = time.perf_counter()
                with Fetcher(options) as fetcher:
                    report = ingest(subscriptions, store, fetcher)
                seconds = time.perf_counter() - started
                print(
                    f"{name}: {len(report.feeds)} feeds, {report.new} new articles, {report.failures} failures, "
                    f"{seconds:.1f} s (delay {args.delay:g} s, {args.concurrency} at once)",
                    flush=True,
                )
            print(f"stored: {len(store.list(limit=1_000_000))} documents")
    finally:
        ours.send("done")
        child.join(timeout=30)


if __name__ == "__main__":
    main()
