"""The embedded default store: SQLite.

SQLite runs in WAL mode with a busy timeout, so several gunicorn workers (each with its
own connection) and a cron run can use one file at once. A document is stored once:
posting the same URL, or the same text from the same carrier (its outlet, else its URL's
host), again returns the id it already has. The same text from another carrier is wire
copy: it is stored again, so the nightly digest cites every outlet that carried it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from urllib.parse import urlsplit

from ..dates import as_utc
from ..errors import InputError
from ..model import Document, text_key
from .base import FeedItemRecord, FeedState, StoredDocument

__all__ = ["SQLiteStore"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
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
);
CREATE UNIQUE INDEX IF NOT EXISTS documents_url ON documents(url) WHERE url IS NOT NULL;
-- Until issue 11 the same text was stored once whatever its carrier; the unique index
-- that enforced it goes, the rows stay.
DROP INDEX IF EXISTS documents_content;
CREATE INDEX IF NOT EXISTS documents_text ON documents(content_hash);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published_at);
-- Issue 15: the feeds ``summarizer ingest`` polls, and the items it has seen in them.
CREATE TABLE IF NOT EXISTS feeds (
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
);
CREATE TABLE IF NOT EXISTS feed_items (
    feed_url TEXT NOT NULL,
    item_key TEXT NOT NULL,          -- the item's GUID, else its link, else a hash of its text
    link TEXT,
    document_id TEXT,                -- NULL: the item had no text to store
    language TEXT,                   -- declared or guessed; NULL when unknown
    english INTEGER NOT NULL DEFAULT 1,
    tags TEXT NOT NULL DEFAULT '[]', -- JSON list: the subscription's tags
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed_url, item_key)
);
CREATE INDEX IF NOT EXISTS feed_items_link ON feed_items(link) WHERE link IS NOT NULL;
CREATE INDEX IF NOT EXISTS feed_items_document ON feed_items(document_id);
"""


