"""The polite HTTP client of ``summarizer ingest``: every fetch bounded in bytes and time.

- Conditional GET: the caller passes the ``ETag`` and ``Last-Modified`` it remembers; a
  ``304 Not Modified`` comes back with no body.
- Bounded: connect and read timeouts, a deadline for the whole body, a byte cap on the
  body *after* decompression (gzip and deflate are decoded here, a chunk at a time with
  ``max_length``, so a gzip bomb is stopped at the cap, not after it filled the memory),
  and a cap on redirects, which are followed here one hop at a time without reading
  their bodies.
- Polite per origin (scheme, host, port: what robots.txt applies to, RFC 9309): one
  request at a time, ``delay`` seconds between two, and none before a ``Retry-After``
  the origin sent has passed. ``allowed`` reads the origin's robots.txt once per run;
  ``get(..., obey_robots=True)`` asks it for every hop, so a redirect to another origin
  is followed only where that origin's robots.txt allows it.
- A User-Agent naming the project and its URL.

Failures to get any answer raise ``FetchError`` (one line, for the feed's health). An
HTTP answer of any status is returned as ``Fetched``; only a 200's body is read.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from ..dates import retry_after
from ..links import is_web_url
from ..options import require_float, require_int
from ..readers import CHARSET_RE

__all__ = ["USER_AGENT", "FetchError", "FetchOptions", "Fetched", "Fetcher", "decode_page", "user_agent"]

# Every request names the project, so a site's operator can see who calls and why (as
# miniflux and news-please do), and, with ``ingest --contact``, where to reach whoever
# runs it: a made-up address would point sites at someone else.
USER_AGENT = "summarizer/0.1 (news digest feed reader)"
_CHUNK = 64 * 1024
_DISALLOW_ALL = ("User-agent: *", "Disallow: /")


def user_agent(contact: str | None) -> str:
    """``USER_AGENT``, with the operator's page or address when given."""
    return f"{USER_AGENT[:-1]}; +{contact})" if contact else USER_AGENT


