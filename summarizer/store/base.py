"""What every document store offers: the ``DocumentStore`` protocol, the records it
keeps, and where ``SUMMARIZER_DB`` says the store is."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Protocol

from ..errors import InputError
from ..model import Document

__all__ = [
    "DEFAULT_DB_PATH",
    "DocumentStore",
    "FeedItemRecord",
    "FeedState",
    "StoredDocument",
    "db_path",
    "db_setting",
    "local_path",
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

    # Last: in the class body, the name ``list`` is this method from here on.
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
