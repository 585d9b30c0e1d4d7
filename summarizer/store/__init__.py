"""Where documents that arrive during the day wait for the nightly digest.

``DocumentStore`` (``base.py``) is the whole interface the rest of the code uses;
``SQLiteStore`` (``sqlite.py``) is the embedded default. A server database can replace it
by implementing the same methods, without touching the API or the CLI: three for
documents, and five for the feeds ``summarizer ingest`` polls (each feed's
conditional-GET validators, health and backoff as a ``FeedState``; the feed items already
seen, each with the document it gave).
"""

from __future__ import annotations

from .base import (
    DEFAULT_DB_PATH,
    DocumentStore,
    FeedItemRecord,
    FeedState,
    StoredDocument,
    db_path,
    db_setting,
    local_path,
)
from .sqlite import SQLiteStore

__all__ = [
    "DEFAULT_DB_PATH",
    "DocumentStore",
    "FeedItemRecord",
    "FeedState",
    "SQLiteStore",
    "StoredDocument",
    "db_path",
    "db_setting",
    "local_path",
]
