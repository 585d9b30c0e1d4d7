"""Loopback HTTP servers that serve fixture feeds and pages: for the ingest tests, the
feeds benchmark and the walk-through (``make feeds-demo``). Nothing here touches the
internet: every server listens on 127.0.0.1.

``FeedServer(routes)`` serves each path's ``Route`` (status, headers, a body or a
generator of chunks, a delay, an ETag for conditional GET) and answers 404 elsewhere;
it records every request it gets. ``example_site`` turns the bundled example articles
into feeds with their pages.
"""

from __future__ import annotations

import contextlib
import html
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

__all__ = ["FeedServer", "Route", "example_documents", "example_site", "rss", "simple_page"]


@dataclass
class Route:
    status: int = 200
    body: bytes | Callable[[], Iterable[bytes]] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the answer starts
    etag: str | None = None  # when set: 304 to a matching If-None-Match


@dataclass(frozen=True)
class Seen:
    path: str
    headers: dict[str, str]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a test's slow handler must not hold up its teardown
    routes: dict[str, Route]
    seen: list[Seen]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.server.seen.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
        route = self.server.routes.get(self.path)
        if route is None:
            self._answer(404, {"Content-Type": "text/plain"}, b"not found")
            return
        if route.delay:
            time.sleep(route.delay)
        if route.etag is not None and self.headers.get("If-None-Match") == route.etag:
            self._answer(304, {"ETag": route.etag}, b"")
            return
        headers = dict(route.headers)
        if route.etag is not None:
            headers["ETag"] = route.etag
        if isinstance(route.body, bytes):
            self._answer(route.status, headers, route.body)
            return
        self.send_response(route.status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            for chunk in route.body():
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading: what a byte cap does

    def _answer(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


class FeedServer:
    """``with FeedServer({"/feed.xml": Route(body=...)}) as server: server.url("/feed.xml")``."""

    def __init__(self, routes: dict[str, Route] | None = None) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.routes = routes if routes is not None else {}
        self._server.seen = []
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def routes(self) -> dict[str, Route]:
        return self._server.routes

    @property
    def seen(self) -> list[Seen]:
        return self._server.seen

    def url(self, path: str = "/") -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}{path}"

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def rss(title: str, items: Iterable[dict[str, str]], language: str | None = "en") -> bytes:
    """An RSS 2.0 document; each item a dict of its elements (``title``, ``link``,
    ``guid``, ``pubDate``, ``description``), written in the order given."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0"><channel>',
        f"<title>{html.escape(title)}</title>",
    ]
    if language:
        parts.append(f"<language>{language}</language>")
    for item in items:
        parts.append("<item>" + "".join(f"<{k}>{html.escape(v)}</{k}>" for k, v in item.items()) + "</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts).encode()


def simple_page(title: str, paragraphs: Iterable[str], published: str | None = None, extra_head: str = "") -> bytes:
    """An article page in the shape of a news site's: navigation, the article, a footer."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>{meta}'
        f"{extra_head}</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><main><article>"
        f"<h1>{html.escape(title)}</h1>{body}</article></main><footer>Copyright the publisher.</footer></body></html>"
    ).encode()


EXAMPLES = Path(__file__).resolve().parent.parent / "summarizer" / "examples"


def example_documents() -> list[Any]:
    """The bundled example articles, read as the CLI reads them (each with its outlet)."""
    from summarizer.extraction import resolve_article
    from summarizer.readers import read_inputs

    return [resolve_article(d) for d in read_inputs([str(EXAMPLES)]).documents]


def example_site(slugs: Iterable[str] | None = None) -> tuple[dict[str, Route], list[tuple[str, str]]]:
    """Routes serving each bundled example outlet as a feed (``/<id>/feed.xml``) with its
    article page (``/<id>/article.html``), and the (feed path, outlet) pairs."""
    routes: dict[str, Route] = {}
    feeds: list[tuple[str, str]] = []
    for article in example_documents():
        if slugs is not None and article.id not in slugs:
            continue
        published = article.published_at
        page_path, feed_path = f"/{article.id}/article.html", f"/{article.id}/feed.xml"
        paragraphs = [p for p in article.text.split("\n") if p.strip()]
        date = published.isoformat() if published else None
        routes[page_path] = Route(body=simple_page(article.title, paragraphs, date), headers=_HTML)
        item = {"title": article.title, "link": page_path, "guid": f"{article.id}-1", "description": paragraphs[0]}
        if published:
            item["pubDate"] = format_datetime(published)
        routes[feed_path] = Route(body=rss(article.outlet, [item]), headers=_RSS, etag=f'"{article.id}-v1"')
        feeds.append((feed_path, article.outlet))
    return routes, feeds


_HTML = {"Content-Type": "text/html; charset=utf-8"}
_RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}


def chunks(total: int, size: int = 64 * 1024) -> Callable[[], Iterator[bytes]]:
    """A body of ``total`` bytes sent in chunks, without Content-Length (a huge page)."""

    def generate() -> Iterator[bytes]:
        block = b"<p>" + b"x" * (size - 7) + b"</p>\n"
        for _ in range(total // size):
            yield block

    return generate
