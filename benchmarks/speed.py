"""Speed and memory, stage by stage, side by side with the summarizers a user would pick instead.

    python -m benchmarks.speed [--data ../shared/eval/duc2006] [--quick] [--out DIR]

Workloads (``--quick``: the bundled examples, 1,000 synthetic sentences and, with
``--data``, one DUC cluster):

- ``examples``: the bundled example articles (``summarizer/examples``, six files);
- ``duc-5``, ``duc-25``, ``duc-100``: the first 5 articles of a DUC 2006 cluster, a whole
  cluster, four clusters mixed (only with ``--data``; without it they are listed as
  skipped, with what to pass);
- ``synthetic-N``: N sentences from a seeded Zipfian generator, 30 to an article
  (1,000 to 20,000).

Systems, all fed the same ``Document`` objects: ``ours`` (``Summarizer``) and the peers of
``benchmarks/systems.py``: sumy's LexRank and TextRank, the ``lexrank`` package, and the
design read literally (dense all-pairs graph, networkx PageRank). Peers get our
cleaning and sentence splitting, so the race is between the ranking and selection.

Every (system, workload) runs in its own process, so the peak resident memory
(``ru_maxrss``, interpreter and libraries included) is that run's alone, and under an
8 GB address-space cap. Each input runs once as a warm-up, then again until
``--repeats`` runs or the time budget is spent; the median is reported. A run longer
than a second counts its warm-up run too (warm-up effects are milliseconds). A system
that exceeds ``--timeout`` on a workload is stopped and skipped on larger ones.

``ours`` is timed stage by stage: read (JSON Lines -> ``Document``), the pipeline's
``STAGES`` (clean, segment, vectorize, graph, rank, select), and render (the JSON the
API returns), and its CPU time from ``Document`` to summary beside the wall time (the
process's, which other jobs on a shared machine do not add to). Ratios compare the peers
with ours from ``Document`` to summary, so reading and rendering, which peers do not do,
are left out of them. Where references
exist (whole DUC clusters) ROUGE-1/2 recall at 250 words stands beside the time.

Writes ``speed.md`` (tables, machine), ``speed.json`` (every figure) and ``speed.png``
(time and memory against sentence count) into ``--out`` (default
``benchmarks/results``; with ``--quick``, a new temporary folder).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from summarizer import Document, Summarizer, SummaryOptions, read_inputs, render
from summarizer.pipeline import STAGES
from summarizer.readers import document_to_dict

from .duc import Cluster, load_clusters

SYSTEMS = ("ours", "lexrank", "textrank", "lexrank-package", "design")
WORDS = 250
SENTENCES_PER_DOCUMENT = 30
SYNTHETIC_SIZES = (1_000, 2_000, 5_000, 10_000, 20_000)
QUICK_SYNTHETIC_SIZES = (1_000,)
DUC_CLUSTERS = 10  # whole clusters timed for duc-25; duc-5 uses their first 5 articles
QUICK_DUC_CLUSTERS = 1
DUC_MIX = 4  # clusters per duc-100 input
ADDRESS_SPACE_CAP = 8 * 1024**3
EXAMPLES = Path(__file__).resolve().parent.parent / "summarizer" / "examples"
MACHINE_PACKAGES = ("numpy", "scipy", "scikit-learn", "networkx", "nltk", "sumy", "lexrank")


@dataclass(frozen=True)
class Workload:
    name: str
    inputs: tuple[Cluster, ...]


@dataclass
class Measurement:
    system: str
    workload: str
    status: str = "ok"  # ok, timeout, failed, skipped
    detail: str = ""
    sentences: int = 0
    seconds: float = 0.0  # median, Document -> summary lines
    stages: dict[str, float] = field(default_factory=dict)  # ours only, medians
    peak_rss_mb: float = 0.0
    runs: int = 0
    rouge1: float | None = None
    rouge2: float | None = None
    lines: list[list[str]] = field(default_factory=list)


# ---------------------------------------------------------------- workloads


def synthetic_sentences(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(20_000)]
    cumulative = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(vocabulary))))  # Zipf's law
    # Every other word a function word, so the text passes the pipeline's English check.
    function_words = ["the", "of", "and", "to", "in", "was", "for", "with", "on", "that"]
    sentences = []
    for _ in range(count):
        words = rng.choices(vocabulary, cum_weights=cumulative, k=rng.randint(5, 15))
        mixed = [w for content in words for w in (rng.choice(function_words), content)]
        sentences.append("The " + " ".join(mixed) + " said officials.")
    return sentences


def synthetic_cluster(count: int) -> Cluster:
    sentences = synthetic_sentences(count)
    documents = tuple(
        Document(
            id=f"d{n}", outlet=f"Outlet {n % 7}", text="\n".join(sentences[start : start + SENTENCES_PER_DOCUMENT])
        )
        for n, start in enumerate(range(0, len(sentences), SENTENCES_PER_DOCUMENT))
    )
    return Cluster(f"synthetic-{count}", documents, (), None)


def examples_cluster() -> Cluster:
    return Cluster("examples", read_inputs([str(EXAMPLES)]).documents, (), None)


def workload_names(data: Path | None, quick: bool) -> tuple[list[str], list[str]]:
    """The workloads to run, and the names of those skipped for want of ``--data``."""
    duc = ["duc-5", "duc-25"] + ([] if quick else ["duc-100"])
    synthetic = [f"synthetic-{n}" for n in (QUICK_SYNTHETIC_SIZES if quick else SYNTHETIC_SIZES)]
    return ["examples", *(duc if data else []), *synthetic], ([] if data else duc)


def load_workload(name: str, data: Path | None, quick: bool) -> Workload:
    """One workload's inputs, built only when it runs (each run is its own process)."""
    if name == "examples":
        return Workload(name, (examples_cluster(),))
    if name.startswith("synthetic-"):
        return Workload(name, (synthetic_cluster(int(name.removeprefix("synthetic-"))),))
    assert data is not None, "DUC workloads need --data"
    clusters = load_clusters(data, QUICK_DUC_CLUSTERS if quick else DUC_CLUSTERS)
    if name == "duc-5":
        return Workload(name, tuple(Cluster(c.id, c.documents[:5], (), None) for c in clusters))
    if name == "duc-25":
        return Workload(name, tuple(clusters))
    mixes = [clusters[i : i + DUC_MIX] for i in range(0, len(clusters) - DUC_MIX + 1, DUC_MIX)]
    return Workload(
        name,
        tuple(
            Cluster("+".join(c.id for c in mix), tuple(d for c in mix for d in c.documents), (), None) for mix in mixes
        ),
    )


