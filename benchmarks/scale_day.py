"""A large day on one process and on Dask (issue 18 point 4): time per stage, peak memory per process.

    python -m benchmarks.scale_day --articles 100000                 # one process
    python -m benchmarks.scale_day --articles 100000 --workers 2     # a local Dask cluster of 2 processes
    python -m benchmarks.scale_day --articles 20000 --workers 1 --check   # and compare with one process
    python -m benchmarks.scale_day --data ../shared/eval/duc2006 --workers 2 --check   # the DUC day

The day is ``benchmarks.daily.synthetic_day``: events of 25 articles on average, in
subjects of five that share words. Each of ``DAY_STAGES`` is timed: wall clock, this
process's CPU, and (on Dask) the workers' CPU. Peak memory is each process's maximum
resident set (``ru_maxrss``): this process (which holds the headlines, the IDF, the
day's TF-IDF matrix and the graph's edges) and each worker. ``--check`` also builds the
day in one process and says whether the digests are identical.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable
from contextlib import nullcontext
from datetime import UTC
from pathlib import Path
from typing import Any

from summarizer import Summarizer, SummaryOptions
from summarizer.daily import build_daily_digest
from summarizer.daily.digest import DAY_STAGES
from summarizer.stories import StoryOptions

from .daily import DAY, duc_day, synthetic_day


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    return time.process_time()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--workers", type=int, help="a local Dask cluster of this many processes (default: none)")
    parser.add_argument("--data", type=Path, help="the DUC 2006 articles as one day instead (../shared/eval/duc2006)")
    parser.add_argument("--check", action="store_true", help="also build the day in one process and compare")
    args = parser.parse_args()
    started = time.perf_counter()
    documents, _ = duc_day(args.data) if args.data else synthetic_day(args.articles)
    print(f"{len(documents)} articles ({args.data or 'synthetic'}) in {time.perf_counter() - started:.1f} s")
    if args.workers:
        from summarizer.daily.distributed import dask_runner

        context: Any = dask_runner(args.workers)
    else:
        context = nullcontext(None)
    with context as runner:
        client = runner.client if runner else None

        def workers_cpu() -> float:
            return sum(client.run(_cpu).values()) if client else 0.0

        marks = [(time.perf_counter(), _cpu(), workers_cpu())]
        rows: list[str] = []

        def stage_done(stage: str) -> None:
            now = (time.perf_counter(), _cpu(), workers_cpu())
            wall, cpu, remote = (a - b for a, b in zip(now, marks[-1], strict=True))
            rows.append(f"{stage} | {wall:.1f} | {cpu:.1f} | {remote:.1f}")
            marks.append(now)

        timed: Callable[[str], None] = stage_done
        digest = build_daily_digest(
            DAY,
            UTC,
            documents,
            Summarizer(),
            SummaryOptions(max_words=120),
            StoryOptions(),
            runner=runner,
            stage_done=timed,
        )
        total = time.perf_counter() - marks[0][0]
        peaks = sorted(client.run(_peak_mb).values()) if client else []
    where = f"Dask, {args.workers} workers" if args.workers else "one process"
    print(f"{where}: {len(digest.stories)} stories, {len(digest.skipped)} skipped, {total:.1f} s end to end")
    print("stage | wall s | this process CPU s | workers' CPU s")
    print("\n".join(rows))
    print(f"peak memory: this process {_peak_mb():.0f} MB" + "".join(f", a worker {p:.0f} MB" for p in peaks))
    assert [r.split(" | ")[0] for r in rows] == list(DAY_STAGES)
    if args.check:
        started, cpu = time.perf_counter(), _cpu()
        alone = build_daily_digest(DAY, UTC, documents, Summarizer(), SummaryOptions(max_words=120), StoryOptions())
        wall, cpu = time.perf_counter() - started, _cpu() - cpu
        print(f"one process: {wall:.1f} s ({cpu:.1f} s CPU); identical digest: {alone == digest}")


if __name__ == "__main__":
    main()
