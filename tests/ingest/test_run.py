"""``ingest`` against real HTTP servers on loopback: the good path, and every bad case
of issue 15, each with its own fixture feed or page."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from benchmarks.feed_server import FeedServer, Route, chunks, simple_page
from summarizer.ingest import Subscription
from summarizer.model import Document
from summarizer.store import SQLiteStore

from .support import HTML, RSS, feed, item, page, run, story

# Each test runs loopback servers and trafilatura (about 6 s together): `make test` runs them,
# `make fast` keeps to test_cli.py's run against a server.
pytestmark = pytest.mark.slow


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "documents.db")


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


def subscribe(server: FeedServer, path: str = "/feed.xml", outlet: str = "Harbor Daily", **kw: Any) -> Subscription:
    return Subscription(server.url(path), outlet, **kw)


def stored(store: SQLiteStore) -> list[Document]:
    return sorted(store.list(limit=10_000), key=lambda d: d.id)


def paths(server: FeedServer) -> list[str]:
    return [seen.path for seen in server.seen]


def test_ingests_items_with_their_pages_and_twice_stores_nothing_twice(store: SQLiteStore, server: FeedServer) -> None:
    server.routes["/feed.xml"] = feed([item(1), item(2)])
    server.routes["/feed.xml"].etag = '"v1"'
    server.routes["/a/1.html"] = page(1)
    server.routes["/a/2.html"] = page(2)
    subscription = subscribe(server, tags=("local", "transport"))
    report = run(store, [subscription])
    assert (report.new, report.failures) == (2, 0)
    documents = stored(store)
    assert [d.outlet for d in documents] == ["Harbor Daily", "Harbor Daily"]
    assert {d.url for d in documents} == {server.url("/a/1.html"), server.url("/a/2.html")}
    assert all(d.text and "timber piles" in d.text for d in documents)  # the page's article, not the summary
    assert all(d.published_at == datetime(2026, 3, 10, 9, tzinfo=UTC) for d in documents)
    assert store.feed_items(documents[0].id)[0].tags == ("local", "transport")
    requests = len(server.seen)
    again = run(store, [subscription])
    assert (again.new, again.feeds[0].status) == (0, "not-modified")
    assert server.seen[-1].headers.get("if-none-match") == '"v1"'  # conditional GET
    assert len(server.seen) == requests + 1  # the feed only: no page fetched again
    assert len(stored(store)) == 2
    assert "summarizer/" in server.seen[0].headers["user-agent"]


def test_a_server_without_validators_gets_no_page_twice(store: SQLiteStore, server: FeedServer) -> None:
    server.routes["/feed.xml"] = feed([item(1)])
    server.routes["/a/1.html"] = page(1)
    run(store, [subscribe(server)])
    run(store, [subscribe(server)])
    assert paths(server).count("/a/1.html") == 1
    assert len(stored(store)) == 1
    assert store.feed_states()[0].items_seen == 1


def test_the_same_link_in_two_feeds_of_one_outlet_is_stored_once(store: SQLiteStore, server: FeedServer) -> None:
    server.routes["/top.xml"] = feed([item(1)])
    server.routes["/local.xml"] = feed([item(1, guid="local-1")])
    server.routes["/a/1.html"] = page(1)
    report = run(store, [subscribe(server, "/top.xml"), subscribe(server, "/local.xml")], concurrency=1)
    assert report.new == 1
    assert paths(server).count("/a/1.html") == 1


def test_the_same_guid_in_two_outlets_feeds_keeps_both_carriers(store: SQLiteStore, server: FeedServer) -> None:
    # Wire copy: two outlets carry one agency story under the agency's GUID, each on its own page.
    server.routes["/one.xml"] = feed([item(1, link="/one/{n}.html", guid="wire-77")])
    server.routes["/two.xml"] = feed([item(1, link="/two/{n}.html", guid="wire-77")])
    server.routes["/one/1.html"] = page(1)
    server.routes["/two/1.html"] = page(1)
    report = run(store, [subscribe(server, "/one.xml", "Valley Courier"), subscribe(server, "/two.xml", "Metro")])
    assert report.new == 2
    assert sorted(d.outlet or "" for d in stored(store)) == ["Metro", "Valley Courier"]


def test_canonical_link_is_the_stored_url(store: SQLiteStore, server: FeedServer) -> None:
    canonical = '<link rel="canonical" href="/news/east-pier">'
    server.routes["/feed.xml"] = feed([item(1, link="/a/{n}.html?utm_source=rss")])
    server.routes["/a/1.html?utm_source=rss"] = page(1, extra_head=canonical)
    run(store, [subscribe(server)])
    assert stored(store)[0].url == server.url("/news/east-pier")


def test_malformed_urls_in_a_feed_or_a_page_are_left_out(store: SQLiteStore, server: FeedServer) -> None:
    # "http://[..." is an invalid IPv6 host: urljoin raises on it, and a run must not.
    json_feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "items": [{"id": "j1", "url": "http://[::1/a/9.html", "content_text": " ".join(story(1))}],
    }
    server.routes["/f.json"] = Route(body=json.dumps(json_feed).encode(), headers={"Content-Type": "application/json"})
    server.routes["/feed.xml"] = feed([item(2), item(3, link="/go/{n}")])
    server.routes["/a/2.html"] = page(2, extra_head='<link rel="canonical" href="http://[::1/news/east-pier">')
    server.routes["/go/3"] = Route(status=302, headers={"Location": "http://[oops/a/3.html"})
    report = run(store, [subscribe(server, "/f.json", "Harbor JSON"), subscribe(server)])
    assert [(f.status, f.new) for f in report.feeds] == [("ok", 1), ("ok", 2)], report
    assert sorted(str(d.url) for d in stored(store)) == sorted(["None", server.url("/a/2.html"), server.url("/go/3")])


def test_nul_characters_in_a_feed_are_not_stored(store: SQLiteStore, server: FeedServer) -> None:
    # PostgreSQL cannot store U+0000 in text: one such item sank the whole run there.
    json_feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "items": [{"id": "j\u00001", "title": "Pier\u0000", "content_text": "\u0000".join(story(1))}],
    }
    server.routes["/f.json"] = Route(body=json.dumps(json_feed).encode(), headers={"Content-Type": "application/json"})
    assert run(store, [subscribe(server, "/f.json")]).new == 1
    document = stored(store)[0]
    assert "\x00" not in f"{document.title}{document.text}"
    assert store.seen_items(server.url("/f.json"), ["j1"]) == {"j1"}


def test_a_redirected_page_is_stored_under_its_final_url(store: SQLiteStore, server: FeedServer) -> None:
    server.routes["/feed.xml"] = feed([item(1, link="/go/{n}")])
    server.routes["/go/1"] = Route(status=301, headers={"Location": "/a/1.html"})
    server.routes["/a/1.html"] = page(1)
    run(store, [subscribe(server)])
    assert stored(store)[0].url == server.url("/a/1.html")


def test_relative_links_are_resolved_against_the_feed(store: SQLiteStore, server: FeedServer) -> None:
    server.routes["/news/feed.xml"] = feed([item(1, link="story-{n}.html")])
    server.routes["/news/story-1.html"] = page(1)
    run(store, [subscribe(server, "/news/feed.xml")])
    assert stored(store)[0].url == server.url("/news/story-1.html")


def test_an_item_without_a_link_is_stored_from_its_own_text(store: SQLiteStore, server: FeedServer) -> None:
    server.routes["/feed.xml"] = feed([item(1, link=None, description=" ".join(story(1)))])
    report = run(store, [subscribe(server)])
    assert report.new == 1
    document = stored(store)[0]
    assert document.url is None
    assert document.text is not None
    assert "timber piles" in document.text


def test_an_item_without_a_date_takes_the_pages_else_the_time_first_seen(
    store: SQLiteStore, server: FeedServer
) -> None:
    undated_page = Route(body=simple_page("Pier", story(2)), headers=HTML)
    server.routes["/feed.xml"] = feed([item(1, pubDate=""), item(2, pubDate="")])
    server.routes["/a/1.html"] = page(1)  # declares 2026-03-10T09:00:00+00:00
    server.routes["/a/2.html"] = undated_page
    before = datetime.now(UTC)
    run(store, [subscribe(server)])
    first, second = stored(store)
    dates = {d.title: d.published_at for d in (first, second)}
    assert dates["East pier to close for repairs 1"] == datetime(2026, 3, 10, 9, tzinfo=UTC)
    assert (dates["East pier to close for repairs 2"] or before) > before


def test_a_page_that_needs_javascript_keeps_the_feeds_content(store: SQLiteStore, server: FeedServer) -> None:
    shell = (
        b'<html><head><title>App</title></head><body><div id="root"></div><script src="/app.js"></script></body></html>'
    )
    server.routes["/feed.xml"] = feed([item(1, description="<p>" + "</p><p>".join(story(1)) + "</p>")])
    server.routes["/a/1.html"] = Route(body=shell, headers=HTML)
    run(store, [subscribe(server)])
    text = stored(store)[0].text or ""
    assert "timber piles" in text
    assert text.count("\n\n") == 3


def test_robots_txt_is_honoured_for_pages(store: SQLiteStore, server: FeedServer) -> None:
    server.routes["/robots.txt"] = Route(body=b"User-agent: *\nDisallow: /a/\n", headers={"Content-Type": "text/plain"})
    server.routes["/feed.xml"] = feed([item(1)])
    server.routes["/a/1.html"] = page(1)
    run(store, [subscribe(server)])
    assert "/a/1.html" not in paths(server)
    assert "Summary 1" in (stored(store)[0].text or "")  # the item's own summary


def test_a_redirect_to_another_origin_obeys_that_origins_robots_txt(store: SQLiteStore, server: FeedServer) -> None:
    with FeedServer() as elsewhere:
        elsewhere.routes["/robots.txt"] = Route(
            body=b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"}
        )
        elsewhere.routes["/private/1.html"] = page(1)
        elsewhere.routes["/open/2.html"] = page(2)
        server.routes["/feed.xml"] = feed([item(1), item(2)])
        server.routes["/a/1.html"] = Route(status=302, headers={"Location": elsewhere.url("/private/1.html")})
        server.routes["/a/2.html"] = Route(status=301, headers={"Location": elsewhere.url("/open/2.html")})
        run(store, [subscribe(server)])
        assert [seen.path for seen in elsewhere.seen] == ["/robots.txt", "/open/2.html"]  # read once, obeyed
    texts = {d.text or "" for d in stored(store)}
    assert any("Summary 1" in t for t in texts)  # the disallowed page: the item's own summary
    assert any("Report 2" in t for t in texts)  # the allowed one: its page


def test_non_english_items_are_stored_and_flagged(store: SQLiteStore, server: FeedServer) -> None:
    french = (
        "Le conseil municipal a voté mardi la fermeture de la jetée est pendant six semaines, après que des "
        "plongeurs ont découvert que trois de ses pieux en bois étaient pourris sous la ligne de flottaison. "
        "Les traversiers utiliseront le terminal ouest dès lundi, a précisé l'autorité portuaire."
    )
    server.routes["/fr.xml"] = feed([item(1, link=None, description=french)], language=None)
    server.routes["/de.xml"] = feed([item(2, link=None, description="Die Mole wird geschlossen.")], language="de-DE")
    report = run(store, [subscribe(server, "/fr.xml", "Le Courrier"), subscribe(server, "/de.xml", "Der Bote")])
    assert report.new == 2
    records = {d.outlet: store.feed_items(d.id)[0] for d in stored(store)}
    assert records["Le Courrier"].english is False  # guessed from the words
    assert (records["Der Bote"].english, records["Der Bote"].language) == (False, "de-de")  # declared


def test_a_wrong_or_missing_charset_is_read_right(store: SQLiteStore, server: FeedServer) -> None:
    text = [p.replace("Tuesday", "Tuesday at the Café Ré") for p in story(1)]
    latin1 = simple_page("Pier", text).replace(b'<meta charset="utf-8">', b"").decode().encode("latin-1")
    server.routes["/feed.xml"] = feed([item(1), item(2)])
    server.routes["/a/1.html"] = Route(body=latin1, headers={"Content-Type": "text/html; charset=utf-8"})  # wrong
    server.routes["/a/2.html"] = Route(
        body=latin1.replace(b"Report 1", b"Report 2"), headers={"Content-Type": "text/html"}
    )
    run(store, [subscribe(server)])
    assert all("Café Ré" in (d.text or "") for d in stored(store))


def test_a_feed_in_a_legacy_encoding_is_decoded(store: SQLiteStore, server: FeedServer) -> None:
    body = feed([item(1, link=None, description="Caf\u00e9 owners on the pier welcomed the decision.")]).body
    assert isinstance(body, bytes)
    latin = body.replace(b'encoding="utf-8"', b'encoding="iso-8859-1"').decode().encode("latin-1")
    server.routes["/feed.xml"] = Route(body=latin, headers={"Content-Type": "application/rss+xml"})  # no charset
    run(store, [subscribe(server)])
    assert "Café owners" in (stored(store)[0].text or "")


def test_json_feed_1_1_atom_and_rss_1_0_are_read(store: SQLiteStore, server: FeedServer) -> None:
    json_feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Harbor JSON",
        "items": [{"id": "j1", "url": "/a/1.html", "title": "Pier", "date_published": "2026-03-10T09:00:00Z"}],
    }
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><updated>2026-03-10T09:00:00Z'
        '</updated><entry><id>urn:a2</id><title>Pier</title><link href="/a/2.html"/><updated>2026-03-10T09:00:00Z'
        "</updated></entry></feed>"
    )
    rdf = (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"><title>R</title></channel>'
        '<item rdf:about="r3"><title>Pier</title><link>/a/3.html</link></item></rdf:RDF>'
    )
    server.routes["/f.json"] = Route(
        body=json.dumps(json_feed).encode(), headers={"Content-Type": "application/feed+json"}
    )
    server.routes["/atom.xml"] = Route(body=atom.encode(), headers={"Content-Type": "application/atom+xml"})
    server.routes["/rdf.xml"] = Route(body=rdf.encode(), headers={"Content-Type": "application/rdf+xml"})
    for n in (1, 2, 3):
        server.routes[f"/a/{n}.html"] = page(n)
    outlets = [subscribe(server, p, f"Outlet {p}") for p in ("/f.json", "/atom.xml", "/rdf.xml")]
    report = run(store, outlets)
    assert [f.new for f in report.feeds] == [1, 1, 1], report


@pytest.mark.parametrize(
    ("route", "error"),
    [
        (Route(body=b"<?xml version='1.0'?><rss><channel><title>x</ti", headers=RSS), "not a feed"),
        (Route(body=simple_page("Home", ["Welcome to our site."]), headers=HTML), "not a feed: an HTML page"),
        (Route(status=404, body=b"no"), "HTTP 404"),
        (Route(status=500, body=b"oops"), "HTTP 500"),
        (
            Route(
                body=b'{"version": "https://jsonfeed.org/version/1.1", "items": [',
                headers={"Content-Type": "application/json"},
            ),
            "invalid JSON",
        ),
        (Route(status=302, headers={"Location": "http://[oops/feed.xml"}), "bad redirect"),
    ],
    ids=["malformed-xml", "html-as-feed", "404", "5xx", "malformed-json", "redirect-to-malformed-url"],
)
def test_a_failing_feed_is_recorded_and_never_sinks_the_run(
    store: SQLiteStore, server: FeedServer, route: Route, error: str
) -> None:
    server.routes["/bad.xml"] = route
    server.routes["/feed.xml"] = feed([item(1)])
    server.routes["/a/1.html"] = page(1)
    report = run(store, [subscribe(server, "/bad.xml", "Broken"), subscribe(server)])
    bad, good = report.feeds
    assert (bad.status, good.status, report.new, report.failures) == ("failed", "ok", 1, 1)
    assert error in (bad.error or "")
    state = store.feed_state(server.url("/bad.xml"))
    assert state.failures == 1
    assert error in (state.last_error or "")
    assert state.next_poll is not None
    assert state.last_success is None


def test_an_unforeseen_error_fails_its_feed_only(
    store: SQLiteStore, server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug in one feed's handling (here, the parser raising what it never should) is that
    feed's failure; the other feeds are still ingested."""
    from summarizer.ingest import feeds
    from summarizer.ingest import run as run_module

    def parse_or_break(body: bytes, content_type: str | None, url: str) -> feeds.ParsedFeed:
        if url.endswith("/bad.xml"):
            raise RuntimeError("the parser broke")
        return feeds.parse_feed(body, content_type, url)

    monkeypatch.setattr(run_module, "parse_feed", parse_or_break)
    server.routes["/bad.xml"] = feed([item(2)])
    server.routes["/feed.xml"] = feed([item(1)])
    server.routes["/a/1.html"] = page(1)
    report = run(store, [subscribe(server, "/bad.xml", "Broken"), subscribe(server)])
    bad, good = report.feeds
    assert (bad.status, bad.error, good.status, report.new) == ("failed", "RuntimeError: the parser broke", "ok", 1)


