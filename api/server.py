"""The gunicorn worker the service runs on: ``worker_class = "api.server.ServiceWorker"``
in ``gunicorn.conf.py``.

It is gunicorn's threaded worker (gthread), so a client that is slow to send or to read
holds one thread while the others keep serving, plus what gthread lacks when the service
faces such clients without a buffering proxy in front:

- Read deadlines. A client has ``Timeouts.header`` seconds from its first byte to send
  the request line and headers (then the worker answers 408), and ``Timeouts.body``
  seconds from the end of the headers to send its body (then ``api/body.py`` answers
  408), and as long again to take the answer. gunicorn only bounds each ``recv()``
  apart, which a client sending a byte a second never trips.
- A request deadline. A request still inside the app ``Timeouts.request`` seconds after
  its headers is answered 503 (problem+json, ``Retry-After``) by a watchdog thread; the
  thread computing it finishes in the background and its answer is dropped. With
  threads, gunicorn's ``timeout`` only watches the worker's main loop, which keeps
  running while a request thread computes, so it would never end such a request.
- A lingering close. What a client still sends after its answer (a body over the
  limit, or one the app never read) is read and dropped, up to ``DRAIN_BYTES`` for
  ``DRAIN_SECONDS``, so a client that writes its whole body before reading (Python's
  urllib) sees the 413 instead of a connection reset.
- problem+json for every answer the worker writes itself: gunicorn's refusals of what
  it cannot parse (400, 414, 417, 431, 501), the 408 and 503 above, and, when gunicorn
  aborts the worker (its ``timeout``: SIGABRT) or stops it at once (SIGQUIT, SIGINT), a
  503 to each request in flight.

Nothing can answer after a SIGKILL: the kernel closes the connections.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from email.utils import formatdate
from http import HTTPStatus
from typing import Any

from gunicorn.http.unreader import SocketUnreader  # type: ignore[import-untyped]
from gunicorn.workers.gthread import _DEFER, ThreadWorker  # type: ignore[import-untyped]

from .hooks import REQUEST_ID_RE, SECURITY_HEADERS
from .problems import PROBLEM_TYPES, problem_document, slug_for_status

__all__ = ["BodyTimeout", "HeaderTimeout", "ServiceWorker", "Timeouts", "problem_message"]

access_log = logging.getLogger("summarizer.access")

# A new connection's first bytes usually arrive with it; one that stays silent longer
# waits in the worker's poller (gunicorn closes it after ``keepalive`` seconds) instead
# of holding a thread. gthread itself holds the thread for 5 s.
FIRST_BYTES_WAIT = 0.5
# The lingering close: an honest client that sent a body over the 2 MB limit, up to
# four times over, is read to its end (milliseconds on a LAN); a client sending more, or
# sending slowly, gets its answer and then the connection closes.
DRAIN_BYTES = 8 * 1024 * 1024
DRAIN_SECONDS = 10.0
DRAIN_PIECE = 1024 * 1024  # gunicorn's largest recv()
# After a 503 at the deadline, when to try again: long enough for the load that made
# the request slow to pass.
RETRY_AFTER_SECONDS = 10
# How long a request thread waits for the watchdog to finish writing the 503 it claimed
# (a few hundred bytes into an empty socket buffer: at once, in practice).
ANSWER_WAIT = 10.0

ENV_PREFIX = "SUMMARIZER_"
MAX_TIMEOUT = 3600.0
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


@dataclass(frozen=True)
class Timeouts:
    """The worker's deadlines, in seconds. From the environment:
    ``SUMMARIZER_HEADER_TIMEOUT``, ``SUMMARIZER_BODY_TIMEOUT``, ``SUMMARIZER_REQUEST_TIMEOUT``.

    header: from a request's first byte to the end of its headers. A request head is a
        few hundred bytes sent at once; 10 s is ample even on a poor mobile link.
    body: from the end of the headers to the end of the body, and again for writing the
        answer. 20 s moves the largest allowed body (2 MB) at 100 KB/s.
    request: from the end of the headers until the app answers; body reading counts, so
        it must exceed ``body`` for a slow upload to get its 408 first. 30 s leaves 10 s
        of work after the slowest allowed upload. The largest allowed request takes about
        0.6 s alone, and 7 to 8 s here when all 16 threads of the two workers run one
        each (the threads share a core, and a worker takes no more connections than it
        has threads), so the deadline only ends requests gone wrong.
    """

    header: float = 10.0
    body: float = 20.0
    request: float = 30.0

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= MAX_TIMEOUT:
                raise ValueError(
                    f"{item.name} timeout must be seconds above 0 and at most {MAX_TIMEOUT:g}, not {value!r}"
                )

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Timeouts:
        values: dict[str, float] = {}
        for item in fields(cls):
            variable = f"{ENV_PREFIX}{item.name.upper()}_TIMEOUT"
            raw = environ.get(variable)
            if raw is None:
                continue
            try:
                values[item.name] = float(raw)
                cls(**{item.name: values[item.name]})
            except ValueError:
                raise ValueError(
                    f"{variable} must be seconds above 0 and at most {MAX_TIMEOUT:g}, not {raw!r}"
                ) from None
        return cls(**values)


class HeaderTimeout(Exception):
    """The request line and headers did not arrive in time. Not an ``OSError``, so that
    gunicorn hands it to ``handle_error``, which answers 408."""


class BodyTimeout(TimeoutError):
    """The body did not arrive in time. Raised into the app's read of ``wsgi.input``;
    ``api/body.py`` answers 408."""


def problem_message(slug: str, detail: str, request_id: str, headers: Mapping[str, str] | None = None) -> bytes:
    """A whole HTTP/1.1 response carrying a problem+json body, for the worker to write
    itself (the app's answers go through ``api.problems.problem_response``)."""
    document = problem_document(slug, detail, request_id)
    body = json.dumps(document).encode()
    status = document["status"]
    head = {
        "Date": formatdate(usegmt=True),
        "Content-Type": "application/problem+json",
        "Content-Length": str(len(body)),
        "Connection": "close",
        "X-Request-ID": request_id,
        **SECURITY_HEADERS,
        **(headers or {}),
    }
    lines = [f"HTTP/1.1 {status} {HTTPStatus(status).phrase}", *(f"{k}: {v}" for k, v in head.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class _DeadlineSocket:
    """The connection's socket as gunicorn's HTTP parser reads it: every ``recv()``
    waits at most until the deadline of the current phase (headers, then body), however
    the client spreads its bytes. Timeouts set by gunicorn itself pass through."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.deadline: float | None = None
        self.expired: Callable[[], Exception] = TimeoutError

    def expect(self, deadline: float | None, expired: Callable[[], Exception] = TimeoutError) -> None:
        self.deadline, self.expired = deadline, expired

    def recv(self, size: int) -> bytes:
        if self.deadline is None:
            return self.sock.recv(size)
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise self.expired()
        previous = self.sock.gettimeout()
        self.sock.settimeout(remaining if previous is None else min(previous, remaining))
        try:
            return self.sock.recv(size)
        except TimeoutError:
            if time.monotonic() < self.deadline:
                raise  # a shorter timeout of gunicorn's own
            raise self.expired() from None
        finally:
            self.sock.settimeout(previous)

    def gettimeout(self) -> float | None:
        return self.sock.gettimeout()

    def settimeout(self, value: float | None) -> None:
        self.sock.settimeout(value)


@dataclass(eq=False)
class _Flight:
    """A request inside the app."""

    sock: socket.socket
    request_id: str
    method: str
    path: str
    started: float
    deadline: float
    claimed: bool = False  # the worker answers it (deadline or shutdown), not the app
    answered: threading.Event = field(default_factory=threading.Event)


class _Flights:
    """The requests inside the app. ``claim`` hands those past their deadline (or all of
    them) to the caller, which answers them; the app's answer to a claimed request is
    dropped (``leave`` tells the request thread)."""

    def __init__(self) -> None:
        self._flights: set[_Flight] = set()
        self._changed = threading.Condition()

    def enter(self, flight: _Flight) -> None:
        with self._changed:
            # The watchdog sleeps until the earliest deadline: wake it only to move that.
            earliest = all(flight.deadline < f.deadline for f in self._flights)
            self._flights.add(flight)
            if earliest:
                self._changed.notify()

    def leave(self, flight: _Flight) -> bool:
        """Whether the worker claimed the request; then only after its answer is written."""
        with self._changed:
            self._flights.discard(flight)
        if flight.claimed:
            flight.answered.wait(ANSWER_WAIT)
        return flight.claimed

    def claim(self, due: float | None = None) -> list[_Flight]:
        """The requests whose deadline is ``due`` or earlier (all when ``None``)."""
        with self._changed:
            return self._claim(due)

    def wait_for_due(self) -> list[_Flight]:
        """Block until some request passes its deadline; claim and return those."""
        with self._changed:
            while True:
                now = time.monotonic()
                due = self._claim(now)
                if due:
                    return due
                upcoming = min((f.deadline for f in self._flights), default=None)
                self._changed.wait(None if upcoming is None else upcoming - now)

    def _claim(self, due: float | None) -> list[_Flight]:
        claimed = [f for f in self._flights if due is None or f.deadline <= due]
        for flight in claimed:
            flight.claimed = True
            self._flights.discard(flight)
        return claimed


class _ErrorPage:
    """Stands in for the client's socket while gunicorn writes its HTML error page, so
    the worker learns the status gunicorn chose and answers problem+json instead."""

    def __init__(self) -> None:
        self.data = b""

    def gettimeout(self) -> float:
        return 0.0

    def sendall(self, data: bytes) -> None:
        self.data += data

    @property
    def status(self) -> int:
        try:
            return int(self.data.split(b" ", 2)[1])
        except (IndexError, ValueError):
            return 500


class ServiceWorker(ThreadWorker):  # type: ignore[misc]
    """gthread with read deadlines, a request deadline, a lingering close and
    problem+json answers (see the module docstring). ``gunicorn.conf.py`` sets
    ``timeouts`` from the environment in its ``post_worker_init`` hook; the app itself
    is ``application`` (``wsgi`` is it wrapped in the request deadline)."""

    timeouts = Timeouts()
    wsgi: WSGIApp
    application: WSGIApp

    @property
    def worker_connections(self) -> int:
        """How many connections the worker may hold: one per thread, plus those that
        wait in its poller (kept alive, or not yet sending). gthread's main loop accepts
        while it holds fewer, so a worker whose threads are all busy (slow clients, long
        requests) leaves new connections in the kernel's backlog for a worker with a
        thread free, instead of queueing them behind its busy threads."""
        waiting = len(self.keepalived_conns) + len(self.pending_conns)
        return int(min(self.cfg.worker_connections, self.cfg.threads + waiting))

    @worker_connections.setter
    def worker_connections(self, value: int) -> None:
        pass  # ThreadWorker.__init__ sets it from the config; the property reads it there

    def init_process(self) -> None:
        self.flights = _Flights()
        threading.Thread(target=self._answer_late_requests, name="request-deadline", daemon=True).start()
        super().init_process()

    def load_wsgi(self) -> None:
        super().load_wsgi()
        self.application = self.wsgi
        self.wsgi = self._serve

    def run(self) -> None:
        try:
            super().run()
        finally:
            # The graceful timeout passed with requests still running.
            self._answer_all("the worker stopped before this request finished; retry")

    def handle_abort(self, sig: int, frame: Any) -> None:
        self._answer_all("the worker was stopped (it did not answer in time); retry")
        super().handle_abort(sig, frame)

    def handle_quit(self, sig: int, frame: Any) -> None:
        self._answer_all("the worker is shutting down; retry")
        super().handle_quit(sig, frame)

    # Reading the request, with deadlines.

    def handle(self, conn: Any) -> Any:
        """A connection with something to read: a new one, or a kept-alive one whose
        next request begins. Runs in a pool thread."""
        if not conn.initialized:
            if not conn.data_ready and not conn.wait_for_data(FIRST_BYTES_WAIT):
                return _DEFER  # gthread puts it in the poller until its bytes come
            # What ThreadWorker.handle does next, done first so that the parser reads
            # through the deadline socket from its first byte.
            conn.sock.setblocking(True)
            try:
                conn.init()
            except Exception:  # as in gthread: a failed TLS handshake ends the connection
                self.log.debug("connection setup failed", exc_info=True)
                return False
            unreader = getattr(conn.parser, "unreader", None)
            if isinstance(unreader, SocketUnreader):
                conn.deadline_socket = unreader.sock = _DeadlineSocket(unreader.sock)
        deadline_socket: _DeadlineSocket | None = getattr(conn, "deadline_socket", None)
        if deadline_socket is not None:
            seconds = self.timeouts.header
            deadline_socket.expect(
                time.monotonic() + seconds,
                lambda: HeaderTimeout(f"the request headers did not arrive within {seconds:g} s"),
            )
        return super().handle(conn)

    def handle_request(self, req: Any, conn: Any) -> bool:
        deadline_socket: _DeadlineSocket | None = getattr(conn, "deadline_socket", None)
        seconds = self.timeouts.body
        if deadline_socket is not None:
            deadline_socket.expect(
                time.monotonic() + seconds,
                lambda: BodyTimeout(f"the body was not complete {seconds:g} s after the headers"),
            )
        # sendall() counts its timeout over the whole call: the answer must be taken
        # within it, or the connection is dropped (a client that never reads).
        conn.sock.settimeout(seconds)
        try:
            keepalive = bool(super().handle_request(req, conn))
        finally:
            if deadline_socket is not None:
                deadline_socket.expect(None)
            conn.sock.settimeout(None)
        return self._drain(req, deadline_socket) and keepalive

    def _drain(self, req: Any, deadline_socket: _DeadlineSocket | None) -> bool:
        """The lingering close, once the answer is written: read and drop what the client
        is still sending of its body, at most ``DRAIN_BYTES`` for ``DRAIN_SECONDS``.
        Whether the body was read to its end (if not, the connection is closed)."""
        body = getattr(req, "body", None)
        if body is None or deadline_socket is None:
            return True
        if getattr(body, "failed", False):
            return False  # reading it failed: where it ends is unknown
        deadline_socket.expect(time.monotonic() + DRAIN_SECONDS)
        drained = 0
        try:
            while drained < DRAIN_BYTES:
                piece = body.read(min(DRAIN_PIECE, DRAIN_BYTES - drained))
                if not piece:
                    return True
                drained += len(piece)
            return False
        except Exception:  # noqa: BLE001 - a timeout, a reset, a malformed chunk: stop and close
            return False
        finally:
            deadline_socket.expect(None)

    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        """What gunicorn answers itself (a request it cannot parse, or an error outside
        the app), as problem+json with the status gunicorn chose."""
        if isinstance(exc, HeaderTimeout):
            self._send(client, "request-timeout", str(exc), request_id=_request_id(req))
            return
        page = _ErrorPage()
        super().handle_error(req, page, addr, exc)  # logs as gunicorn does, writes to the page
        slug = slug_for_status(page.status)
        if PROBLEM_TYPES[slug][0] < 500:
            detail = str(exc) or PROBLEM_TYPES[slug][1]
        else:
            detail = "the server failed to handle this request; it has been logged"
        method, path = getattr(req, "method", None) or "", getattr(req, "path", None) or ""
        self._send(client, slug, detail, request_id=_request_id(req), method=method, path=path)

    # The request deadline.

    def _serve(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """The app, with the request deadline. The request id is settled here, by the
        app's own rule (``api/hooks.py``), so that the worker's answer carries the id
        the app logs."""
        supplied = environ.get("HTTP_X_REQUEST_ID", "")
        if not REQUEST_ID_RE.fullmatch(supplied):
            environ["HTTP_X_REQUEST_ID"] = uuid.uuid4().hex
        sock = environ.get("gunicorn.socket")
        if not isinstance(sock, socket.socket) or environ.get("HTTP_VERSION") == "2":
            return self.application(environ, start_response)  # an HTTP/2 stream shares its socket
        now = time.monotonic()
        flight = _Flight(
            sock,
            environ["HTTP_X_REQUEST_ID"],
            environ.get("REQUEST_METHOD", ""),
            environ.get("PATH_INFO", ""),
            now,
            now + self.timeouts.request,
        )
        self.flights.enter(flight)
        try:
            answer = self.application(environ, start_response)
        finally:
            claimed = self.flights.leave(flight)
        if claimed:
            close = getattr(answer, "close", None)
            if close is not None:
                close()
            # gunicorn's write of the app's answer now fails (the socket is shut for
            # writing) and the connection is closed.
            return []
        return answer

    def _answer_late_requests(self) -> None:
        while True:
            for flight in self.flights.wait_for_due():
                self._answer(
                    flight,
                    "deadline-exceeded",
                    f"the request was not done within {self.timeouts.request:g} s; try again later",
                    {"Retry-After": str(RETRY_AFTER_SECONDS)},
                )

    def _answer_all(self, detail: str) -> None:
        for flight in self.flights.claim():
            self._answer(flight, "not-ready", detail, {"Retry-After": "1"})

    def _answer(self, flight: _Flight, slug: str, detail: str, headers: Mapping[str, str]) -> None:
        try:
            self._send(
                flight.sock,
                slug,
                detail,
                request_id=flight.request_id,
                method=flight.method,
                path=flight.path,
                started=flight.started,
                headers=headers,
            )
            with contextlib.suppress(OSError):
                flight.sock.shutdown(socket.SHUT_WR)  # the client reads the answer, then the end
        finally:
            flight.answered.set()

    def _send(
        self,
        sock: Any,
        slug: str,
        detail: str,
        *,
        request_id: str,
        method: str = "",
        path: str = "",
        started: float | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Write a problem answer and log it as the app logs its requests."""
        try:
            sock.sendall(problem_message(slug, detail, request_id, headers))
        except OSError:
            self.log.debug("could not send the %s answer", slug)
        record = {
            "request_id": request_id,
            "method": method,
            "path": path,
            "status": PROBLEM_TYPES[slug][0],
            "duration_ms": None if started is None else round((time.monotonic() - started) * 1000, 2),
            "answered_by": f"worker {os.getpid()}",
            "problem": slug,
        }
        access_log.info(json.dumps(record))


def _request_id(req: Any) -> str:
    """The request's own id when gunicorn parsed a sane one, else a fresh one."""
    for name, value in getattr(req, "headers", None) or ():
        if name == "X-REQUEST-ID" and REQUEST_ID_RE.fullmatch(value):
            return str(value)
    return uuid.uuid4().hex
