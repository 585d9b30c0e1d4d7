"""The store's feed tables: an article is stored whole or not at all; feed state round-trips."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from summarizer.store import DocumentStore, FeedItemRecord, FeedState
from tests.builders import make_document
from tests.store_support import break_feed_items

MOMENT = datetime(2026, 3, 10, 9, tzinfo=UTC)


def test_a_failure_while_recording_the_item_stores_no_document(store_db: str, store: DocumentStore) -> None:
    with pytest.raises(break_feed_items(store_db), match="disk full"):
        store.add_feed_item(
            FeedItemRecord("http://x/feed", "g1", "http://x/a"), make_document(url="http://x/a"), MOMENT
        )
    assert store.list() == []
    assert store.seen_items("http://x/feed", ["g1"]) == set()


def test_items_links_and_feed_state_are_remembered(store: DocumentStore) -> None:
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
    store.save_feed_state(gone := FeedState("http://x/feed", "X", failures=0, gone_at=MOMENT))  # replaced whole
    assert store.feed_states() == [FeedState(**{**vars(gone), "items_seen": 2})]
    assert store.feed_state("http://other/feed") == FeedState("http://other/feed")
    assert len(store.seen_items("http://x/feed", [f"k{n}" for n in range(1200)] + ["g1"])) == 1  # batched