def test_a_malformed_feed_that_still_gives_items_is_read(store: SQLiteStore, server: FeedServer) -> None:
    body = feed([item(1)]).body
    assert isinstance(body, bytes)
    server.routes["/feed.xml"] = Route(body=body.replace(b"</title>", b" & Sons</title>", 1), headers=RSS)  # bare &
    server.routes["/a/1.html"] = page(1)
    assert run(store, [subscribe(server)]).new == 1


def test_a_feed_that_keeps_failing_backs_off(store: SQLiteStore, server: FeedServer) -> None:
    server.routes["/feed.xml"] = Route(status=503, headers={"Retry-After": "7200"})
    first = run(store, [subscribe(server)])
    assert first.feeds[0].status == "failed"
    state = store.feed_state(server.url("/feed.xml"))
    assert state.next_poll is not None
    assert (state.next_poll - datetime.now(UTC)).total_seconds() > 7000
    second = run(store, [subscribe(server)])
    assert second.feeds[0].status == "backing-off"
    assert len(server.seen) == 1  # not polled while backing off


def test_backoff_doubles_with_each_failure_up_to_a_day() -> None:
    from summarizer.ingest.run import _failed
    from summarizer.store import FeedState

    moment = datetime(2026, 3, 10, tzinfo=UTC)
    state = FeedState("http://x/feed")
    waits = []
    for _ in range(12):
        state = _failed(state, moment, "HTTP 500", None)
        assert state.next_poll is not None
        waits.append((state.next_poll - moment).total_seconds() / 60)
    assert waits[:4] == [5, 10, 20, 40]
    assert waits[-1] == 24 * 60


