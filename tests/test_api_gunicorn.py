"""The service under real gunicorn, with the production config, on 127.0.0.1 only.

Every loop here is bounded in count and in time, and every server is stopped."""

from __future__ import annotations

import http.client
import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .api_support import ferry_body

pytestmark = pytest.mark.slow  # real gunicorn servers
ROOT = Path(__file__).resolve().parents[1]
BODY = json.dumps(ferry_body()).encode()
JSON_HEADERS = {"Content-Type": "application/json"}


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int

    def request(self, body: bytes = BODY, timeout: float = 30) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request("POST", "/v1/summarize", body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()

    def get(self, path: str) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.request("GET", path)
            return connection.getresponse().status
        finally:
            connection.close()

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(pid) for pid in children]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


def start_server(directory: Path, **settings: str) -> Server:
    """gunicorn with the production config, 2 workers, and these ``SUMMARIZER_*``
    variables (``header_timeout="2"``); none is taken from the shell. Its store and
    digests are in ``directory``."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUMMARIZER_") and k != "GUNICORN_CMD_ARGS"}
    env.update({"SUMMARIZER_DB": str(directory / "docs.db"), "SUMMARIZER_DIGEST_DIR": str(directory / "digests")})
    env.update({f"SUMMARIZER_{name.upper()}": value for name, value in settings.items()})
    env.update({"WEB_CONCURRENCY": "2", "SUMMARIZER_BIND": f"127.0.0.1:{port}"})
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "api:create_app()"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Server(process, port)
    if not wait_until(lambda: server.get("/readyz") == 200 and len(server.workers()) == 2, 60):
        process.kill()
        pytest.fail("gunicorn did not become ready within 60 s")
    return server


def stop(server: Server) -> None:
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start_server(tmp_path_factory.mktemp("server"))
    yield running
    stop(running)


def test_concurrent_requests_all_succeed(server: Server) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda _: server.request(), range(32)))
    assert statuses == [200] * 32


def test_a_killed_worker_costs_at_most_its_in_flight_requests(server: Server) -> None:
    results: list[int | str] = []
    stop_at = time.monotonic() + 6

    def load() -> None:
        while time.monotonic() < stop_at and len(results) < 2000:
            try:
                results.append(server.request(timeout=10))
            except (OSError, http.client.HTTPException) as error:
                results.append(type(error).__name__)

    threads = [threading.Thread(target=load) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(1.5)
    victim = server.workers()[0]
    os.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic()
    for thread in threads:
        thread.join(timeout=20)
    failures = [r for r in results if r != 200]
    # A worker holds at most one request of each of the 4 clients: only those are lost.
    assert len(failures) <= len(threads), failures
    assert results.count(200) > 20
    assert wait_until(lambda: len(server.workers()) == 2 and victim not in server.workers(), 10)
    assert time.monotonic() - killed_at < 15
    assert server.request() == 200


def test_sigterm_lets_the_in_flight_request_finish(tmp_path: Path) -> None:
    server = start_server(tmp_path)
    try:
        # About 3,000 sentences: long enough (about a second) to be in flight at SIGTERM.
        paragraph = " ".join(f"The harbour crew {n} inspected ferry number {n} on Monday." for n in range(3000))
        slow = json.dumps({"documents": [{"text": paragraph}]}).encode()
        outcome: list[int | str] = []
        finished: list[float] = []

        def call() -> None:
            try:
                outcome.append(server.request(slow, timeout=60))
            except (OSError, http.client.HTTPException) as error:
                outcome.append(type(error).__name__)
            finished.append(time.monotonic())

        thread = threading.Thread(target=call)
        thread.start()
        time.sleep(0.4)
        server.process.send_signal(signal.SIGTERM)
        signalled = time.monotonic()
        thread.join(timeout=60)
        assert outcome == [200]
        assert finished[0] > signalled  # it really was in flight when the signal came
        assert server.process.wait(timeout=40) == 0
    finally:
        stop(server)


# Issue 11, defects 2, 3 and 10: slow clients, deadlines, oversized bodies, and every
# answer problem+json, gunicorn's own included.


def read_answer(sock: socket.socket) -> http.client.HTTPResponse:
    response = http.client.HTTPResponse(sock)
    response.begin()
    return response


def assert_problem(status: int, content_type: str | None, body: bytes, expected: int) -> dict[str, Any]:
    assert (status, content_type) == (expected, "application/problem+json"), body[:300]
    problem: dict[str, Any] = json.loads(body)
    assert problem["status"] == expected
    assert problem["type"].startswith("urn:summarizer:problem:")
    return problem


def readable(sock: socket.socket, seconds: float) -> bool:
    return bool(select.select([sock], [], [], seconds)[0])


@pytest.fixture(scope="module")
def impatient_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    # Read deadlines lowered from 10 s and 20 s, so that the slow-client tests take seconds.
    running = start_server(tmp_path_factory.mktemp("impatient"), header_timeout="2", body_timeout="4")
    yield running
    stop(running)


SLOW_HEAD = (
    b"POST /v1/summarize HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
)


def trickle_body(server: Server, seconds: float) -> tuple[int, str | None] | str:
    """A client that sends its headers, then its body a byte a second until it is
    answered (at most ``seconds``): the status and media type it got."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        try:
            sock.sendall(SLOW_HEAD)
            stop_at = time.monotonic() + seconds
            while time.monotonic() < stop_at and not readable(sock, 1.0):
                sock.sendall(b" ")
            response = read_answer(sock)
            assert_problem(response.status, response.getheader("Content-Type"), response.read(), 408)
            return response.status, response.getheader("Content-Type")
        except OSError as error:
            return type(error).__name__


