"""The store's rules, written once in SQL both backends run: ``SQLStore``.

A document is stored once: posting the same URL, or the same text from the same carrier
(its outlet, else its URL's host), again returns the id it already has. The same text
from another carrier is wire copy: it is stored again, so the nightly digest cites every
outlet that carried it. A feed item is recorded with its document in one transaction.

Each backend gives ``SQLStore`` a connection for reading (``_read``) and one inside a
write transaction (``_write``), and a ``Dialect``: the three things its SQL does
differently. Statements are written with ``?`` placeholders; the PostgreSQL connection
turns them into psycopg's ``%s``. Rows are read by column name only.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Protocol
from urllib.parse import urlsplit

from ..dates import as_utc
from ..errors import InputError, StoreUnavailable
from ..model import Document, text_key
from .base import FeedItemRecord, FeedState, StoredDocument

__all__ = ["Connection", "Dialect", "SQLStore", "migrate"]


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    def execute(self, sql: str, parameters: Sequence[object] = ..., /) -> Cursor: ...


@dataclass(frozen=True)
class Dialect:
    """What the two backends' SQL does differently.

    arrival: the column that orders rows as they were inserted (SQLite's ``rowid``).
    moment: how a UTC time is bound (SQLite: ISO 8601 text; PostgreSQL: ``timestamptz``).
    lock: makes a write transaction wait for any other that holds one of ``keys`` (SQLite's
        ``BEGIN IMMEDIATE`` already lets one writer in at a time).
    """

    arrival: str
    moment: Callable[[datetime], object]
    lock: Callable[[Connection, Sequence[str]], None]


def migrate(connection: Connection, dialect: Dialect, migrations: Sequence[Sequence[str]]) -> None:
    """Bring the schema to ``len(migrations)``, in the caller's write transaction: version
    N is ``migrations[N - 1]``, and ``schema_version`` holds the versions applied."""
    dialect.lock(connection, ["schema"])
    connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    current = connection.execute("SELECT MAX(version) AS version FROM schema_version").fetchone()["version"] or 0
    if current > len(migrations):
        newest = len(migrations)
        raise StoreUnavailable(f"the store's schema is version {current}, newer than this summarizer's ({newest})")
    for version in range(current + 1, len(migrations) + 1):
        for statement in migrations[version - 1]:
            connection.execute(statement)
        connection.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))


# Batches of values in ``IN (...)``: SQLite allows 999 bound parameters in a statement (older builds).
_BATCH = 500
_FEED_QUERY = (
    "SELECT *, (SELECT COUNT(*) FROM feed_items WHERE feed_items.feed_url = feeds.url) AS items_seen FROM feeds"
)
_DOCUMENT_COLUMNS = "id, outlet, title, url, published_at, published_at_given, text, html, content_hash, received_at"
_FEED_COLUMNS = (
    "url, outlet, etag, last_modified, last_success, last_error, last_error_at, failures, next_poll, gone_at"
)


class SQLStore:
    """Every ``DocumentStore`` method, over the backend's ``_read`` and ``_write``."""

    dialect: Dialect

    def _read(self) -> AbstractContextManager[Connection]:
        raise NotImplementedError

    def _write(self) -> AbstractContextManager[Connection]:
        """A write transaction: committed whole, or rolled back whole."""
        raise NotImplementedError

    def add(self, document: Document, received_at: datetime) -> StoredDocument:
        with self._write() as connection:
            return self._add(connection, document, received_at)

    def published_on(self, day: date, zone: tzinfo) -> list[Document]:
        start = datetime(day.year, day.month, day.day, tzinfo=zone)
        end = start + timedelta(days=1)
        with self._read() as connection:
            rows = connection.execute(
                "SELECT * FROM documents WHERE published_at >= ? AND published_at < ? ORDER BY published_at, id",
                (self.dialect.moment(start), self.dialect.moment(end)),
            ).fetchall()
        return [_document(row) for row in rows]

    def add_feed_item(
        self, item: FeedItemRecord, document: Document | None, received_at: datetime
    ) -> StoredDocument | None:
        with self._write() as connection:
            stored = self._add(connection, document, received_at) if document is not None else None
            connection.execute(
                "INSERT INTO feed_items (feed_url, item_key, link, document_id, language, english, tags, seen_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (
                    item.feed_url,
                    item.key,
                    item.link,
                    stored.document.id if stored else None,
                    item.language,
                    item.english,
                    json.dumps(sorted(item.tags)),
                    self.dialect.moment(received_at),
                ),
            )
        return stored

    def seen_items(self, feed_url: str, keys: Sequence[str]) -> set[str]:
        with self._read() as connection:
            return _present(
                connection,
                "SELECT item_key AS value FROM feed_items WHERE feed_url = ? AND item_key IN ({})",
                keys,
                feed_url,
            )

    def known_links(self, links: Sequence[str]) -> set[str]:
        with self._read() as connection:
            known = _present(connection, "SELECT url AS value FROM documents WHERE url IN ({})", links)
            return known | _present(connection, "SELECT link AS value FROM feed_items WHERE link IN ({})", links)

    def feed_state(self, url: str) -> FeedState:
        with self._read() as connection:
            row = connection.execute(_FEED_QUERY + " WHERE url = ?", (url,)).fetchone()
        return _feed_state(row) if row is not None else FeedState(url)

    def save_feed_state(self, state: FeedState) -> None:
        moment = self._bind_moment
        updates = ", ".join(f"{c} = excluded.{c}" for c in _FEED_COLUMNS.split(", ")[1:])
        with self._write() as connection:
            connection.execute(
                f"INSERT INTO feeds ({_FEED_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                f"ON CONFLICT (url) DO UPDATE SET {updates}",
                (
                    state.url,
                    state.outlet,
                    state.etag,
                    state.last_modified,
                    moment(state.last_success),
                    state.last_error,
                    moment(state.last_error_at),
                    state.failures,
                    moment(state.next_poll),
                    moment(state.gone_at),
                ),
            )

    def _bind_moment(self, moment: datetime | None) -> object:
        return None if moment is None else self.dialect.moment(moment)

    def feed_states(self) -> list[FeedState]:
        with self._read() as connection:
            rows = connection.execute(_FEED_QUERY + " ORDER BY url").fetchall()
        return [_feed_state(row) for row in rows]

    def feed_items(self, document_id: str) -> list[FeedItemRecord]:
        with self._read() as connection:
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

    def _add(self, connection: Connection, document: Document, received_at: datetime) -> StoredDocument:
        """Store ``document`` inside the caller's transaction, unless it repeats a stored one."""
        published = document.published_at or received_at
        content_hash = text_key(document.text or document.html or "")
        # Writers of the same URL or the same text wait for each other, so that the check
        # below and the insert after it see one another's rows.
        keys = {f"text:{content_hash}"} | ({f"url:{document.url}"} if document.url else set())
        self.dialect.lock(connection, sorted(keys))
        existing = self._stored_copy(connection, document, content_hash)
        if existing is not None:
            return StoredDocument(existing, created=False)
        values = (
            document.outlet,
            document.title,
            document.url,
            self.dialect.moment(published),
            published.isoformat(),
            document.text,
            document.html,
            content_hash,
            self.dialect.moment(received_at),
        )
        doc_id = _insert_with_free_id(connection, document.id, content_hash, values)
        return StoredDocument(
            Document(doc_id, document.outlet, document.title, document.url, published, document.text, document.html),
            created=True,
        )

    def _stored_copy(self, connection: Connection, document: Document, content_hash: str) -> Document | None:
        """The stored document ``document`` repeats: the same URL, or the same text from the same carrier."""
        if document.url is not None:
            row = connection.execute("SELECT * FROM documents WHERE url = ?", (document.url,)).fetchone()
            if row is not None:
                return _document(row)
        carrier = _carrier(document.outlet, document.url)
        query = f"SELECT * FROM documents WHERE content_hash = ? ORDER BY {self.dialect.arrival}"
        for row in connection.execute(query, (content_hash,)):
            if _carrier(row["outlet"], row["url"]) == carrier:
                return _document(row)
        return None

    # Last: in the class body, the name ``list`` is this method from here on.
    def list(self, since: datetime | None = None, limit: int = 100) -> list[Document]:
        where, parameters = ("WHERE published_at >= ? ", [self.dialect.moment(since)]) if since else ("", [])
        with self._read() as connection:
            rows = connection.execute(
                f"SELECT * FROM documents {where}ORDER BY published_at DESC, id LIMIT ?", (*parameters, limit)
            ).fetchall()
        return [_document(row) for row in rows]