def test_410_gone_stops_polling_and_says_so(store: SQLiteStore, server: FeedServer) -> None:
    server.routes["/feed.xml"] = Route(status=410)
    first = run(store, [subscribe(server)])
    assert first.feeds[0].status == "gone"
    assert "410" in (first.feeds[0].error or "")
    assert first.failures == 0
    second = run(store, [subscribe(server)])
    assert second.feeds[0].status == "gone"
    assert len(server.seen) == 1
    assert store.feed_state(server.url("/feed.xml")).gone_at is not None


def test_a_redirect_loop_fails_the_feed(store: SQLiteStore, server: FeedServer) -> None:
    server.routes["/feed.xml"] = Route(status=302, headers={"Location": "/other.xml"})
    server.routes["/other.xml"] = Route(status=302, headers={"Location": "/feed.xml"})
    report = run(store, [subscribe(server)], max_redirects=3)
    assert "redirects" in (report.feeds[0].error or "")
    assert len(server.seen) == 4


def test_a_feed_that_does_not_answer_in_time_fails(store: SQLiteStore, server: FeedServer) -> None:
    server.routes["/feed.xml"] = Route(body=b"<rss/>", delay=2.0)
    report = run(store, [subscribe(server)], read_timeout=0.3)
    assert "timed out" in (report.feeds[0].error or "")


