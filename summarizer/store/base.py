"""What every document store offers: the ``DocumentStore`` protocol, the records it
keeps, and where ``SUMMARIZER_DB`` says the store is (``store_location``).

``SUMMARIZER_DB`` holds a file system path or ``sqlite:///path`` (SQLite, the embedded
default), or ``postgresql://user:password@host:port/database`` (also ``postgres://``;
PostgreSQL). Anything else is refused. A password never appears in a message: a
location prints as its URL with the password replaced by ``***``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

from ..errors import InputError
from ..model import Document

__all__ = [
    "DEFAULT_DB_PATH",
    "DocumentStore",
    "FeedItemRecord",
    "FeedState",
    "StoreLocation",
    "StoredDocument",
    "db_setting",
    "local_path",
    "store_location",
]

DEFAULT_DB_PATH = Path("~/.local/share/summarizer/documents.db")
DB_VARIABLE = "SUMMARIZER_DB"
URL_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")  # RFC 3986 scheme, then "//"


@dataclass(frozen=True)
class StoredDocument:
    document: Document
    created: bool  # False: it was there already (same URL or same text)


@dataclass(frozen=True)
class FeedState:
    """What the store remembers of one feed between runs of ``summarizer ingest``."""

    url: str
    outlet: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_success: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    failures: int = 0  # consecutive; 0 after a success
    next_poll: datetime | None = None  # backing off (or told to by Retry-After) until then
    gone_at: datetime | None = None  # 410 Gone: not polled again
    items_seen: int = 0  # items recorded from this feed, all runs together (read only)


@dataclass(frozen=True)
class FeedItemRecord:
    """A feed item seen by ``summarizer ingest``: recorded with its document (or none,
    when it had no text), so that no later run fetches its page again."""

    feed_url: str
    key: str  # GUID, else link, else a hash of the item's text
    link: str | None = None
    language: str | None = None
    english: bool = True
    tags: tuple[str, ...] = field(default=())


class DocumentStore(Protocol):
    def add(self, document: Document, received_at: datetime) -> StoredDocument: ...

    def published_on(self, day: date, zone: tzinfo) -> list[Document]: ...

    # The feeds (issue 15).
    def add_feed_item(
        self, item: FeedItemRecord, document: Document | None, received_at: datetime
    ) -> StoredDocument | None:
        """Record ``item`` and store ``document`` (deduplicated as ``add`` does) in one
        transaction: both or neither. ``None`` when no document was given."""
        ...

    def seen_items(self, feed_url: str, keys: Sequence[str]) -> set[str]:
        """Which of ``keys`` are recorded for ``feed_url``."""
        ...

    def known_links(self, links: Sequence[str]) -> set[str]:
        """Which of ``links`` a stored document or a recorded item already has."""
        ...

    def feed_state(self, url: str) -> FeedState: ...

    def save_feed_state(self, state: FeedState) -> None: ...

    def feed_states(self) -> list[FeedState]: ...

    def feed_items(self, document_id: str) -> list[FeedItemRecord]: ...

    def exclusive(self, name: str) -> AbstractContextManager[None]:
        """Held for a whole run of ``name`` (``ingest``) by one process on any host:
        another run raises ``Busy`` at once instead of waiting or running twice."""
        ...

    def close(self) -> None:
        """Let go of connections (PostgreSQL's pool); the store is not used after."""
        ...

    # Last: in the class body, the name ``list`` is this method from here on.
    def list(self, since: datetime | None = None, limit: int = 100) -> list[Document]: ...


@dataclass(frozen=True)
class StoreLocation:
    """Where ``SUMMARIZER_DB`` says the store is: a SQLite file, or a PostgreSQL server."""

    path: Path | None = None  # SQLite
    url: str | None = field(default=None, repr=False)  # PostgreSQL, with its password

    def __str__(self) -> str:
        """What a message may show: the path, or the URL without its password."""
        return str(self.path) if self.url is None else redact(self.url)


def store_location(value: str, variable: str = DB_VARIABLE) -> StoreLocation:
    """The store ``value`` (what ``SUMMARIZER_DB`` holds) names; empty: the default file."""
    scheme = value.split("://", 1)[0].lower() if URL_SCHEME_RE.match(value) else ""
    if scheme in {"postgresql", "postgres"}:
        try:
            host = urlsplit(value).hostname
        except ValueError:  # an invalid IPv6 host, for one
            raise InputError(
                f"{variable}={redact(value)!r} is not a URL; give postgresql://user@host:port/database"
            ) from None
        if not host and "host=" not in value:
            raise InputError(f"{variable}={redact(value)!r} names no host; give postgresql://user@host:port/database")
        return StoreLocation(url=value)
    if scheme == "sqlite":
        # As in a file:// URL: sqlite:///srv/data/documents.db is /srv/data/documents.db.
        parts = urlsplit(value)
        if parts.netloc or not parts.path or parts.query or "%00" in parts.path:
            raise InputError(f"{variable}={value!r}: a SQLite URL is sqlite:///absolute/path/to/file.db")
        return StoreLocation(path=Path(unquote(parts.path)))
    if scheme:
        raise InputError(
            f"{variable}={redact(value)!r} is neither a file system path, a sqlite:/// URL nor a postgresql:// URL"
        )
    return StoreLocation(path=local_path(variable, value, DEFAULT_DB_PATH))


def redact(url: str) -> str:
    """``url`` with its password, if any, replaced by ``***``: the one in its user
    information, and libpq's ``password`` query parameter."""
    try:
        parts = urlsplit(url)
    except ValueError:  # not even a URL: show its scheme only
        return url.split("://", 1)[0] + "://***"
    query = "&".join(
        "password=***" if field.lower().startswith("password=") else field for field in parts.query.split("&")
    )
    if parts.password is None and query == parts.query:
        return url
    netloc = parts.netloc if parts.password is None else parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc, query=query).geturl()


def db_setting(environ: Mapping[str, str]) -> str:
    """What ``SUMMARIZER_DB`` holds in ``environ`` ("" when unset): the one place the
    variable is read, for the CLI and for the service
    (``api.config.ServiceConfig.from_env``); ``store_location`` resolves it."""
    return environ.get(DB_VARIABLE, "")


def local_path(variable: str, value: str, default: Path) -> Path:
    """The file system path the setting ``variable`` holds; empty: ``default``.

    A URL is refused, not taken for a relative path: ``postgresql://...`` would
    otherwise store the documents in a directory named ``postgresql:``."""
    if not value:
        return default.expanduser()
    if URL_SCHEME_RE.match(value):
        raise InputError(f"{variable}={redact(value)!r} is a URL; give a file system path")
    return Path(value).expanduser()