# ---------------------------------------------------------------- one run, in a child process


class OursTimed:
    """Ours, stage by stage: read the input's JSON Lines file, summarize, render JSON."""

    def __init__(self, folder: Path, summarizer: Summarizer) -> None:
        self._summarizer = summarizer
        self._folder = folder
        self.stages: list[dict[str, float]] = []
        self.sentences = 0

    def __call__(self, cluster: Cluster, words: int, query: str | None) -> list[str]:
        path = self._folder / "input.jsonl"
        path.write_text("\n".join(json.dumps(document_to_dict(d)) for d in cluster.documents), encoding="utf-8")
        started = time.perf_counter()
        request = read_inputs([str(path)])
        stamps = [("read", time.perf_counter())]
        cpu_started = time.process_time()
        digest = self._summarizer.summarize(
            request.documents,
            SummaryOptions(max_words=words, query=query),
            lambda stage: stamps.append((stage, time.perf_counter())),
        )
        before_render = time.perf_counter()
        cpu = time.process_time() - cpu_started
        render(digest, "json")
        stamps.append(("render", time.perf_counter()))
        times = {}
        previous = started
        for stage, at in stamps:
            times[stage] = at - previous
            previous = at
        times["pipeline"] = before_render - stamps[0][1]
        # CPU time beside the wall time: on a shared machine other jobs add to the latter only.
        times["pipeline_cpu"] = cpu
        self.stages.append(times)
        self.sentences = digest.input_sentences
        return [s.text for s in digest.summary]


