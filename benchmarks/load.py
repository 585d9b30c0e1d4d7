"""Load benchmark of the HTTP service under gunicorn with the production config.

    python -m benchmarks.load [--seconds 30] [--concurrency 8] [--url http://127.0.0.1:PORT]

Starts ``gunicorn 'api:create_app()'`` with ``gunicorn.conf.py`` on a free 127.0.0.1
port (or uses ``--url``, which must be a loopback address), then:

1. sends the 5-article request (the bundled examples without the verbatim wire copy)
   from ``--concurrency`` client threads for ``--seconds``, a new connection per
   request as sync workers close them, and reports requests/s, p50, p99 and errors;
2. times the largest request the default limits allow (100 documents, about 10,000
   sentences, under 2 MB), as the median of three.

The load generator runs on the same machine as the server, sharing its cores.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from summarizer.readers import document_to_dict, read_inputs

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "summarizer" / "examples"


def five_article_body() -> bytes:
    documents = [d for d in read_inputs([str(EXAMPLES)]).documents if d.id != "valley-courier"]
    return json.dumps({"documents": [document_to_dict(d) for d in documents]}).encode()


def largest_allowed_body() -> bytes:
    # 100 documents x 100 sentences of about 17 words: 10,000 sentences, about 1.1 MB.
    documents = [
        {
            "id": f"d{n}",
            "outlet": f"Outlet {n % 12}",
            "text": " ".join(
                f"Officials in district {n} said crew {k} inspected {k % 7} bridges and {k % 5} ferries on Monday."
                for k in range(99)
            ),
        }
        for n in range(100)
    ]
    return json.dumps({"documents": documents, "max_words": 250}).encode()


def post(host: str, port: int, body: bytes, path: str = "/v1/summarize") -> tuple[int | str, float]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection(host, port, timeout=60)
    try:
        connection.request("POST", path, body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        status: int | str = response.status
    except (OSError, http.client.HTTPException) as error:
        status = type(error).__name__
    finally:
        connection.close()
    return status, time.perf_counter() - started


def hammer(
    send: Callable[[int, int], tuple[int | str, float]], seconds: float, concurrency: int
) -> tuple[list[tuple[int | str, float]], float]:
    """Call ``send(client, request)`` from ``concurrency`` threads for ``seconds``: every
    (status, latency) it gave, and the seconds it took."""
    results: list[tuple[int | str, float]] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(index: int) -> None:
        local = []
        for request in itertools.count():
            if time.monotonic() >= deadline:
                break
            local.append(send(index, request))
        with lock:
            results.extend(local)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.monotonic() - started


def run_load(host: str, port: int, body: bytes, seconds: float, concurrency: int) -> None:
    results, elapsed = hammer(lambda client, request: post(host, port, body), seconds, concurrency)
    latencies = sorted(latency for status, latency in results if status == 200)
    errors = [status for status, _ in results if status != 200]
    print(f"requests: {len(results)} in {elapsed:.1f} s, concurrency {concurrency}")
    print(f"throughput: {len(latencies) / elapsed:.1f} requests/s (successful)")
    if latencies:
        p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
        print(f"latency: p50 {1000 * statistics.median(latencies):.1f} ms, p99 {1000 * p99:.1f} ms")
    print(f"errors: {len(errors)}" + (f" ({sorted(set(map(str, errors)))})" if errors else ""))


def start_gunicorn(**variables: str) -> tuple[subprocess.Popen[bytes], int]:
    """gunicorn with the production config on a free loopback port, with these extra
    environment ``variables`` (``SUMMARIZER_DB=...``)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    env = {**os.environ, **variables, "SUMMARIZER_BIND": f"127.0.0.1:{port}"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "api:create_app()"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/readyz")
            if connection.getresponse().status == 200:
                return process, port
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("gunicorn did not become ready within 60 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--url", help="an already running service on loopback (default: start one)")
    args = parser.parse_args()
    process = None
    if args.url:
        target = urlsplit(args.url)
        if target.hostname not in {"127.0.0.1", "localhost", "::1"}:
            sys.exit("--url must be a loopback address: this benchmark never sends load elsewhere")
        host, port = target.hostname, target.port or 80
    else:
        process, port = start_gunicorn()
        host = "127.0.0.1"
        print(f"gunicorn 'api:create_app()' with gunicorn.conf.py on 127.0.0.1:{port}, {os.cpu_count()} cores")
    try:
        body = five_article_body()
        for _ in range(20):  # warm-up: every worker has handled a request
            post(host, port, body)
        print(f"5-article request: {len(body):,} bytes")
        run_load(host, port, body, args.seconds, args.concurrency)
        largest = largest_allowed_body()
        timings = [post(host, port, largest) for _ in range(3)]
        statuses = {status for status, _ in timings}
        median = statistics.median(latency for _, latency in timings)
        print(
            f"largest allowed request ({len(largest):,} bytes, 100 documents, ~10,000 sentences): "
            f"{median:.2f} s median of 3, statuses {sorted(map(str, statuses))}"
        )
    finally:
        if process is not None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=40)


if __name__ == "__main__":
    main()
