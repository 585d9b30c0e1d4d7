"""The daily digests as feeds a reader subscribes to: Atom 1.0 (feedgen) and JSON Feed 1.1.

One entry per day's digest, newest first, its content the day's page (``page.daily_main``),
its id ``urn:summarizer:digest:DATE``: the same on every run, so a feed reader shows only
the days it has not seen. Every time in them is a digest's day (midnight UTC), never the
time of the run, so the same digests give byte-identical feeds.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime, time

from ..model import DailyDigest
from .page import daily_main

__all__ = ["JSON_FEED_VERSION", "render_atom", "render_json_feed"]

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
TITLE = "News digest"


def render_atom(days: Sequence[DailyDigest]) -> str:
    """``days``, newest first, as an Atom 1.0 feed."""
    # Imported here: feedgen brings lxml and dateutil, which the CLI's start-up need not pay for.
    from feedgen.feed import FeedGenerator

    feed = FeedGenerator()
    feed.id("urn:summarizer:digests")
    feed.title(TITLE)
    feed.author({"name": "summarizer"})
    feed.generator("summarizer")
    feed.language("en")
    feed.link(href="/feeds/digest.atom", rel="self")
    feed.link(href="/digests/", rel="alternate")
    feed.updated(_midnight(days[0]) if days else datetime(1970, 1, 1, tzinfo=UTC))
    for daily in days:
        entry = feed.add_entry(order="append")
        entry.id(_entry_id(daily))
        entry.title(_title(daily))
        entry.link(href=f"/digests/{daily.day.isoformat()}", rel="alternate")
        entry.published(_midnight(daily))
        entry.updated(_midnight(daily))
        entry.summary(_summary(daily))
        entry.content(daily_main(daily), type="html")
    text: bytes = feed.atom_str(pretty=True)
    return text.decode("utf-8")


def render_json_feed(days: Sequence[DailyDigest]) -> str:
    """``days``, newest first, as a JSON Feed 1.1."""
    feed = {
        "version": JSON_FEED_VERSION,
        "title": TITLE,
        "language": "en",
        "items": [
            {
                "id": _entry_id(daily),
                "title": _title(daily),
                "summary": _summary(daily),
                "content_html": daily_main(daily),
                "date_published": _midnight(daily).isoformat(),
            }
            for daily in days
        ],
    }
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"


def _entry_id(daily: DailyDigest) -> str:
    return f"urn:summarizer:digest:{daily.day.isoformat()}"


def _title(daily: DailyDigest) -> str:
    return f"{TITLE}, {daily.day.isoformat()}"


def _summary(daily: DailyDigest) -> str:
    titles = "; ".join(s.title for s in daily.stories[:3])
    return f"{len(daily.stories)} stories from {daily.documents} articles: {titles}"


def _midnight(daily: DailyDigest) -> datetime:
    return datetime.combine(daily.day, time(), UTC)
