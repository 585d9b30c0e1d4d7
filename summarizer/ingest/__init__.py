"""Feeds in: the day's news gathered from the outlets' own RSS, Atom and JSON feeds.

A wing of the library (issue 15); nothing in the core imports it.

- ``subscriptions``: the feeds followed, from an OPML or a TOML file.
- ``fetch``: the polite, bounded HTTP client (httpx).
- ``feeds``: a feed's bytes -> items (feedparser; JSON Feed here).
- ``articles``: an item and its page -> the document to store (trafilatura).
- ``run``: one run over every feed: dedupe, storage, health and backoff.
"""

from __future__ import annotations

from .feeds import FeedError, FeedItem, ParsedFeed, parse_feed
from .fetch import Fetched, Fetcher, FetchError, FetchOptions
from .run import FeedResult, IngestReport, feed_health, ingest
from .subscriptions import Subscription, read_subscriptions, render_toml, write_subscriptions

__all__ = [
    "FeedError",
    "FeedItem",
    "FeedResult",
    "FetchError",
    "FetchOptions",
    "Fetched",
    "Fetcher",
    "IngestReport",
    "ParsedFeed",
    "Subscription",
    "feed_health",
    "ingest",
    "parse_feed",
    "read_subscriptions",
    "render_toml",
    "write_subscriptions",
]
