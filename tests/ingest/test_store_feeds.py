"""The store's feed tables: an article is stored whole or not at all; feed state round-trips."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from summarizer.store import FeedItemRecord, FeedState, SQLiteStore
from tests.builders import make_document

MOMENT = datetime(2026, 3, 10, 9, tzinfo=UTC)


def test_a_failure_while_recording_the_item_stores_no_document(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "documents.db")
    with sqlite3.connect(tmp_path / "documents.db") as connection:
        connection.execute(
            "CREATE TRIGGER crash BEFORE INSERT ON feed_items BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
    with pytest.raises(sqlite3.IntegrityError, match="disk full"):
        store.add_feed_item(
            FeedItemRecord("http://x/feed", "g1", "http://x/a"), make_document(url="http://x/a"), MOMENT
        )
    assert store.list() == []
    assert store.seen_items("http://x/feed", ["g1"]) == set()


def test_items_links_and_feed_state_are_remembered(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "documents.db")
    record = FeedItemRecord("http://x/feed", "g1", "http://x/a", "fr", False, ("world", "local"))
    stored = store.add_feed_item(record, make_document(url="http://x/canonical"), MOMENT)
    assert stored is not None
    assert stored.created
    assert store.add_feed_item(FeedItemRecord("http://x/feed", "g2"), None, MOMENT) is None
    assert store.seen_items("http://x/feed", ["g1", "g2", "g3"]) == {"g1", "g2"}
    assert store.seen_items("http://y/feed", ["g1"]) == set()  # GUIDs are per feed
    assert store.known_links(["http://x/a", "http://x/canonical", "http://x/b"]) == {"http://x/a", "http://x/canonical"}
    assert store.feed_items(stored.document.id) == [
        FeedItemRecord("http://x/feed", "g1", "http://x/a", "fr", False, ("local", "world"))
    ]
    state = FeedState(
        "http://x/feed", "X", '"e1"', "Tue, 10 Mar 2026 09:00:00 GMT", MOMENT, "HTTP 500", MOMENT, 2, MOMENT
    )
    store.save_feed_state(state)
    assert store.feed_state("http://x/feed") == FeedState(**{**vars(state), "items_seen": 2})
    assert store.feed_state("http://other/feed") == FeedState("http://other/feed")
    assert len(store.seen_items("http://x/feed", [f"k{n}" for n in range(1200)] + ["g1"])) == 1  # batched