def run_child(system_name: str, workload: Workload, repeats: int, budget: float) -> dict[str, Any]:
    from summarizer.segmentation import load_segmenter

    from .systems import make_systems

    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_CAP, ADDRESS_SPACE_CAP))
    segmenter = load_segmenter()
    with tempfile.TemporaryDirectory() as folder:
        ours = OursTimed(Path(folder), Summarizer(segmenter))
        system = ours if system_name == "ours" else make_systems(Summarizer(segmenter), segmenter)[system_name]
        medians: list[float] = []
        stage_medians: list[dict[str, float]] = []
        lines: list[list[str]] = []
        total_runs = 0
        for cluster in workload.inputs:
            runs: list[float] = []
            stage_runs: list[dict[str, float]] = []
            started = time.perf_counter()
            warm_up = True
            while len(runs) < repeats and not (runs and time.perf_counter() - started > budget / len(workload.inputs)):
                before = time.perf_counter()
                output = system(cluster, WORDS, None)
                seconds = time.perf_counter() - before
                if system_name == "ours":
                    seconds = ours.stages[-1]["pipeline"]  # Document -> digest, as the peers are timed
                if warm_up and seconds < 1.0:
                    warm_up = False
                    continue
                warm_up = False
                runs.append(seconds)
                if system_name == "ours":
                    stage_runs.append(ours.stages[-1])
            total_runs += len(runs)
            medians.append(statistics.median(runs))
            stage_medians.append(
                {k: statistics.median(r[k] for r in stage_runs) for k in stage_runs[0]} if stage_runs else {}
            )
            lines.append(output)
    return {
        "seconds": statistics.median(medians),
        "runs": total_runs,
        "stages": {k: statistics.median(m[k] for m in stage_medians) for k in stage_medians[0]},
        "sentences": ours.sentences,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "lines": lines,
    }


# ---------------------------------------------------------------- the parent: every run, then the report


def measure(
    system: str, workload: str, data: Path | None, quick: bool, repeats: int, budget: float, timeout: float
) -> Measurement:
    command = [sys.executable, "-m", "benchmarks.speed", "--child", system, workload, "--repeats", str(repeats)]
    command += ["--budget", str(budget)] + (["--data", str(data)] if data else []) + (["--quick"] if quick else [])
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return Measurement(system, workload, "timeout", f"stopped after {timeout:.0f} s")
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        if "MemoryError" in last:
            return Measurement(system, workload, "failed", f"out of memory under the {ADDRESS_SPACE_CAP >> 30} GB cap")
        return Measurement(system, workload, "failed", last[:120])
    result = json.loads(done.stdout)
    return Measurement(system, workload, **result)


def score_rouge(measurement: Measurement, workload: Workload) -> None:
    from .rouge import Scorer, cut_to_words

    if measurement.status != "ok" or not all(c.references for c in workload.inputs):
        return
    scorer = Scorer()
    recalls = [
        scorer.score(cut_to_words(lines, WORDS), c.references)[0]
        for lines, c in zip(measurement.lines, workload.inputs, strict=True)
    ]
    measurement.rouge1 = 100 * statistics.fmean(r["rouge1"] for r in recalls)
    measurement.rouge2 = 100 * statistics.fmean(r["rouge2"] for r in recalls)


def cli_start_up(repeats: int) -> float:
    """Median seconds from launching ``summarizer summarize`` on the examples to its first
    byte of output, after one warm-up launch (which fills the OS file cache)."""
    script = shutil.which("summarizer")
    command = [script] if script else [sys.executable, "-m", "summarizer"]
    command += ["summarize", str(EXAMPLES), "--format", "text"]
    times = []
    for n in range(repeats + 1):
        started = time.perf_counter()
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as process:
            assert process.stdout is not None
            first = process.stdout.read(1)
            elapsed = time.perf_counter() - started
            process.stdout.read()
        if not first or process.returncode != 0:
            raise SystemExit(f"{' '.join(command)}: exited {process.returncode} without output")
        if n:
            times.append(elapsed)
    return statistics.median(times)


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    if Path("/proc/cpuinfo").is_file():
        names = [
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    memory = ""
    if Path("/proc/meminfo").is_file():
        total_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{total_kb / 1024**2:.0f} GB"
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = []
    for package in MACHINE_PACKAGES:
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} absent")
    return {
        "cpu": cpu,
        "cores": str(usable),
        "memory": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "packages": ", ".join(versions),
    }