def test_a_page_that_does_not_answer_in_time_falls_back_to_the_feed(store: SQLiteStore, server: FeedServer) -> None:
    server.routes["/feed.xml"] = feed([item(1)])
    server.routes["/a/1.html"] = Route(body=b"<html></html>", delay=2.0)
    assert run(store, [subscribe(server)], read_timeout=0.3).new == 1
    assert "Summary 1" in (stored(store)[0].text or "")


def test_a_50_mb_page_is_cut_at_the_cap_and_the_feed_text_kept(store: SQLiteStore, server: FeedServer) -> None:
    server.routes["/feed.xml"] = feed([item(1), item(2)])
    server.routes["/a/1.html"] = Route(body=chunks(50_000_000), headers=HTML)  # streamed, no length
    huge = b"<html><body>" + b"<p>x</p>" * 6_250_000 + b"</body></html>"  # 50 MB, declared
    server.routes["/a/2.html"] = Route(body=huge, headers=HTML)
    report = run(store, [subscribe(server)], max_page_bytes=2_000_000)
    assert report.new == 2
    assert all("Summary" in (d.text or "") for d in stored(store))


def test_a_gzip_bomb_is_stopped_at_the_cap(store: SQLiteStore, server: FeedServer) -> None:
    bomb = gzip.compress(b"\0" * 200_000_000, compresslevel=9)  # 200 MB in about 200 kB
    server.routes["/feed.xml"] = feed([item(1)])
    server.routes["/a/1.html"] = Route(body=bomb, headers={**HTML, "Content-Encoding": "gzip"})
    server.routes["/bomb.xml"] = Route(body=bomb, headers={**RSS, "Content-Encoding": "gzip"})
    report = run(store, [subscribe(server), subscribe(server, "/bomb.xml", "Bomb")], max_page_bytes=1_000_000)
    assert report.new == 1
    assert "Summary 1" in (stored(store)[0].text or "")
    assert "over the cap" in (report.feeds[1].error or "")


