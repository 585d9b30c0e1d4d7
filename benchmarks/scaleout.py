"""Ingest load over two API instances sharing one store (issue 18.2).

    python -m benchmarks.scaleout [--seconds 20] [--concurrency 8] [--batch 1]
                                  [--postgres postgresql://postgres@127.0.0.1:5432/test]

Starts two ``gunicorn 'api:create_app()'`` instances (production config, 2 workers each)
on loopback, first sharing one SQLite file, then one PostgreSQL database (in a schema
made for the run and dropped after), and sends ``POST /v1/documents`` from
``--concurrency`` client threads, alternating between the instances, a new connection per
request, each request ``--batch`` new documents. Reports documents/s, requests/s, p50,
p99 and errors per backend. The target (issue 18): >= 300 documents/s, p99 <= 100 ms.
The clients run on the same machine, sharing its cores with both instances and the
database server.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import signal
import statistics
import tempfile
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import psycopg

from .load import hammer, post, start_gunicorn

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"


def documents_body(serial: int, batch: int) -> bytes:
    """``batch`` new articles (unique text and URL), about 600 bytes each."""
    documents = [
        {
            "id": f"bench-{serial}-{k}",
            "outlet": f"Outlet {serial % 9}",
            "url": f"https://outlet{serial % 9}.example/news/{serial}-{k}",
            "published_at": "2026-06-04T09:30:00+00:00",
            "text": (
                f"Officials in district {serial} said crew {k} inspected the bridge on Monday. "
                "The ferry service resumed at dawn after the river fell overnight, and the council "
                "said a full report on the repairs would follow within the week. " * 2
            ),
        }
        for k in range(batch)
    ]
    return json.dumps({"documents": documents}).encode()


def measure(ports: list[int], seconds: float, concurrency: int, batch: int) -> dict[str, float]:
    serials = itertools.count()
    lock = threading.Lock()

    def send(client: int, request: int) -> tuple[int | str, float]:
        with lock:
            serial = next(serials)
        port = ports[(client + request) % len(ports)]  # alternating, as a load balancer would
        return post("127.0.0.1", port, documents_body(serial, batch), "/v1/documents")

    results, elapsed = hammer(send, seconds, concurrency)
    latencies = sorted(latency for status, latency in results if status == 201)
    p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))] if latencies else float("nan")
    return {
        "documents/s": batch * len(latencies) / elapsed,
        "requests/s": len(latencies) / elapsed,
        "p50 ms": 1000 * statistics.median(latencies) if latencies else float("nan"),
        "p99 ms": 1000 * p99,
        "errors": len(results) - len(latencies),
    }


@contextmanager
def two_instances(db: str) -> Iterator[list[int]]:
    started = [start_gunicorn(SUMMARIZER_DB=db, WEB_CONCURRENCY="2") for _ in range(2)]
    try:
        yield [port for _, port in started]
    finally:
        for process, _ in started:
            process.send_signal(signal.SIGTERM)
        for process, _ in started:
            process.wait(timeout=40)


@contextmanager
def run_schema(server: str) -> Iterator[str]:
    """A URL of ``server`` whose tables go to a schema made for this run, dropped after."""
    name = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{name}"')
    try:
        yield f"{server}{'&' if '?' in server else '?'}options={quote('-csearch_path=' + name)}"
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{name}" CASCADE')


def run(backend: str, db: str, args: argparse.Namespace) -> None:
    with two_instances(db) as ports:
        for n in range(20):  # warm-up: every worker has connected and handled a request
            post("127.0.0.1", ports[n % 2], documents_body(-1 - n, 1), "/v1/documents")
        figures = measure(ports, args.seconds, args.concurrency, args.batch)
    print(f"{backend:<10} " + "  ".join(f"{k} {v:.1f}" for k, v in figures.items()), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--batch", type=int, default=1, help="documents per request")
    parser.add_argument("--postgres", default=os.environ.get("SUMMARIZER_TEST_POSTGRES", DEFAULT_POSTGRES))
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    print(
        f"two instances x 2 workers, {args.concurrency} clients, {args.batch} document(s) per request, "
        f"{args.seconds:.0f} s, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
    )
    if args.only != "postgres":
        with tempfile.TemporaryDirectory() as work:
            run("sqlite", str(Path(work) / "documents.db"), args)
    if args.only != "sqlite":
        with run_schema(args.postgres) as url:
            run("postgresql", url, args)


if __name__ == "__main__":
    main()
