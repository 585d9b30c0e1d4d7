"""The parts of the gunicorn worker (``api/server.py``) that need no running server; the
worker itself is tested under real gunicorn in ``test_api_gunicorn.py``."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time

import pytest

from api.hooks import SECURITY_HEADERS
from api.server import HeaderTimeout, Timeouts, _DeadlineSocket, problem_message


def test_timeouts_come_from_the_environment() -> None:
    assert Timeouts.from_env({}) == Timeouts(header=10, body=20, request=30)
    environ = {"SUMMARIZER_HEADER_TIMEOUT": "2", "SUMMARIZER_BODY_TIMEOUT": "4.5", "UNRELATED": "x"}
    assert Timeouts.from_env(environ) == Timeouts(header=2, body=4.5, request=30)


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        (
            {"SUMMARIZER_BODY_TIMEOUT": "soon"},
            "SUMMARIZER_BODY_TIMEOUT must be seconds above 0 and at most 3600, not 'soon'",
        ),
        ({"SUMMARIZER_REQUEST_TIMEOUT": "0"}, "SUMMARIZER_REQUEST_TIMEOUT must be seconds above 0"),
        ({"SUMMARIZER_HEADER_TIMEOUT": "nan"}, "SUMMARIZER_HEADER_TIMEOUT must be seconds above 0"),
    ],
)
def test_a_bad_timeout_stops_start_up_naming_it(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Timeouts.from_env(environ)


def test_the_deadline_bounds_the_whole_read_not_each_recv() -> None:
    # The peer sends a byte every 0.1 s, so no single recv() ever waits long; the
    # deadline still ends the read after 0.5 s in all.
    ours, peer = socket.socketpair()
    stop = threading.Event()

    def trickle() -> None:
        while not stop.wait(0.1):
            peer.sendall(b"x")

    sender = threading.Thread(target=trickle)
    sender.start()
    try:
        reader = _DeadlineSocket(ours)
        started = time.monotonic()
        reader.expect(started + 0.5, lambda: HeaderTimeout("too slow"))
        received: list[bytes | str] = []
        for _ in range(100):  # bounded: 100 bytes would take 10 s
            try:
                received.append(reader.recv(1024))
            except HeaderTimeout as error:
                received.append(str(error))
                break
        assert received[-1] == "too slow"
        assert 0.4 < time.monotonic() - started < 3
        assert 1 <= len(b"".join(r for r in received if isinstance(r, bytes))) <= 10
        assert ours.gettimeout() is None  # the socket is left as it was
    finally:
        stop.set()
        sender.join(timeout=5)
        ours.close()
        peer.close()


def test_without_a_deadline_reads_pass_through() -> None:
    ours, peer = socket.socketpair()
    with ours, peer:
        peer.sendall(b"abc")
        assert _DeadlineSocket(ours).recv(10) == b"abc"


def test_the_worker_answers_a_whole_problem_response() -> None:
    ours, peer = socket.socketpair()
    with ours, peer:
        peer.sendall(problem_message("deadline-exceeded", "too long", "req-1", {"Retry-After": "10"}))
        response = http.client.HTTPResponse(ours)
        response.begin()
        body = response.read()
    assert response.status == 503
    assert response.getheader("Content-Type") == "application/problem+json"
    assert response.getheader("Connection") == "close"
    assert (response.getheader("X-Request-ID"), response.getheader("Retry-After")) == ("req-1", "10")
    assert all(response.getheader(name) == value for name, value in SECURITY_HEADERS.items())
    assert json.loads(body) == {
        "type": "urn:summarizer:problem:deadline-exceeded",
        "title": "Request took too long",
        "status": 503,
        "detail": "too long",
        "request_id": "req-1",
    }
