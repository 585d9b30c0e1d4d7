"""One run of ``summarizer ingest``: every subscribed feed polled, its new items stored.

For each feed, in a pool of ``concurrency`` threads (the fetcher keeps each origin to
one request at a time):

1. Skipped when it answered 410 Gone once (it is never polled again, and the health
   says so) or when it is backing off.
2. Fetched with the ``ETag`` and ``Last-Modified`` of its last 200; a 304 ends here.
3. Parsed; its items not seen before (by GUID, per feed) are taken in feed order.
4. For each: its link is fetched unless a stored document or a seen item has it
   already, or robots.txt forbids it; the page's article is extracted, or the item's
   own text kept. Document and item are stored in one transaction, so a crash never
   leaves an item recorded without its article or the reverse. The store's own rules
   drop a repeat (same canonical URL, or same text from the same outlet) and keep wire
   copy carried by another outlet.
5. Its health is saved: a success clears the failures; a failure counts one more and
   backs off, 5 minutes doubling up to a day, or longer when ``Retry-After`` says so.
   When an origin asks to wait for a page, the remaining items are left for the next
   run, and the feed keeps its old validators so that the next run sees them again.

One failing feed never sinks the run: every failure is recorded and reported.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from ..errors import SummarizerError
from ..store import DocumentStore, FeedItemRecord, FeedState
from .articles import item_document
from .feeds import FeedError, FeedItem, parse_feed
from .fetch import Fetched, Fetcher, FetchError
from .subscriptions import Subscription

__all__ = ["BACKOFF_MAX", "BACKOFF_START", "FeedResult", "IngestReport", "feed_health", "ingest"]

log = logging.getLogger("summarizer.ingest")

BACKOFF_START = timedelta(minutes=5)
BACKOFF_MAX = timedelta(days=1)
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


@dataclass(frozen=True)
class FeedResult:
    url: str
    outlet: str
    # ok | not-modified | failed | gone (answered 410 now or before) | backing-off
    status: str
    new: int = 0  # documents stored
    seen: int = 0  # new items recorded (a repeat of a stored article, or one without text, too)
    error: str | None = None


@dataclass(frozen=True)
class IngestReport:
    feeds: tuple[FeedResult, ...]

    @property
    def new(self) -> int:
        return sum(f.new for f in self.feeds)

    @property
    def failures(self) -> int:
        return sum(f.status == "failed" for f in self.feeds)


def ingest(
    subscriptions: Sequence[Subscription],
    store: DocumentStore,
    fetcher: Fetcher,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    progress: Callable[[int, int], None] | None = None,
) -> IngestReport:
    """Poll every feed of ``subscriptions`` once; the results in their order."""
    results: dict[int, FeedResult] = {}
    with ThreadPoolExecutor(fetcher.options.concurrency, thread_name_prefix="ingest") as pool:
        futures = {pool.submit(_ingest_feed, s, store, fetcher, now): n for n, s in enumerate(subscriptions)}
        for done, future in enumerate(as_completed(futures), start=1):
            results[futures[future]] = result = _result(future, subscriptions[futures[future]])
            log.info(json.dumps({"event": "feed", **{k: v for k, v in vars(result).items() if v is not None}}))
            if progress:
                progress(done, len(futures))
    return IngestReport(tuple(results[n] for n in range(len(subscriptions))))


def _result(future: Future[FeedResult], subscription: Subscription) -> FeedResult:
    """The feed's result. One feed's unforeseen error (a bug, a library's surprise) is that
    feed's failure, logged with its traceback, never the run's end; a store that cannot be
    used (``StoreUnavailable``) is every feed's problem and ends the run."""
    try:
        return future.result()
    except SummarizerError:
        raise
    except Exception as error:
        log.exception("feed %s failed unexpectedly", subscription.url)
        return FeedResult(subscription.url, subscription.outlet, "failed", error=f"{type(error).__name__}: {error}")


class _Deferred(Exception):
    """An origin asked to wait (``Retry-After``): the feed's remaining items wait too."""

    def __init__(self, reason: str, until: datetime | None) -> None:
        super().__init__(reason)
        self.until = until


def _ingest_feed(
    subscription: Subscription, store: DocumentStore, fetcher: Fetcher, now: Callable[[], datetime]
) -> FeedResult:
    url, outlet = subscription.url, subscription.outlet
    state = replace(store.feed_state(url), outlet=outlet)
    moment = now()
    if state.gone_at is not None:
        return FeedResult(url, outlet, "gone", error=f"410 Gone since {state.gone_at.isoformat()}; not polled")
    if state.next_poll is not None and moment < state.next_poll:
        return FeedResult(url, outlet, "backing-off", error=f"not polled before {state.next_poll.isoformat()}")
    try:
        fetched = fetcher.get(url, fetcher.options.max_feed_bytes, state.etag, state.last_modified, FEED_ACCEPT)
        if fetched.status == 304:
            store.save_feed_state(_succeeded(state, moment, state.etag, state.last_modified))
            return FeedResult(url, outlet, "not-modified")
        if fetched.status == 410:
            error = "410 Gone: the feed was removed; it will not be polled again (remove it from the subscriptions)"
            store.save_feed_state(replace(state, gone_at=moment, last_error=error, last_error_at=moment))
            return FeedResult(url, outlet, "gone", error=error)
        if fetched.status != 200:
            raise FetchError(f"HTTP {fetched.status}", fetched.retry_after)
        parsed = parse_feed(fetched.body, fetched.headers.get("content-type"), fetched.url)
    except (FetchError, FeedError) as error:
        until = error.retry_after if isinstance(error, FetchError) else None
        failed = _failed(state, moment, str(error), until)
        store.save_feed_state(failed)
        return FeedResult(url, outlet, "failed", error=f"{error} (failure {failed.failures} in a row)")
    items = _unique(parsed.items)
    seen = store.seen_items(url, [i.key for i in items])
    new = seen_now = 0
    try:
        for item in items:
            if item.key in seen:
                continue
            new += _ingest_item(subscription, item, store, fetcher, now())
            seen_now += 1
    except _Deferred as deferred:
        # Old validators kept: the next run gets the feed again, with the items left.
        store.save_feed_state(
            replace(_succeeded(state, moment, state.etag, state.last_modified), next_poll=deferred.until)
        )
        return FeedResult(url, outlet, "ok", new, seen_now, error=f"{deferred}; the rest waits for the next run")
    etag, modified = fetched.headers.get("etag"), fetched.headers.get("last-modified")
    store.save_feed_state(_succeeded(state, moment, etag, modified))
    return FeedResult(url, outlet, "ok", new, seen_now)


def _ingest_item(
    subscription: Subscription, item: FeedItem, store: DocumentStore, fetcher: Fetcher, moment: datetime
) -> int:
    """Store ``item``'s article; 1 when a new document was stored."""
    page: Fetched | None = None
    known = bool(item.link) and bool(store.known_links([item.link or ""]))
    if item.link and not known:
        try:
            answer = fetcher.get(item.link, fetcher.options.max_page_bytes, accept=PAGE_ACCEPT, obey_robots=True)
        except FetchError as error:
            if error.retry_after is not None:
                raise _Deferred(str(error), error.retry_after) from None
            log.info(json.dumps({"event": "page", "url": item.link, "error": str(error), "fallback": "feed text"}))
        else:
            if answer.status in (429, 503) and answer.retry_after is not None:
                raise _Deferred(f"HTTP {answer.status} for {item.link}", answer.retry_after)
            if answer.status == 200 and _is_html(answer):
                page = answer
            else:
                log.info(
                    json.dumps({"event": "page", "url": item.link, "status": answer.status, "fallback": "feed text"})
                )
    made = item_document(subscription, item, page, moment)
    record = FeedItemRecord(subscription.url, item.key, item.link, made.language, made.english, subscription.tags)
    # A link a stored document has: recorded as seen, never fetched or stored again.
    stored = store.add_feed_item(record, None if known else made.document, moment)
    return int(stored is not None and stored.created)


def _is_html(answer: Fetched) -> bool:
    media = answer.headers.get("content-type", "text/html").split(";")[0].strip().lower()
    return media in ("text/html", "application/xhtml+xml", "")


def _unique(items: Sequence[FeedItem]) -> list[FeedItem]:
    """The first item of each key (a feed may repeat a GUID)."""
    return list({item.key: item for item in reversed(items)}.values())[::-1]


def _succeeded(state: FeedState, moment: datetime, etag: str | None, modified: str | None) -> FeedState:
    return replace(state, etag=etag, last_modified=modified, last_success=moment, failures=0, next_poll=None)


def _failed(state: FeedState, moment: datetime, error: str, until: datetime | None) -> FeedState:
    failures = state.failures + 1
    wait = min(BACKOFF_START * 2 ** min(failures - 1, 20), BACKOFF_MAX)
    next_poll = moment + wait
    if until is not None:
        next_poll = max(next_poll, min(until, moment + BACKOFF_MAX))
    return replace(state, last_error=error, last_error_at=moment, failures=failures, next_poll=next_poll)


def feed_health(state: FeedState) -> dict[str, object]:
    """A feed's health as plain data: what ``summarizer feeds`` and ``GET /v1/feeds`` show."""
    if state.gone_at is not None:
        status = "gone"
    elif state.failures:
        status = "failing"
    elif state.last_success is not None:
        status = "ok"
    else:
        status = "never polled"
    return {
        "url": state.url,
        "outlet": state.outlet,
        "status": status,
        "last_success": _iso(state.last_success),
        "last_error": state.last_error,
        "last_error_at": _iso(state.last_error_at),
        "consecutive_failures": state.failures,
        "items_seen": state.items_seen,
        "next_poll": _iso(state.next_poll),
        "gone_since": _iso(state.gone_at),
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