class FetchError(Exception):
    """No usable answer: a timeout, a refused connection, a redirect loop, a body over
    the cap, a bad encoding. ``retry_after``: when the origin asked to be left alone."""

    def __init__(self, reason: str, retry_after: datetime | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


@dataclass(frozen=True)
class FetchOptions:
    """How ``Fetcher`` behaves; the defaults suit a cron run every 15 minutes.

    delay: seconds between two requests to one origin.
    concurrency: feeds fetched at once (each origin still gets one request at a time).
    """

    user_agent: str = USER_AGENT
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    deadline: float = 60.0  # seconds for one whole response, however slowly it drips
    max_feed_bytes: int = 10_000_000
    max_page_bytes: int = 5_000_000
    max_robots_bytes: int = 500_000
    max_redirects: int = 5
    delay: float = 1.0
    concurrency: int = 4

    def __post_init__(self) -> None:
        for name in ("connect_timeout", "read_timeout", "deadline"):
            require_float(name, getattr(self, name), 0.001, 600.0)
        require_float("delay", self.delay, 0.0, 600.0)
        require_int("concurrency", self.concurrency, 1, 64)
        require_int("max_redirects", self.max_redirects, 0, 20)
        for name in ("max_feed_bytes", "max_page_bytes", "max_robots_bytes"):
            require_int(name, getattr(self, name), 1, 1_000_000_000)


@dataclass(frozen=True)
class Fetched:
    status: int
    url: str  # after redirects
    headers: Mapping[str, str]
    body: bytes = b""  # only a 200's

    @property
    def retry_after(self) -> datetime | None:
        return retry_after(self.headers.get("retry-after"), datetime.now(UTC))


@dataclass
class _Origin:
    lock: threading.Lock = field(default_factory=threading.Lock)
    ready_at: float = 0.0  # monotonic time of the next request allowed
    paused_until: datetime | None = None  # Retry-After
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_read: bool = False


class Fetcher:
    """One per run: an ``httpx.Client`` (its connection pool) and what each origin asked.
    ``transport`` lets a test swap the network for a handler (``httpx.MockTransport``)."""

    def __init__(
        self,
        options: FetchOptions,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.options = options
        self._sleep = sleep
        self._origins: dict[tuple[str, str, int | None], _Origin] = {}
        self._origins_lock = threading.Lock()
        self._client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(options.read_timeout, connect=options.connect_timeout),
            follow_redirects=False,  # followed in ``get``, without reading redirect bodies
            headers={"User-Agent": options.user_agent, "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(max_connections=options.concurrency * 2, max_keepalive_connections=options.concurrency),
            trust_env=False,  # no proxy or netrc from the environment: only the URLs given
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        max_bytes: int,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
        obey_robots: bool = False,
    ) -> Fetched:
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for _ in range(self.options.max_redirects + 1):
            if not is_web_url(url):
                raise FetchError(f"not an http(s) URL: {url[:200]!r}")
            if obey_robots and not self.allowed(url):
                raise FetchError(f"robots.txt disallows {url[:200]!r}")
            with self._turn(url) as origin:
                response = self._send(url, headers)
                try:
                    location = response.headers.get("location")
                    if response.is_redirect and location:
                        try:
                            url = urljoin(str(response.url), location.strip())
                        except ValueError:  # an invalid IPv6 host, for one
                            raise FetchError(f"bad redirect to {location[:200]!r}") from None
                        continue
                    fetched = Fetched(response.status_code, str(response.url), dict(response.headers))
                    if response.status_code in (429, 503) and fetched.retry_after is not None:
                        origin.paused_until = fetched.retry_after
                    if response.status_code == 200:
                        fetched = Fetched(200, fetched.url, fetched.headers, self._read(response, max_bytes))
                    return fetched
                finally:
                    response.close()
        raise FetchError(f"more than {self.options.max_redirects} redirects (a redirect loop?)")

    def allowed(self, url: str) -> bool:
        """Whether the origin's robots.txt lets this User-Agent fetch ``url`` (RFC 9309:
        no robots.txt, or a 4xx, allows all; an unreachable one or a 5xx allows nothing)."""
        origin = self._origin(url)
        if not origin.robots_read:
            parts = urlsplit(url)
            robots = urllib.robotparser.RobotFileParser()
            try:
                answer = self.get(f"{parts.scheme}://{parts.netloc}/robots.txt", self.options.max_robots_bytes)
            except FetchError:
                robots.parse(_DISALLOW_ALL)
            else:
                if answer.status == 200:
                    robots.parse(decode_page(answer.body, answer.headers.get("content-type")).splitlines())
                else:
                    robots.parse([] if 400 <= answer.status < 500 else _DISALLOW_ALL)
            origin.robots, origin.robots_read = robots, True
        assert origin.robots is not None
        return origin.robots.can_fetch(self.options.user_agent, url)

    def _origin(self, url: str) -> _Origin:
        parts = urlsplit(url)
        key = (parts.scheme.lower(), (parts.hostname or "").lower(), parts.port)
        with self._origins_lock:
            return self._origins.setdefault(key, _Origin())

    @contextmanager
    def _turn(self, url: str) -> Iterator[_Origin]:
        """This origin's turn: one request at a time, ``delay`` apart, none while paused."""
        origin = self._origin(url)
        with origin.lock:
            if origin.paused_until is not None and datetime.now(UTC) < origin.paused_until:
                raise FetchError(
                    f"{urlsplit(url).netloc} asked to wait until {origin.paused_until.isoformat()} (Retry-After)",
                    origin.paused_until,
                )
            wait = origin.ready_at - time.monotonic()
            if wait > 0:
                self._sleep(wait)
            try:
                yield origin
            finally:
                origin.ready_at = time.monotonic() + self.options.delay

    def _send(self, url: str, headers: Mapping[str, str]) -> httpx.Response:
        try:
            return self._client.send(self._client.build_request("GET", url, headers=headers), stream=True)
        except httpx.TimeoutException:
            raise FetchError(
                f"timed out (connect {self.options.connect_timeout:g} s, read {self.options.read_timeout:g} s)"
            ) from None
        except httpx.HTTPError as error:
            raise FetchError(f"{type(error).__name__}: {str(error)[:200]}") from None
        except ValueError as error:  # an invalid URL that passed is_web_url (a bad port, say)
            raise FetchError(f"bad URL: {error}") from None

    def _read(self, response: httpx.Response, max_bytes: int) -> bytes:
        """The body, decompressed, at most ``max_bytes`` of it (``FetchError`` beyond)."""
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        if encoding in ("gzip", "x-gzip", "deflate"):
            decoder: zlib._Decompress | None = zlib.decompressobj(32 + zlib.MAX_WBITS)  # gzip or zlib header
        elif encoding in ("", "identity"):
            decoder = None
            declared = response.headers.get("content-length", "")
            if declared.isdecimal() and int(declared) > max_bytes:
                raise FetchError(f"body of {int(declared):,} bytes is over the cap of {max_bytes:,}")
        else:
            raise FetchError(f"unsupported Content-Encoding {encoding[:40]!r}")
        started = time.monotonic()
        body = bytearray()
        raw = 0
        try:
            for chunk in response.iter_raw(_CHUNK):
                raw += len(chunk)
                if decoder is not None:
                    body += decoder.decompress(chunk, max_bytes + 1 - len(body))
                    if decoder.unconsumed_tail:  # the output limit was reached with input left
                        raise FetchError(f"body over the cap of {max_bytes:,} bytes once decompressed")
                else:
                    body += chunk
                if len(body) > max_bytes or raw > max_bytes:
                    raise FetchError(f"body over the cap of {max_bytes:,} bytes")
                if time.monotonic() - started > self.options.deadline:
                    raise FetchError(f"body not received within {self.options.deadline:g} s")
        except httpx.TimeoutException:
            raise FetchError("timed out reading the body") from None
        except httpx.HTTPError as error:
            raise FetchError(f"{type(error).__name__} reading the body: {str(error)[:200]}") from None
        except zlib.error as error:
            raise FetchError(f"bad {encoding} body: {error}") from None
        return bytes(body)


def decode_page(data: bytes, content_type: str | None) -> str:
    """A page's bytes as text: the charset the server declared, when the bytes are in
    it; else UTF-8; else the page's own ``<meta charset>``; else windows-1252 (what
    browsers assume, RFC 9110 aside). A wrong or missing charset never raises."""
    candidates: list[str] = []
    declared = CHARSET_RE.search(content_type or "")
    if declared:
        candidates.append(declared.group(1))
    candidates.append("utf-8-sig")
    meta = CHARSET_RE.search(data[:4096].decode("ascii", errors="ignore"))
    if meta:
        candidates.append(meta.group(1))
    for name in candidates:
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("windows-1252", errors="replace")
