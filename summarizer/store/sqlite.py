"""The embedded default store: SQLite, one file.

SQLite runs in WAL mode with a busy timeout, so several gunicorn workers (each with its
own connection) and a cron run can use one file at once. A write transaction begins
IMMEDIATE: one writer at a time, so a document's dedupe check and its insert see every
committed row. The schema is migrated at start-up like PostgreSQL's (``sql.migrate``):
version 1 is the schema as it stood before ``schema_version`` existed, every statement
idempotent, so a store made by an older summarizer is brought to it unchanged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from pathlib import Path

from ..dates import as_utc
from ..locks import file_lock
from .sql import Connection, Dialect, SQLStore, migrate

__all__ = ["SQLiteStore"]

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE IF NOT EXISTS documents (
            id TEXT PRIMARY KEY,
            outlet TEXT,
            title TEXT,
            url TEXT,
            published_at TEXT NOT NULL,      -- ISO 8601, UTC, for ordering and day queries
            published_at_given TEXT,         -- as the client sent it (offset kept)
            text TEXT,
            html TEXT,
            content_hash TEXT NOT NULL,
            received_at TEXT NOT NULL
        )""",
        "CREATE UNIQUE INDEX IF NOT EXISTS documents_url ON documents(url) WHERE url IS NOT NULL",
        # Until issue 11 the same text was stored once whatever its carrier: the unique
        # index that enforced it goes, the rows stay.
        "DROP INDEX IF EXISTS documents_content",
        "CREATE INDEX IF NOT EXISTS documents_text ON documents(content_hash)",
        "CREATE INDEX IF NOT EXISTS documents_published ON documents(published_at)",
        # Issue 15: the feeds ``summarizer ingest`` polls, and the items it has seen in them.
        """CREATE TABLE IF NOT EXISTS feeds (
            url TEXT PRIMARY KEY,
            outlet TEXT,
            etag TEXT,                       -- the validators of the last 200, sent back as If-None-Match
            last_modified TEXT,              -- and If-Modified-Since
            last_success TEXT,               -- ISO 8601, UTC
            last_error TEXT,
            last_error_at TEXT,
            failures INTEGER NOT NULL DEFAULT 0,   -- consecutive
            next_poll TEXT,                  -- backoff or Retry-After: not polled before this
            gone_at TEXT                     -- answered 410 Gone: never polled again
        )""",
        """CREATE TABLE IF NOT EXISTS feed_items (
            feed_url TEXT NOT NULL,
            item_key TEXT NOT NULL,          -- the item's GUID, else its link, else a hash of its text
            link TEXT,
            document_id TEXT,                -- NULL: the item had no text to store
            language TEXT,                   -- declared or guessed; NULL when unknown
            english INTEGER NOT NULL DEFAULT 1,
            tags TEXT NOT NULL DEFAULT '[]', -- JSON list: the subscription's tags
            seen_at TEXT NOT NULL,
            PRIMARY KEY (feed_url, item_key)
        )""",
        "CREATE INDEX IF NOT EXISTS feed_items_link ON feed_items(link) WHERE link IS NOT NULL",
        "CREATE INDEX IF NOT EXISTS feed_items_document ON feed_items(document_id)",
    ),
)


def _iso(moment: datetime) -> str:
    return as_utc(moment).isoformat()


def _no_lock(connection: Connection, keys: Sequence[str]) -> None:
    """BEGIN IMMEDIATE has let this writer in alone already."""


DIALECT = Dialect(arrival="rowid", moment=_iso, lock=_no_lock)


class SQLiteStore(SQLStore):
    dialect = DIALECT

    def __init__(self, path: Path) -> None:
        self._path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._write() as connection:
            migrate(connection, self.dialect, MIGRATIONS)

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        # A connection per operation: safe across gunicorn's forked workers, and cheap.
        connection = sqlite3.connect(self._path, timeout=30, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA busy_timeout=30000")
            connection.row_factory = sqlite3.Row
            yield connection
        finally:
            connection.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._read() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise

    def exclusive(self, name: str) -> AbstractContextManager[None]:
        """A lock file beside the database: ``documents.db.ingest.lock``."""
        return file_lock(self._path.with_name(f"{self._path.name}.{name}.lock"), name, "SUMMARIZER_DB")

    def close(self) -> None:
        """Nothing held: each operation connects and closes."""
