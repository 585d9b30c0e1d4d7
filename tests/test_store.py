from __future__ import annotations

import hashlib
import multiprocessing
import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from summarizer.errors import StoreUnavailable
from summarizer.store import DocumentStore, SQLiteStore, open_store, store_location

from .builders import make_document

NOON = datetime(2026, 6, 4, 12, tzinfo=UTC)


def test_same_url_or_same_text_is_stored_once(store: DocumentStore) -> None:
    first = store.add(make_document("The ferry ran aground.", id="a", url="https://x.example/1"), NOON)
    assert first.created
    same_url = store.add(make_document("Updated text.", id="b", url="https://x.example/1"), NOON)
    same_text = store.add(make_document("The  ferry ran\naground.", id="c"), NOON)
    assert (same_url.created, same_text.created) == (False, False)
    assert same_url.document.id == same_text.document.id == "a"
    assert len(store.list()) == 1


def test_published_at_defaults_to_receipt_and_days_follow_the_time_zone(store: DocumentStore) -> None:
    late_evening_new_york = datetime(2026, 6, 4, 23, 30, tzinfo=timezone(timedelta(hours=-4)))  # 03:30 UTC, June 5
    store.add(make_document("Late story.", id="late", published_at=late_evening_new_york), NOON)
    received = store.add(make_document("No date given.", id="undated"), NOON)
    assert received.document.published_at == NOON
    assert [d.id for d in store.published_on(date(2026, 6, 4), ZoneInfo("America/New_York"))] == ["undated", "late"]
    assert [d.id for d in store.published_on(date(2026, 6, 5), UTC)] == ["late"]
    late = store.published_on(date(2026, 6, 5), UTC)[0]
    assert late.published_at == late_evening_new_york  # the client's offset is kept


def test_same_id_with_different_text_keeps_both(store: DocumentStore) -> None:
    store.add(make_document("One story.", id="x"), NOON)
    second = store.add(make_document("Another story.", id="x"), NOON)
    assert second.created
    assert second.document.id.startswith("x-")


def _writer(setting: str, worker: int) -> None:
    store = open_store(store_location(setting))
    for n in range(25):
        store.add(make_document(f"Story {n} from writer {worker}.", id=f"w{worker}-{n}"), NOON)
        # Every writer also sends one shared story, under its own id: stored once.
        store.add(make_document("The shared story.", id=f"shared-{worker}", url="https://x.example/s"), NOON)
    store.close()


def test_concurrent_writers_lose_nothing_and_store_nothing_twice(store_db: str, store: DocumentStore) -> None:
    # The store is open (schema made, pool open) in this process before the fork.
    assert store.list() == []
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=_writer, args=(store_db, w)) for w in range(4)]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=60)
    assert [p.exitcode for p in processes] == [0] * 4
    stored = store.list(limit=1000)
    assert len(stored) == 101
    assert len({d.id for d in stored}) == 101


def test_the_same_text_from_another_outlet_is_a_second_carrier(store: DocumentStore) -> None:
    # Issue 11.8: wire copy carried by two outlets was stored once, and the nightly digest
    # lost the second carrier. A retry from the same outlet is still the same document.
    wire = "The ferry ran aground off the island on Tuesday. All passengers were brought ashore."
    first = store.add(make_document(wire, id="story", outlet="Bayline"), NOON)
    carried = store.add(make_document(wire, id="story", outlet="Coastal Times"), NOON)
    retried = store.add(make_document(wire, id="story-again", outlet="Coastal Times"), NOON)
    assert (first.created, carried.created, retried.created) == (True, True, False)
    assert carried.document.id != first.document.id
    assert retried.document.id == carried.document.id
    by_host = store.add(make_document(wire, id="h", outlet=None, url="https://islander.example/a"), NOON)
    assert by_host.created
    assert sorted(d.outlet or "" for d in store.list()) == ["", "Bayline", "Coastal Times"]


def test_a_store_made_before_carriers_keeps_its_rows_and_takes_wire_copy(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    with sqlite3.connect(path) as connection:  # the schema as it was, one row in it
        connection.executescript(
            """CREATE TABLE documents (id TEXT PRIMARY KEY, outlet TEXT, title TEXT, url TEXT,
               published_at TEXT NOT NULL, published_at_given TEXT, text TEXT, html TEXT,
               content_hash TEXT NOT NULL, received_at TEXT NOT NULL);
               CREATE UNIQUE INDEX documents_content ON documents(content_hash);"""
        )
        content_hash = hashlib.sha256(b"Wire text.").hexdigest()
        connection.execute(
            "INSERT INTO documents VALUES ('a', 'Bayline', NULL, NULL, ?, ?, 'Wire text.', NULL, ?, ?)",
            (NOON.isoformat(), NOON.isoformat(), content_hash, NOON.isoformat()),
        )
    assert SQLiteStore(path).add(make_document("Wire text.", id="a", outlet="Islander"), NOON).created
    assert sorted(d.outlet or "" for d in SQLiteStore(path).list()) == ["Bayline", "Islander"]


def test_the_order_of_a_day_and_of_the_latest_is_the_same_on_both_backends(store: DocumentStore) -> None:
    # Ties broken by id in byte order ("B" before "a"), whatever the database's locale.
    for doc_id in ("b", "a", "B", "a-1"):
        store.add(make_document(f"Story {doc_id}.", id=doc_id), NOON)
    store.add(make_document("Later.", id="z", published_at=NOON + timedelta(microseconds=1)), NOON)
    assert [d.id for d in store.published_on(date(2026, 6, 4), UTC)] == ["B", "a", "a-1", "b", "z"]
    assert [d.id for d in store.list()] == ["z", "B", "a", "a-1", "b"]
    assert [d.id for d in store.list(since=NOON + timedelta(microseconds=1))] == ["z"]


def test_a_store_opened_again_keeps_its_rows_and_schema_version(store_db: str, store: DocumentStore) -> None:
    store.add(make_document("Kept.", id="k"), NOON)
    again = open_store(store_location(store_db))
    assert [d.id for d in again.list()] == ["k"]
    again.close()


def test_a_store_newer_than_this_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    SQLiteStore(path)
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT INTO schema_version VALUES (99)")
    with pytest.raises(StoreUnavailable, match="schema is version 99, newer than this summarizer's"):
        SQLiteStore(path)


@pytest.mark.parametrize(
    ("setting", "shown"),
    [
        (
            "postgresql://reader:s3cret-pw@127.0.0.1:9/news?connect_timeout=2",
            "postgresql://reader:***@127.0.0.1:9/news",
        ),
        # libpq takes the password as a query parameter too.
        (
            "postgresql://reader@127.0.0.1:9/news?connect_timeout=2&password=s3cret-pw",
            "postgresql://reader@127.0.0.1:9/news?connect_timeout=2&password=***",
        ),
    ],
)
def test_an_unreachable_server_is_unavailable_and_its_password_is_never_shown(setting: str, shown: str) -> None:
    with pytest.raises(StoreUnavailable) as raised:
        open_store(store_location(setting))
    message = str(raised.value)
    assert "s3cret-pw" not in message
    assert message.startswith(f"SUMMARIZER_DB {shown}")
    assert "\n" not in message