def growth_exponent(points: Sequence[tuple[int, float]]) -> float:
    """Least-squares slope of log(time) against log(size): 1 is linear, 2 quadratic."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum((x - mean_x) ** 2 for x in xs)


@dataclass(frozen=True)
class Target:
    name: str
    measured: float | None
    limit: float
    unit: str
    higher_is_better: bool = False

    def verdict(self) -> str:
        if self.measured is None:
            return "not measured"
        met = self.measured >= self.limit if self.higher_is_better else self.measured <= self.limit
        if met:
            return "met"
        return f"missed by {abs(self.measured - self.limit) / self.limit:.0%}"


def targets(results: dict[tuple[str, str], Measurement], start_up: float | None) -> list[Target]:
    def seconds(system: str, workload: str) -> float | None:
        m = results.get((system, workload))
        return m.seconds if m and m.status == "ok" else None

    ours_25, lexrank_25 = seconds("ours", "duc-25"), seconds("lexrank", "duc-25")
    largest = f"synthetic-{SYNTHETIC_SIZES[-1]}"
    peak = results.get(("ours", largest))
    synthetic = sorted(
        (m.sentences, m.seconds)
        for (system, name), m in results.items()
        if system == "ours" and name.startswith("synthetic-") and m.status == "ok" and m.sentences >= 2000
    )
    growth = growth_exponent(synthetic) if len(synthetic) >= 2 else None
    nlogn = growth_exponent([(n, n * math.log(n)) for n, _ in synthetic]) if len(synthetic) >= 2 else 1.0
    return [
        Target("bundled examples, in process", seconds("ours", "examples"), 0.015, "s"),
        Target("25-article DUC cluster, in process", ours_25, 0.100, "s"),
        Target(f"{SYNTHETIC_SIZES[-1]:,} sentences, time", seconds("ours", largest), 3.0, "s"),
        Target(
            f"{SYNTHETIC_SIZES[-1]:,} sentences, peak memory",
            peak.peak_rss_mb if peak and peak.status == "ok" else None,
            1536,
            "MB",
        ),
        Target("growth exponent past 2,000 sentences (n log n here)", growth, nlogn, ""),
        Target(
            "speed-up over sumy LexRank, 25-article clusters",
            lexrank_25 / ours_25 if ours_25 and lexrank_25 else None,
            20.0,
            "x",
            higher_is_better=True,
        ),
        Target("CLI start-up to first output", start_up, 1.0, "s"),
    ]


def _ms(seconds: float) -> str:
    return f"{1000 * seconds:.1f}" if seconds < 10 else f"{1000 * seconds:,.0f}"


def _time(seconds: float) -> str:
    return f"{1000 * seconds:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def report(
    results: dict[tuple[str, str], Measurement],
    names: Sequence[str],
    missing: Sequence[str],
    start_up: float | None,
    info: dict[str, str],
    command: str,
) -> str:
    lines = [
        "# Speed and memory",
        "",
        f"Reproduce with `{command}`. Machine: {info['cpu']}, {info['cores']} cores, {info['memory']}, "
        f"{info['system']}, Python {info['python']}; {info['packages']}.",
        "",
        "## Ours, stage by stage (milliseconds, median)",
        "",
        "| workload | sentences | " + " | ".join(("read", *STAGES, "render")) + " | total | peak RSS |",
        "|---|" + "---:|" * (len(STAGES) + 5),
    ]
    for name in names:
        m = results.get(("ours", name))
        if m is None or m.status != "ok":
            lines.append(f"| {name} | {m.status if m else 'not run'} {m.detail if m else ''} |")
            continue
        cells = [_ms(m.stages[s]) for s in ("read", *STAGES, "render")]
        total = sum(m.stages[s] for s in ("read", *STAGES, "render"))
        lines.append(
            f"| {name} | {m.sentences:,} | " + " | ".join(cells) + f" | {_ms(total)} | {m.peak_rss_mb:.0f} MB |"
        )
    peers = [s for s in SYSTEMS if s != "ours"]
    lines += [
        "",
        "## Side by side: documents to summary, median time and its multiple of ours",
        "",
        "Ours with its median CPU time too (the process's, so other jobs on the machine do not add to it).",
        "",
        "ROUGE-1 / ROUGE-2 recall at 250 words beside the time where references exist (whole DUC clusters).",
        "",
        "| workload | sentences | ours | " + " | ".join(peers) + " |",
        "|---|---:|" + "---|" * (len(peers) + 1),
    ]
    for name in names:
        ours = results.get(("ours", name))
        if ours is None or ours.status != "ok":
            continue
        cells = [_time(ours.seconds) + _cpu(ours) + _rouge(ours)]
        for peer in peers:
            m = results.get((peer, name))
            if m is None:
                cells.append("not run")
            elif m.status != "ok":
                cells.append(f"{m.status}: {m.detail}")
            else:
                cells.append(f"{_time(m.seconds)}, {m.seconds / ours.seconds:.1f}x" + _rouge(m))
        lines.append(f"| {name} | {ours.sentences:,} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## Peak resident memory (MB, whole process: interpreter and libraries included)",
        "",
        "| workload | " + " | ".join(SYSTEMS) + " |",
        "|---|" + "---:|" * len(SYSTEMS),
    ]
    for name in names:
        row = []
        for system in SYSTEMS:
            m = results.get((system, name))
            row.append(f"{m.peak_rss_mb:.0f}" if m and m.status == "ok" else (m.status if m else "not run"))
        lines.append(f"| {name} | " + " | ".join(row) + " |")
    lines += ["", "## Targets", "", "| target | measured | limit | verdict |", "|---|---:|---:|---|"]
    for t in targets(results, start_up):
        shown = "-" if t.measured is None else f"{_number(t.measured)} {t.unit}".strip()
        lines.append(f"| {t.name} | {shown} | {_number(t.limit)} {t.unit} | {t.verdict()} |".replace("  |", " |"))
    if missing:
        lines += ["", f"Not run: {', '.join(missing)} (pass `--data ../shared/eval/duc2006`, the DUC 2006 copy)."]
    return "\n".join(lines) + "\n"


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def _cpu(m: Measurement) -> str:
    """Ours' median CPU time, where measured (figures from before it was have none)."""
    return f" ({_time(m.stages['pipeline_cpu'])} CPU)" if "pipeline_cpu" in m.stages else ""


