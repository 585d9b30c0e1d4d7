"""The two store backends for tests: a SQLite file, or a schema of its own on PostgreSQL.

PostgreSQL is the server at ``$SUMMARIZER_TEST_POSTGRES`` (default
``postgresql://postgres@127.0.0.1:5432/test``: this project's machines and CI run one
there). Other test runs use the same server at the same time, so each store lives in a
schema made for it alone (``summarizer_test_<random>``, chosen through the URL's
``search_path``), dropped afterwards; nothing else on the server is touched. Where no
server answers, the PostgreSQL tests are skipped and say why.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest

__all__ = ["BACKENDS", "break_feed_items", "postgres_schema", "postgres_server", "store_setting"]

BACKENDS = ("sqlite", "postgres")
DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/test"


@cache
def _server_problem(url: str) -> str:
    """Why the server at ``url`` cannot be used ("" when it can)."""
    try:
        with psycopg.connect(url, connect_timeout=3) as connection:
            connection.execute("SELECT 1")
    except psycopg.Error as error:
        reason = str(error).strip().splitlines()[0]
        return f"no PostgreSQL server answers at {url} ({reason}); set SUMMARIZER_TEST_POSTGRES"
    return ""


def postgres_server() -> str:
    """The test server's URL; skips the calling test when none answers."""
    url = os.environ.get("SUMMARIZER_TEST_POSTGRES", DEFAULT_SERVER)
    problem = _server_problem(url)
    if problem:
        pytest.skip(problem)
    return url


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A ``SUMMARIZER_DB`` URL whose tables go to a fresh schema, dropped on exit."""
    server = postgres_server()
    schema = f"summarizer_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in server else "?"
    try:
        yield f"{server}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


@contextmanager
def store_setting(backend: str, directory: Path) -> Iterator[str]:
    """What ``SUMMARIZER_DB`` holds for a new, empty store of ``backend``."""
    if backend == "sqlite":
        yield str(directory / "documents.db")
        return
    with postgres_schema() as url:
        yield url


def break_feed_items(setting: str) -> type[Exception]:
    """Make every insert into ``feed_items`` of the store ``setting`` fail with "disk full";
    the error the backend raises."""
    if "://" not in setting:
        with sqlite3.connect(setting) as connection:
            connection.execute(
                "CREATE TRIGGER crash BEFORE INSERT ON feed_items BEGIN SELECT RAISE(ABORT, 'disk full'); END"
            )
        return sqlite3.IntegrityError
    with psycopg.connect(setting, autocommit=True) as connection:
        connection.execute(
            "CREATE FUNCTION crash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE 'disk full'; END $$"
        )
        connection.execute("CREATE TRIGGER crash BEFORE INSERT ON feed_items FOR EACH ROW EXECUTE FUNCTION crash()")
    return psycopg.errors.RaiseException