def _insert_with_free_id(connection: Connection, wanted: str, content_hash: str, values: tuple[object, ...]) -> str:
    """Insert the document under ``wanted``, or when another document holds it, ``wanted-<hash>``
    (then ``-2``, ``-3``...): the same id with another text, or the same text from another
    carrier, keeps both. An id taken by a concurrent writer is skipped like a stored one."""
    candidates = (wanted, f"{wanted}-{content_hash[:8]}", *(f"{wanted}-{content_hash[:8]}-{n}" for n in range(2, 1000)))
    for candidate in candidates:
        inserted = connection.execute(
            f"INSERT INTO documents ({_DOCUMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO NOTHING",
            (candidate, *values),
        )
        if inserted.rowcount == 1:
            return candidate
    raise InputError(f"document id {wanted!r} is taken by 1,000 stored documents")


def _present(connection: Connection, query: str, values: Sequence[str], *first: str) -> set[str]:
    """The values of ``values`` that ``query`` (with ``IN ({})`` to fill, selecting ``value``) finds."""
    found: set[str] = set()
    for start in range(0, len(values), _BATCH):
        batch = list(values[start : start + _BATCH])
        marks = ", ".join("?" * len(batch))
        found.update(row["value"] for row in connection.execute(query.format(marks), (*first, *batch)))
    return found


def _moment(value: str | datetime | None) -> datetime | None:
    """A stored time: ISO 8601 text (SQLite) or a ``timestamptz`` (PostgreSQL), in UTC."""
    if not value:
        return None
    return as_utc(value if isinstance(value, datetime) else datetime.fromisoformat(value))


def _feed_state(row: Any) -> FeedState:
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


def _carrier(outlet: str | None, url: str | None) -> str | None:
    """Who published a text: its outlet as given, else its URL's host (as ``resolve_article``
    would name it)."""
    return outlet or (urlsplit(url).hostname if url else None)


def _document(row: Any) -> Document:
    published = _moment(row["published_at"])
    return Document(
        id=row["id"],
        outlet=row["outlet"],
        title=row["title"],
        url=row["url"],
        published_at=datetime.fromisoformat(row["published_at_given"]) if row["published_at_given"] else published,
        text=row["text"],
        html=row["html"],
    )