def _rouge(m: Measurement) -> str:
    return f" (R-1 {m.rouge1:.2f}, R-2 {m.rouge2:.2f})" if m.rouge1 is not None and m.rouge2 is not None else ""


def chart(results: dict[tuple[str, str], Measurement], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (time_axis, memory_axis) = plt.subplots(1, 2, figsize=(12, 4.8))
    for color, system in zip(plt.rcParams["axes.prop_cycle"].by_key()["color"], SYSTEMS, strict=False):
        for synthetic in (True, False):
            points = sorted(
                (results[("ours", name)].sentences, m.seconds, m.peak_rss_mb)
                for (s, name), m in results.items()
                if s == system
                and name.startswith("synthetic-") == synthetic
                and m.status == "ok"
                and results[("ours", name)].status == "ok"
            )
            xs = [p[0] for p in points]
            # Synthetic sizes as a line; the real-text workloads as hollow squares.
            style = {"marker": "o", "color": color} if synthetic else {"marker": "s", "color": color, "linestyle": ""}
            extra = {"label": system} if synthetic else {"markerfacecolor": "none"}
            time_axis.plot(xs, [p[1] for p in points], **style, **extra)
            memory_axis.plot(xs, [p[2] for p in points], **style, **extra)
    time_axis.set(
        xscale="log",
        yscale="log",
        xlabel="sentences (lines: synthetic; squares: examples, DUC 2006)",
        ylabel="seconds (median)",
        title="Time, documents to summary",
    )
    memory_axis.set(
        xscale="log",
        xlabel="sentences (lines: synthetic; squares: examples, DUC 2006)",
        ylabel="MB",
        title="Peak resident memory of the process",
    )
    for axis in (time_axis, memory_axis):
        axis.grid(True, which="both", alpha=0.3)
        axis.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(figure)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="DUC 2006 copy, e.g. ../shared/eval/duc2006 (DUC workloads need it)")
    parser.add_argument("--quick", action="store_true", help="few small workloads and short budgets: proves it runs")
    parser.add_argument(
        "--out", type=Path, help="results folder (default benchmarks/results; --quick: a temporary one)"
    )
    parser.add_argument("--systems", default=",".join(SYSTEMS), help=f"comma-separated, from {','.join(SYSTEMS)}")
    parser.add_argument("--repeats", type=int, help="timed runs per input after the warm-up (default 7; --quick 3)")
    parser.add_argument("--budget", type=float, help="seconds of timed runs per workload (default 20; --quick 3)")
    parser.add_argument("--timeout", type=float, help="seconds before a run is stopped (default 300; --quick 60)")
    parser.add_argument("--replot", action="store_true", help="redraw speed.md and speed.png from --out's speed.json")
    parser.add_argument("--child", nargs=2, metavar=("SYSTEM", "WORKLOAD"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    repeats = args.repeats or (3 if args.quick else 7)
    budget = args.budget or (3.0 if args.quick else 20.0)
    timeout = args.timeout or (60.0 if args.quick else 300.0)
    if args.data is not None and not args.data.exists():
        parser.error(f"--data {args.data}: not found. Pass the DUC 2006 copy, e.g. ../shared/eval/duc2006, or omit it")
    if args.child:
        system, name = args.child
        print(json.dumps(run_child(system, load_workload(name, args.data, args.quick), repeats, budget)))
        return 0
    systems = [s for s in args.systems.split(",") if s]
    unknown = sorted(set(systems) - set(SYSTEMS))
    if unknown or "ours" not in systems:
        parser.error(f"--systems must include ours and name only {', '.join(SYSTEMS)}")
    out = args.out or (Path(tempfile.mkdtemp(prefix="speed-")) if args.quick else Path("benchmarks/results"))
    out.mkdir(parents=True, exist_ok=True)
    if args.replot:
        write_report(json.loads((out / "speed.json").read_text(encoding="utf-8")), out)
        return 0

    names, missing = workload_names(args.data, args.quick)
    results: dict[tuple[str, str], Measurement] = {}
    stopped: dict[str, str] = {}  # system -> the synthetic workload it timed out or failed on
    for name in names:
        workload = load_workload(name, args.data, args.quick)
        for system in systems:
            if workload.name.startswith("synthetic-") and system in stopped:
                results[(system, workload.name)] = Measurement(
                    system, workload.name, "skipped", f"stopped at {stopped[system]}"
                )
                continue
            m = measure(system, workload.name, args.data, args.quick, repeats, budget, timeout)
            score_rouge(m, workload)
            results[(system, workload.name)] = m
            if m.status != "ok" and workload.name.startswith("synthetic-"):
                stopped[system] = workload.name
            shown = (
                f"{_time(m.seconds)}{_cpu(m)} ({m.runs} runs), {m.peak_rss_mb:.0f} MB"
                if m.status == "ok"
                else f"{m.status}: {m.detail}"
            )
            print(f"{workload.name:>16}  {system:<16} {shown}", file=sys.stderr, flush=True)
    start_up = cli_start_up(3 if args.quick else 9)
    command = "python -m benchmarks.speed" + "".join(
        f" {flag} {value}"
        for flag, value in (("--data", args.data), ("--timeout", args.timeout), ("--budget", args.budget))
        if value is not None
    )
    raw = {
        "machine": machine(),
        "command": command + (" --quick" if args.quick else ""),
        "cli_start_up_seconds": start_up,
        "missing": missing,
        "results": [{k: v for k, v in asdict(m).items() if k != "lines"} for m in results.values()],
    }
    (out / "speed.json").write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")
    write_report(raw, out)
    return 0


def write_report(raw: dict[str, Any], out: Path) -> None:
    """speed.md and speed.png from the figures of speed.json (``--replot`` redraws them)."""
    results = {(r["system"], r["workload"]): Measurement(**r) for r in raw["results"]}
    names = list(dict.fromkeys(name for _, name in results))
    text = report(results, names, raw["missing"], raw["cli_start_up_seconds"], raw["machine"], raw["command"])
    (out / "speed.md").write_text(text, encoding="utf-8")
    chart(results, out / "speed.png")
    print(text)
    print(f"written: {out / 'speed.md'}, {out / 'speed.json'}, {out / 'speed.png'}")


if __name__ == "__main__":
    sys.exit(main())
