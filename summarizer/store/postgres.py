"""The store on a PostgreSQL server, for several API hosts and a cron host (issue 18).

``SUMMARIZER_DB=postgresql://user:password@host:port/database`` selects it. It runs the
SQL of ``sql.py``, so it keeps SQLite's rules to the row; what differs is said here:

- Times are ``timestamptz``; a day's listing compares them with the day's bounds in its
  time zone, as SQLite compares ISO 8601 UTC text. The client's own offset is kept as text.
- Keys that are sorted (``id``, feed URLs, item keys) use the "C" collation: byte order,
  as SQLite sorts, whatever the database's locale.
- Writers of the same URL or the same text take the same transaction-level advisory
  lock first, so that a dedupe check and its insert are not raced by another host (SQLite
  has one writer at a time). Locks are keyed within the schema, so stores in two schemas
  of one database never wait on each other.
- One connection pool per process (``psycopg_pool``), opened by the first operation in
  that process: gunicorn builds the app in its master and forks the workers, and a
  connection must not be shared across a fork. The schema is migrated at start-up on a
  connection of its own, closed before any fork.

The database being unreachable (at start-up, or when a connection is wanted) raises
``StoreUnavailable``: the CLI exits 69, the API answers 503. Messages name the server by
its URL with the password replaced by ``***``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from ..dates import as_utc
from ..errors import Busy, InputError, StoreUnavailable
from .base import redact
from .sql import Connection, Dialect, SQLStore, migrate

__all__ = ["PostgresStore"]

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE documents (
            seq BIGINT GENERATED ALWAYS AS IDENTITY,  -- the order of arrival (SQLite's rowid)
            id TEXT COLLATE "C" PRIMARY KEY,
            outlet TEXT,
            title TEXT,
            url TEXT,
            published_at TIMESTAMPTZ NOT NULL,
            published_at_given TEXT,                  -- as the client sent it (offset kept)
            text TEXT,
            html TEXT,
            content_hash TEXT NOT NULL,
            received_at TIMESTAMPTZ NOT NULL
        )""",
        "CREATE UNIQUE INDEX documents_url ON documents(url) WHERE url IS NOT NULL",
        "CREATE INDEX documents_text ON documents(content_hash)",
        "CREATE INDEX documents_published ON documents(published_at)",
        """CREATE TABLE feeds (
            url TEXT COLLATE "C" PRIMARY KEY,
            outlet TEXT,
            etag TEXT,
            last_modified TEXT,
            last_success TIMESTAMPTZ,
            last_error TEXT,
            last_error_at TIMESTAMPTZ,
            failures INTEGER NOT NULL DEFAULT 0,
            next_poll TIMESTAMPTZ,
            gone_at TIMESTAMPTZ
        )""",
        """CREATE TABLE feed_items (
            feed_url TEXT COLLATE "C" NOT NULL,
            item_key TEXT COLLATE "C" NOT NULL,
            link TEXT,
            document_id TEXT,
            language TEXT,
            english BOOLEAN NOT NULL DEFAULT TRUE,
            tags TEXT NOT NULL DEFAULT '[]',
            seen_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (feed_url, item_key)
        )""",
        "CREATE INDEX feed_items_link ON feed_items(link) WHERE link IS NOT NULL",
        "CREATE INDEX feed_items_document ON feed_items(document_id)",
    ),
)

# Connections per process: a gunicorn worker's threads mostly wait on clients, and the
# summaries run one at a time; 4 keep two instances of 2 workers at 16 of the server's 100.
POOL_SIZE = 4
# Seconds to wait for a connection (the server down, or the pool busy) before a 503.
WAIT = 5.0


def _lock(connection: Connection, keys: Sequence[str]) -> None:
    # In the order given (sorted by the caller), so that no two writers wait in a circle.
    connection.execute(
        "SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ':' || key, 0)) "
        "FROM unnest(?::text[]) WITH ORDINALITY AS keys(key, n) ORDER BY n",
        (list(keys),),
    )


