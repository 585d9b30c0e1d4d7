"""Where documents that arrive during the day wait for the nightly digest.

``DocumentStore`` (``base.py``) is the whole interface the rest of the code uses, and
``open_store`` makes the one ``SUMMARIZER_DB`` names: ``SQLiteStore`` (``sqlite.py``), the
embedded default, or ``PostgresStore`` (``postgres.py``) for several hosts. Both run the
same SQL (``sql.py``), so they keep the same rules: three methods for documents, five for
the feeds ``summarizer ingest`` polls (each feed's conditional-GET validators, health and
backoff as a ``FeedState``; the feed items already seen, each with the document it gave).
"""

from __future__ import annotations

import sqlite3

from ..errors import InputError
from .base import (
    DEFAULT_DB_PATH,
    DocumentStore,
    FeedItemRecord,
    FeedState,
    StoredDocument,
    StoreLocation,
    db_setting,
    local_path,
    redact,
    store_location,
)
from .sqlite import SQLiteStore

__all__ = [
    "DEFAULT_DB_PATH",
    "DocumentStore",
    "FeedItemRecord",
    "FeedState",
    "SQLiteStore",
    "StoreLocation",
    "StoredDocument",
    "db_setting",
    "local_path",
    "open_store",
    "redact",
    "store_location",
]


def open_store(location: StoreLocation) -> DocumentStore:
    """The store at ``location``, its schema created or migrated. A SQLite file that
    cannot be opened is bad input (``InputError``); a PostgreSQL server that does not
    answer raises ``StoreUnavailable``."""
    if location.url is not None:
        from .postgres import PostgresStore  # psycopg is loaded only by those who use it

        return PostgresStore(location.url)
    assert location.path is not None
    try:
        return SQLiteStore(location.path)
    except (OSError, sqlite3.Error) as error:
        raise InputError(f"SUMMARIZER_DB {location}: cannot be opened ({error})") from None
