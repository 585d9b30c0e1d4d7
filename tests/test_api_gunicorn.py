"""The service under real gunicorn, with the production config, on 127.0.0.1 only.

Every loop here is bounded in count and in time, and every server is stopped."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from .api_support import ferry_body

ROOT = Path(__file__).resolve().parents[1]
BODY = json.dumps(ferry_body()).encode()


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


def wait_until(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


def start_server() -> Server:
    port = free_port()
    env = {**os.environ, "WEB_CONCURRENCY": "2", "SUMMARIZER_BIND": f"127.0.0.1:{port}"}
    env.pop("GUNICORN_CMD_ARGS", None)
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
def server() -> Iterator[Server]:
    running = start_server()
    yield running
    stop(running)


def test_concurrent_requests_all_succeed(server: Server) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda _: server.request(), range(32)))
    assert statuses == [200] * 32


def test_a_killed_worker_costs_at_most_its_in_flight_request(server: Server) -> None:
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
    # A sync worker serves one request at a time: at most that one is lost.
    assert len(failures) <= 1, failures
    assert results.count(200) > 20
    assert wait_until(lambda: len(server.workers()) == 2 and victim not in server.workers(), 10)
    assert time.monotonic() - killed_at < 15
    assert server.request() == 200


def test_sigterm_lets_the_in_flight_request_finish() -> None:
    server = start_server()
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