def test_slow_clients_do_not_starve_the_service(impatient_server: Server) -> None:
    # Eight clients sending their body a byte a second. The sync workers this replaced
    # (2 here) were both held by two of them, and /healthz timed out.
    with ThreadPoolExecutor(max_workers=8) as pool:
        slow = [pool.submit(trickle_body, impatient_server, 8) for _ in range(8)]
        time.sleep(1)  # every slow client is connected and sending
        latencies = []
        for _ in range(5):  # from 1 s to 3.5 s in: inside the 4 s body timeout
            started = time.monotonic()
            assert impatient_server.get("/healthz") == 200  # gives up after 5 s
            latencies.append(time.monotonic() - started)
            time.sleep(0.5)
        outcomes = [future.result(timeout=30) for future in slow]
    assert max(latencies) < 5
    # ... and each slow client was cut off at the body timeout with a 408.
    assert outcomes == [(408, "application/problem+json")] * 8


def test_a_client_slow_to_send_its_headers_is_cut_off_with_408(impatient_server: Server) -> None:
    with socket.create_connection(("127.0.0.1", impatient_server.port), timeout=5) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\n")
        started = time.monotonic()
        for _ in range(10):  # a header byte a second, for at most 10 s
            sock.sendall(b"X")
            if readable(sock, 1.0):
                break
        response = read_answer(sock)
        waited = time.monotonic() - started
        problem = assert_problem(response.status, response.getheader("Content-Type"), response.read(), 408)
        assert "headers did not arrive within 2 s" in problem["detail"]
        assert waited < 8  # the 2 s header timeout, not the client, ended it
        assert sock.recv(1) == b""  # and the connection is closed


def test_a_request_past_its_deadline_gets_a_503_problem(tmp_path: Path) -> None:
    server = start_server(tmp_path, request_timeout="0.05")
    try:
        # About 3,000 sentences: some 0.4 s of work, many times the 0.05 s deadline.
        paragraph = " ".join(f"The harbour crew {n} inspected ferry number {n} on Monday." for n in range(3000))
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        try:
            connection.request("POST", "/v1/summarize", json.dumps({"documents": [{"text": paragraph}]}), JSON_HEADERS)
            response = connection.getresponse()
            problem = assert_problem(response.status, response.getheader("Content-Type"), response.read(), 503)
        finally:
            connection.close()
        assert problem["type"] == "urn:summarizer:problem:deadline-exceeded"
        assert problem["request_id"] == response.getheader("X-Request-ID")
        assert int(response.getheader("Retry-After", "0")) > 0
        assert server.get("/healthz") == 200
    finally:
        stop(server)


def test_an_aborted_worker_answers_its_request_with_a_problem(server: Server) -> None:
    # gunicorn's timeout aborts a stuck worker with SIGABRT; the sync worker then
    # answered an HTML 500. This request is inside the app, waiting for its body.
    victims = server.workers()
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(SLOW_HEAD + b'{"documents": ')
        time.sleep(0.5)
        for pid in victims:
            os.kill(pid, signal.SIGABRT)
        response = read_answer(sock)
        problem = assert_problem(response.status, response.getheader("Content-Type"), response.read(), 503)
    assert problem["type"] == "urn:summarizer:problem:not-ready"
    assert wait_until(lambda: len(server.workers()) == 2 and not set(victims) & set(server.workers()), 15)
    assert server.request() == 200


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GARBAGE\r\n\r\n", 400),
        (b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: test\r\n\r\n", 414),
        (b"GET /healthz HTTP/1.1\r\nHost: test\r\nExpect: teapot\r\n\r\n", 417),
        (b"GET /healthz HTTP/1.1\r\n" + b"X-Filler: 1\r\n" * 60 + b"\r\n", 431),
    ],
)
def test_what_gunicorn_refuses_itself_is_a_problem_too(server: Server, request_bytes: bytes, status: int) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(request_bytes)
        response = read_answer(sock)
        assert_problem(response.status, response.getheader("Content-Type"), response.read(), status)


def test_urllib_sees_the_413_of_an_oversized_body(server: Server) -> None:
    # urllib writes the whole body before it reads: unless the server reads the rest of
    # the body after answering, the close resets the connection (a broken pipe).
    body = b'{"documents": [{"text": "' + b"a" * 6_000_000 + b'"}]}'
    request = urllib.request.Request(f"http://127.0.0.1:{server.port}/v1/summarize", body, JSON_HEADERS)
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=30)
    assert_problem(caught.value.code, caught.value.headers.get("Content-Type"), caught.value.read(), 413)


def test_an_oversized_chunked_body_is_413(server: Server) -> None:
    body = b'{"documents": [{"text": "' + b"a" * 2_500_000 + b'"}]}'
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        pieces = (body[i : i + 65536] for i in range(0, len(body), 65536))
        connection.request("POST", "/v1/summarize", pieces, JSON_HEADERS, encode_chunked=True)
        response = connection.getresponse()
        problem = assert_problem(response.status, response.getheader("Content-Type"), response.read(), 413)
    finally:
        connection.close()
    assert "larger than 2,000,000 bytes" in problem["detail"]