class SQLiteStore:
    def __init__(self, path: Path) -> None:
        self._path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as connection:
            connection.executescript(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # A connection per operation: safe across gunicorn's forked workers, and cheap.
        connection = sqlite3.connect(self._path, timeout=30, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA busy_timeout=30000")
            connection.row_factory = sqlite3.Row
            yield connection
        finally:
            connection.close()

    def add(self, document: Document, received_at: datetime) -> StoredDocument:
        with self._transaction() as connection:
            return _add(connection, document, received_at)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed whole, or rolled back whole."""
        with self._connect() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise

    def published_on(self, day: date, zone: tzinfo) -> list[Document]:
        start = datetime(day.year, day.month, day.day, tzinfo=zone)
        end = start + timedelta(days=1)
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT * FROM documents WHERE published_at >= ? AND published_at < ? ORDER BY published_at, id",
                (as_utc(start).isoformat(), as_utc(end).isoformat()),
            ).fetchall()
        return [_document(row) for row in rows]

    def add_feed_item(
        self, item: FeedItemRecord, document: Document | None, received_at: datetime
    ) -> StoredDocument | None:
        with self._transaction() as connection:
            stored = _add(connection, document, received_at) if document is not None else None
            connection.execute(
                "INSERT OR IGNORE INTO feed_items VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    item.feed_url,
                    item.key,
                    item.link,
                    stored.document.id if stored else None,
                    item.language,
                    int(item.english),
                    json.dumps(sorted(item.tags)),
                    as_utc(received_at).isoformat(),
                ),
            )
        return stored

    def seen_items(self, feed_url: str, keys: Sequence[str]) -> set[str]:
        with self._connect() as connection:
            return _present(
                connection, "SELECT item_key FROM feed_items WHERE feed_url = ? AND item_key IN ({})", keys, feed_url
            )

    def known_links(self, links: Sequence[str]) -> set[str]:
        with self._connect() as connection:
            known = _present(connection, "SELECT url FROM documents WHERE url IN ({})", links)
            return known | _present(connection, "SELECT link FROM feed_items WHERE link IN ({})", links)

    def feed_state(self, url: str) -> FeedState:
        with self._connect() as connection:
            row = connection.execute(_FEED_QUERY + " WHERE url = ?", (url,)).fetchone()
        return _feed_state(row) if row is not None else FeedState(url)

    def save_feed_state(self, state: FeedState) -> None:
        with self._transaction() as connection:
            connection.execute(
                "INSERT OR REPLACE INTO feeds VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    state.url,
                    state.outlet,
                    state.etag,
                    state.last_modified,
                    _iso(state.last_success),
                    state.last_error,
                    _iso(state.last_error_at),
                    state.failures,
                    _iso(state.next_poll),
                    _iso(state.gone_at),
                ),
            )

    def feed_states(self) -> list[FeedState]:
        with self._connect() as connection:
            rows = connection.execute(_FEED_QUERY + " ORDER BY url").fetchall()
        return [_feed_state(row) for row in rows]

    def feed_items(self, document_id: str) -> list[FeedItemRecord]:
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT * FROM feed_items WHERE document_id = ? ORDER BY feed_url, item_key", (document_id,)
            ).fetchall()
        return [
            FeedItemRecord(
                row["feed_url"],
                row["item_key"],
                row["link"],
                row["language"],
                bool(row["english"]),
                tuple(json.loads(row["tags"])),
            )
            for row in rows
        ]

    # Last: in the class body, the name ``list`` is this method from here on.
    def list(self, since: datetime | None = None, limit: int = 100) -> list[Document]:
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT * FROM documents WHERE published_at >= ? ORDER BY published_at DESC, id LIMIT ?",
                (as_utc(since).isoformat() if since else "", limit),
            ).fetchall()
        return [_document(row) for row in rows]


def _add(connection: sqlite3.Connection, document: Document, received_at: datetime) -> StoredDocument:
    """Store ``document`` inside the caller's transaction, unless it repeats a stored one."""
    published = document.published_at or received_at
    content_hash = text_key(document.text or document.html or "")
    existing = _stored_copy(connection, document, content_hash)
    if existing is not None:
        return StoredDocument(existing, created=False)
    doc_id = _free_id(connection, document.id, content_hash)
    connection.execute(
        "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc_id,
            document.outlet,
            document.title,
            document.url,
            as_utc(published).isoformat(),
            published.isoformat(),
            document.text,
            document.html,
            content_hash,
            as_utc(received_at).isoformat(),
        ),
    )
    return StoredDocument(
        Document(doc_id, document.outlet, document.title, document.url, published, document.text, document.html),
        created=True,
    )


# SQLite allows 999 bound parameters in a statement (older builds); ask in batches below that.
_BATCH = 500
_FEED_QUERY = (
    "SELECT *, (SELECT COUNT(*) FROM feed_items WHERE feed_items.feed_url = feeds.url) AS items_seen FROM feeds"
)


def _present(connection: sqlite3.Connection, query: str, values: Sequence[str], *first: str) -> set[str]:
    """The values of ``values`` that ``query`` (with ``IN ({})`` to fill) finds."""
    found: set[str] = set()
    for start in range(0, len(values), _BATCH):
        batch = list(values[start : start + _BATCH])
        marks = ", ".join("?" * len(batch))
        found.update(row[0] for row in connection.execute(query.format(marks), (*first, *batch)))
    return found


def _iso(moment: datetime | None) -> str | None:
    return as_utc(moment).isoformat() if moment is not None else None


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _feed_state(row: sqlite3.Row) -> FeedState:
    return FeedState(
        url=row["url"],
        outlet=row["outlet"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        last_success=_moment(row["last_success"]),
        last_error=row["last_error"],
        last_error_at=_moment(row["last_error_at"]),
        failures=row["failures"],
        next_poll=_moment(row["next_poll"]),
        gone_at=_moment(row["gone_at"]),
        items_seen=row["items_seen"],
    )


def _stored_copy(connection: sqlite3.Connection, document: Document, content_hash: str) -> Document | None:
    """The stored document ``document`` repeats: the same URL, or the same text from the same carrier."""
    if document.url is not None:
        row = connection.execute("SELECT * FROM documents WHERE url = ?", (document.url,)).fetchone()
        if row is not None:
            return _document(row)
    carrier = _carrier(document.outlet, document.url)
    for row in connection.execute("SELECT * FROM documents WHERE content_hash = ? ORDER BY rowid", (content_hash,)):
        if _carrier(row["outlet"], row["url"]) == carrier:
            return _document(row)
    return None


def _carrier(outlet: str | None, url: str | None) -> str | None:
    """Who published a text: its outlet as given, else its URL's host (as ``resolve_article``
    would name it)."""
    return outlet or (urlsplit(url).hostname if url else None)


def _free_id(connection: sqlite3.Connection, wanted: str, content_hash: str) -> str:
    """``wanted``, or when another document holds it, ``wanted-<hash>`` (then ``-2``, ``-3``...):
    the same id with another text, or the same text from another carrier, keeps both."""
    candidates = (wanted, f"{wanted}-{content_hash[:8]}", *(f"{wanted}-{content_hash[:8]}-{n}" for n in range(2, 1000)))
    for candidate in candidates:
        if connection.execute("SELECT 1 FROM documents WHERE id = ?", (candidate,)).fetchone() is None:
            return candidate
    raise InputError(f"document id {wanted!r} is taken by 1,000 stored documents")


def _document(row: sqlite3.Row) -> Document:
    return Document(
        id=row["id"],
        outlet=row["outlet"],
        title=row["title"],
        url=row["url"],
        published_at=datetime.fromisoformat(row["published_at_given"] or row["published_at"]),
        text=row["text"],
        html=row["html"],
    )
