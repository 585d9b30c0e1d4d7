"""Where documents that arrive during the day wait for the nightly digest.

``DocumentStore`` is the whole interface the rest of the code uses; ``SQLiteStore`` is
the embedded default. A server database can replace it by implementing the same three
methods, without touching the API or the CLI.

SQLite runs in WAL mode with a busy timeout, so several gunicorn workers (each with its
own connection) and a cron run can use one file at once. A document is stored once:
posting the same URL, or the same text from the same carrier (its outlet, else its URL's
host), again returns the id it already has. The same text from another carrier is wire
copy: it is stored again, so the nightly digest cites every outlet that carried it.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from .dates import as_utc
from .errors import InputError
from .model import Document, text_key

__all__ = [
    "DEFAULT_DB_PATH",
    "DocumentStore",
    "SQLiteStore",
    "StoredDocument",
    "db_path",
    "db_setting",
    "local_path",
]

DEFAULT_DB_PATH = Path("~/.local/share/summarizer/documents.db")
DB_VARIABLE = "SUMMARIZER_DB"
URL_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")  # RFC 3986 scheme, then "//"

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
"""


@dataclass(frozen=True)
class StoredDocument:
    document: Document
    created: bool  # False: it was there already (same URL or same text)


class DocumentStore(Protocol):
    def add(self, document: Document, received_at: datetime) -> StoredDocument: ...

    def published_on(self, day: date, zone: tzinfo) -> list[Document]: ...

    def list(self, since: datetime | None = None, limit: int = 100) -> list[Document]: ...


def db_setting(environ: Mapping[str, str]) -> str:
    """What ``SUMMARIZER_DB`` holds in ``environ`` ("" when unset): the one place the
    variable is read, for ``summarizer digest`` and for the service
    (``api.config.ServiceConfig.from_env``); ``db_path`` resolves it."""
    return environ.get(DB_VARIABLE, "")


def db_path(value: str) -> Path:
    """The SQLite file ``value`` (what ``SUMMARIZER_DB`` holds) names; empty: the default."""
    return local_path(DB_VARIABLE, value, DEFAULT_DB_PATH)


def local_path(variable: str, value: str, default: Path) -> Path:
    """The file system path the setting ``variable`` holds; empty: ``default``.

    A URL is refused, not taken for a relative path: ``postgresql://...`` would
    otherwise store the documents in a directory named ``postgresql:``."""
    if not value:
        return default.expanduser()
    if URL_SCHEME_RE.match(value):
        raise InputError(f"{variable}={value!r} is a URL; give a file system path (SQLite files only, so far)")
    return Path(value).expanduser()


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
        content_hash = text_key(document.text or document.html or "")
        with self._connect() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                existing = _stored_copy(connection, document, content_hash)
                if existing is not None:
                    connection.execute("COMMIT")
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
                (as_utc(start).isoformat(), as_utc(end).isoformat()),
            ).fetchall()
        return [_document(row) for row in rows]

    def list(self, since: datetime | None = None, limit: int = 100) -> list[Document]:
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT * FROM documents WHERE published_at >= ? ORDER BY published_at DESC, id LIMIT ?",
                (as_utc(since).isoformat() if since else "", limit),
            ).fetchall()
        return [_document(row) for row in rows]


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
