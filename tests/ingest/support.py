"""Builders for the ingest tests: article texts, feeds and a fetcher for loopback."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from benchmarks.feed_server import Route, rss, simple_page
from summarizer.ingest import Fetcher, FetchOptions, IngestReport, Subscription, ingest
from summarizer.store import SQLiteStore

HTML = {"Content-Type": "text/html; charset=utf-8"}
RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}

# Paragraphs in the style of a local news story, written for these tests.
STORY = (
    "The Harbor Authority voted on Tuesday to close the east pier for six weeks of repairs, after divers "
    "found that three of its timber piles had rotted through below the waterline.",
    "Ferry services that use the pier will move to the west terminal from Monday, the authority said, and "
    "passengers should allow ten more minutes for the walk from the bus station.",
    "Engineers estimated the repairs at 1.8 million dollars, to be paid from the authority's capital reserve "
    "rather than from fares, according to the budget document approved at the meeting.",
    "Fishing boats that moor at the pier overnight have been offered berths in the marina at no charge "
    "until the work is finished, the harbor master told the board.",
)


def story(n: int) -> list[str]:
    """The story, told a little differently for ``n`` (so that texts differ)."""
    return [f"{p} (Report {n}.)" if i == 0 else p for i, p in enumerate(STORY)]


def page(n: int, title: str = "East pier to close for repairs", extra_head: str = "") -> Route:
    return Route(body=simple_page(f"{title} {n}", story(n), "2026-03-10T09:00:00+00:00", extra_head), headers=HTML)


def item(n: int, link: str | None = "/a/{n}.html", **fields: str) -> dict[str, str]:
    entry = {"title": f"East pier to close for repairs {n}", "guid": f"urn:pier:{n}"}
    if link is not None:
        entry["link"] = link.format(n=n)
    entry["pubDate"] = "Tue, 10 Mar 2026 09:00:00 GMT"
    entry["description"] = f"The east pier closes for six weeks. Summary {n}."
    entry.update(fields)
    return entry


def feed(items: Sequence[dict[str, str]], title: str = "Harbor Daily", language: str | None = "en") -> Route:
    return Route(body=rss(title, items, language), headers=RSS)


def fetcher(**options: float | int) -> Fetcher:
    """A fetcher with test timeouts and caps, and no delay between requests."""
    settings: dict[str, Any] = {"delay": 0.0, "connect_timeout": 2.0, "read_timeout": 1.0, "deadline": 10.0}
    settings.update(options)
    return Fetcher(FetchOptions(**settings))


def run(store: SQLiteStore, subscriptions: Sequence[Subscription], **options: float | int) -> IngestReport:
    with fetcher(**options) as client:
        return ingest(subscriptions, store, client)
