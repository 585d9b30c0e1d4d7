"""Where documents that arrive during the day wait for the nightly digest.

``DocumentStore`` is the whole interface the rest of the code uses; ``SQLiteStore`` is
the embedded default. A server database can replace it by implementing the same three
methods, without touching the API or the CLI.

SQLite runs in WAL mode with a busy timeout, so several gunicorn workers (each with its
own connection) and a cron run can use one file at once. A document is stored once:
posting the same URL, or the same text, again returns the id it already has.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Protocol

from .model import Document

__all__ = ["DEFAULT_DB_PATH", "DocumentStore", "SQLiteStore", "StoredDocument", "default_db_path"]

DEFAULT_DB_PATH = Path("~/.local/share/summarizer/documents.db")

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
CREATE UNIQUE INDEX IF NOT EXISTS documents_content ON documents(content_hash);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published_at);
"""


@dataclass(frozen=True)
class StoredDocument:
    document: Document
    created: bool  # False: it was there already (same URL or same text)


class DocumentStore(Protocol):
    def add(self, document: Document, received_at: datetime) -> StoredDocument: ...

    def published_on(self, day: date, zone: tzinfo) -> list[Document]: ...

    def list(self, since: datetime | None = None, limit: int = 100) -> list[Document]: ...


def default_db_path() -> Path:
    """``SUMMARIZER_DB`` when set, else ``~/.local/share/summarizer/documents.db``."""
    return Path(os.environ.get("SUMMARIZER_DB", str(DEFAULT_DB_PATH))).expanduser()


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
        published = document.published_at or received_at
        content_hash = hashlib.sha256(" ".join((document.text or document.html or "").split()).encode()).hexdigest()
        with self._connect() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                existing = connection.execute(
                    "SELECT * FROM documents WHERE (url IS NOT NULL AND url = ?) OR content_hash = ?",
                    (document.url, content_hash),
                ).fetchone()
                if existing is not None:
                    connection.execute("COMMIT")
                    return StoredDocument(_document(existing), created=False)
                doc_id = document.id
                if connection.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
                    doc_id = f"{doc_id}-{content_hash[:8]}"  # same id, different text: keep both
                connection.execute(
                    "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        doc_id,
                        document.outlet,
                        document.title,
                        document.url,
                        _utc(published).isoformat(),
                        published.isoformat(),
                        document.text,
                        document.html,
                        content_hash,
                        _utc(received_at).isoformat(),
                    ),
                )
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
        return StoredDocument(
            Document(doc_id, document.outlet, document.title, document.url, published, document.text, document.html),
            created=True,
        )

    def published_on(self, day: date, zone: tzinfo) -> list[Document]:
        start = datetime(day.year, day.month, day.day, tzinfo=zone)
        end = start + timedelta(days=1)
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT * FROM documents WHERE published_at >= ? AND published_at < ? ORDER BY published_at, id",
                (_utc(start).isoformat(), _utc(end).isoformat()),
            ).fetchall()
        return [_document(row) for row in rows]

    def list(self, since: datetime | None = None, limit: int = 100) -> list[Document]:
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT * FROM documents WHERE published_at >= ? ORDER BY published_at DESC, id LIMIT ?",
                (_utc(since).isoformat() if since else "", limit),
            ).fetchall()
        return [_document(row) for row in rows]


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


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
