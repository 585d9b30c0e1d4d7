"""The daily digest's stages as Dask tasks (issue 18): ``summarizer digest --workers N``
(a local cluster of N processes) or ``--scheduler tcp://host:8786`` (a running cluster).

``DaskRunner`` is a ``tasks.Runner``: ``build_daily_digest`` submits the same functions
to it as it runs in one process (reading, words, the similarity graph's blocks, each
connected group's stories, each batch of stories' summaries), with handles of earlier
tasks as arguments, so partitions of articles stay on the workers and only what is
global comes back: headlines, document frequencies (summed here into the IDF), the
graph's edges (whose connected groups are found here), and the finished stories.
Results are gathered in submission order, so the digest is the one-process digest,
byte for byte, whatever the number of workers.

dask[distributed] is an optional dependency (``pip install .[dask]``); without it,
``--workers`` and ``--scheduler`` exit 2 with one line.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..errors import InputError

__all__ = ["DaskRunner", "dask_runner"]

# How long ``--scheduler`` is tried before the run gives up (exit 2).
CONNECT_TIMEOUT = "10s"


class DaskRunner:
    """A ``tasks.Runner`` over a ``distributed.Client``."""

    def __init__(self, client: Any) -> None:
        self.client = client  # benchmarks/scale_day.py asks the workers for their memory and CPU
        self.workers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))

    def share(self, value: Any) -> Any:
        # In a list of one: scatter would split a list, tuple or dict into a future per item.
        return self.client.scatter([value], broadcast=True, hash=False)[0]

    def send(self, value: Any) -> Any:
        return self.client.scatter([value], hash=False)[0]

    def submit(self, function: Callable[..., Any], *args: Any) -> Any:
        # pure=False: a task is never merged with an equal-looking one; each runs once.
        return self.client.submit(function, *args, pure=False)

    def gather(self, handles: Sequence[Any]) -> list[Any]:
        return list(self.client.gather(list(handles)))


@contextmanager
def dask_runner(workers: int | None = None, scheduler: str | None = None) -> Iterator[DaskRunner]:
    """A runner on a local cluster of ``workers`` processes (one thread each, on loopback),
    or on the cluster whose scheduler listens at ``scheduler``. ``InputError`` when
    dask[distributed] is not installed or the scheduler cannot be reached."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError("--workers and --scheduler need dask[distributed]: pip install 'summarizer[dask]'") from None
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as error:
            raise InputError(f"--scheduler {scheduler}: cannot connect ({type(error).__name__})") from None
        with client:
            yield DaskRunner(client)
        return
    with (
        LocalCluster(
            n_workers=workers or 1,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",  # its HTTP server on loopback, on a free port
            silence_logs=logging.ERROR,  # the CLI's stderr is a cron log: no worker start-up chatter
        ) as cluster,
        Client(cluster) as client,
    ):
        yield DaskRunner(client)