DIALECT = Dialect(arrival="seq", moment=as_utc, lock=_lock)


class _Statements:
    """A psycopg connection that takes the ``?`` placeholders of ``sql.py``."""

    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        self._connection = connection

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> psycopg.Cursor[Any]:
        if not parameters:
            return self._connection.execute(sql)
        return self._connection.execute(sql.replace("?", "%s"), parameters)


class PostgresStore(SQLStore):
    dialect = DIALECT

    def __init__(self, url: str, pool_size: int = POOL_SIZE) -> None:
        self._url = url
        self._name = redact(url)
        try:
            self._password = str(psycopg.conninfo.conninfo_to_dict(url).get("password") or "")
        except psycopg.ProgrammingError:
            raise InputError(f"SUMMARIZER_DB {self._name}: not a PostgreSQL connection URL") from None
        self._pool_size = pool_size
        self._pool: ConnectionPool[Any] | None = None
        self._pool_pid = 0
        self._inherited: list[ConnectionPool[Any]] = []
        self._pool_lock = threading.Lock()
        with self._unavailable(), self._connect() as connection, connection.transaction():
            migrate(_Statements(connection), self.dialect, MIGRATIONS)

    def _connect(self, autocommit: bool = False) -> psycopg.Connection[Any]:
        return psycopg.connect(self._url, autocommit=autocommit, row_factory=dict_row, **self._options())

    def _options(self) -> dict[str, Any]:
        # The URL's own connect_timeout, if it has one, wins.
        return {} if "connect_timeout" in self._url else {"connect_timeout": int(WAIT)}

    @contextmanager
    def _unavailable(self) -> Iterator[None]:
        """The server not answering, as ``StoreUnavailable`` with one line and no password."""
        try:
            yield
        except (psycopg.OperationalError, PoolTimeout) as error:
            detail = (str(error).strip().splitlines() or [type(error).__name__])[0]
            if self._password:
                detail = detail.replace(self._password, "***")
            raise StoreUnavailable(f"SUMMARIZER_DB {self._name}: the database cannot be used ({detail})") from None

    def _connections(self) -> ConnectionPool[Any]:
        """This process's pool, opened on first use."""
        with self._pool_lock:
            if self._pool is None or self._pool_pid != os.getpid():
                if self._pool is not None:
                    # Made before a fork: its connections are the parent's. Closing it, or
                    # letting it be collected, would end the parent's sessions.
                    self._inherited.append(self._pool)
                self._pool = ConnectionPool(
                    self._url,
                    min_size=1,
                    max_size=self._pool_size,
                    kwargs={"row_factory": dict_row, **self._options()},
                    check=ConnectionPool.check_connection,
                    timeout=WAIT,
                    name="summarizer",
                    open=False,
                )
                self._pool.open()
                self._pool_pid = os.getpid()
            return self._pool

    @contextmanager
    def _read(self) -> Iterator[_Statements]:
        # The pool's block is a transaction: committed at its end, rolled back on an error.
        with self._unavailable(), self._connections().connection() as connection:
            yield _Statements(connection)

    _write = _read

    @contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        """A session advisory lock, on a connection of its own held for the run: one run
        of ``name`` at a time on any host; released when the connection closes."""
        with self._unavailable():
            connection = self._connect(autocommit=True)
        with connection:
            row = connection.execute(
                "SELECT pg_try_advisory_lock(hashtextextended(current_schema() || ':run:' || %s, 0)) AS held",
                (name,),
            ).fetchone()
            if not row or not row["held"]:
                raise Busy(f"another {name} run holds its lock in {self._name}; try again later")
            yield

    def close(self) -> None:
        with self._pool_lock:
            if self._pool is not None and self._pool_pid == os.getpid():
                self._pool.close()
            self._pool = None

    def __repr__(self) -> str:
        return f"PostgresStore({self._name!r})"