def test_a_gzipped_feed_and_page_are_read(store: SQLiteStore, server: FeedServer) -> None:
    body, html = feed([item(1)]).body, page(1).body
    assert isinstance(body, bytes)
    assert isinstance(html, bytes)
    server.routes["/feed.xml"] = Route(body=gzip.compress(body), headers={**RSS, "Content-Encoding": "gzip"})
    server.routes["/a/1.html"] = Route(body=gzip.compress(html), headers={**HTML, "Content-Encoding": "gzip"})
    run(store, [subscribe(server)])
    assert "gzip" in server.seen[0].headers["accept-encoding"]
    assert "timber piles" in (stored(store)[0].text or "")


def test_a_page_retry_after_leaves_the_rest_for_the_next_run(store: SQLiteStore, server: FeedServer) -> None:
    server.routes["/feed.xml"] = feed([item(1), item(2)])
    server.routes["/feed.xml"].etag = '"v1"'
    server.routes["/a/1.html"] = Route(status=429, headers={"Retry-After": "0"})
    server.routes["/a/2.html"] = page(2)
    report = run(store, [subscribe(server)])
    assert report.new == 0
    assert "429" in (report.feeds[0].error or "")
    server.routes["/a/1.html"] = page(1)
    again = run(store, [subscribe(server)])
    assert again.new == 2  # the feed was fetched whole again: its old validators were kept
