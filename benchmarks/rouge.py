"""ROUGE evaluation of our digests against human summaries, side by side with baselines.

    python -m benchmarks.rouge DATA --words 250 [--query] [--systems ours,lead,...]
                               [--split odd|even] [--limit K] [--peers DIR ...]
                               [--gate FILE [--raise-floor]]
                               [--per-cluster FILE] [--compare FILE]

DATA is an evaluation set in the DUC layout (``../shared/eval/duc2006``; see
``benchmarks/duc.py``). One row per system: ROUGE-1, ROUGE-2 and ROUGE-Lsum recall and
F1, averaged over a cluster's references and then over clusters, the mean words a
summary uses (so that length never hides a difference: a shorter summary gains F1 and
loses recall), failures and seconds. Every summary is cut to at most N words first (DUC
practice).

``--split odd`` / ``--split even`` keeps the clusters whose topic number (D06**01**A) is
odd or even (issue 17): methods and settings are tuned on the odd half and reported on
the even half, which no choice was made on.

Scorer: Google's rouge-score with the Porter stemmer on and stop words kept; ROUGE-Lsum
over one sentence per line. ``--peers DIR`` scores ready-made summaries (e.g. NIST's
``nist_eval/peers/24``) in the same run, which is how the scorer is calibrated against
NIST's official ROUGE-1.5.5 figures.

``--per-cluster FILE`` writes each system's recall per cluster (JSON, with the run's words
and mode). ``--compare FILE`` reads such a file from an earlier run of the same words and
mode (before a change) and prints, per system in both, the mean change of R-1 and R-2
recall over the clusters both runs hold, with a 95% paired bootstrap interval (clusters
resampled, seeded): whether a change moved ROUGE beyond the noise of which clusters a set
happens to hold.

``--gate FILE`` compares ``ours`` with the floors pinned in FILE for this configuration
and exits 1 below any of them. ``--raise-floor`` writes the new scores as floors, only
upward: a floor is never lowered by a run (edit the file, in a reviewed commit, for that).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rouge_score import rouge_scorer

from summarizer import Summarizer
from summarizer.segmentation import load_segmenter

from .duc import Cluster, load_clusters
from .systems import SYSTEMS, System, make_systems

METRICS = ("rouge1", "rouge2", "rougeLsum")
GATED = ("rouge1_recall", "rouge2_recall")
# Below a floor by more than this fails. Runs are deterministic on one machine; the
# margin only absorbs floating-point drift between numpy/scipy releases (0.05 points).
GATE_TOLERANCE = 0.0005
# The topic number of a DUC cluster id: D0601A -> 01 (the last two digits before the letter).
TOPIC_NUMBER_RE = re.compile(r"(\d{2})[A-Z]*$")
BOOTSTRAP_RESAMPLES = 2000


@dataclass
class SystemResult:
    name: str
    recall: dict[str, float] = field(default_factory=dict)
    f1: dict[str, float] = field(default_factory=dict)
    words: float = 0.0  # mean words a summary uses, after the cut
    failures: int = 0
    seconds: float = 0.0
    per_cluster: dict[str, dict[str, float]] = field(default_factory=dict)  # cluster id -> recall per metric

    def as_floors(self) -> dict[str, float]:
        return {"rouge1_recall": round(self.recall["rouge1"], 5), "rouge2_recall": round(self.recall["rouge2"], 5)}


def cut_to_words(lines: Sequence[str], words: int) -> str:
    """The first ``words`` words, keeping the line (sentence) breaks rougeLsum needs."""
    kept: list[str] = []
    left = words
    for line in lines:
        tokens = line.split()
        if not tokens or left <= 0:
            continue
        kept.append(" ".join(tokens[:left]))
        left -= len(tokens[:left])
    return "\n".join(kept)


class Scorer:
    def __init__(self) -> None:
        self._scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)

    def score(self, summary: str, references: Sequence[str]) -> tuple[dict[str, float], dict[str, float]]:
        """Recall and F1 per metric, averaged over the references."""
        recall = dict.fromkeys(METRICS, 0.0)
        f1 = dict.fromkeys(METRICS, 0.0)
        for reference in references:
            scores = self._scorer.score(reference, summary)
            for metric in METRICS:
                recall[metric] += scores[metric].recall / len(references)
                f1[metric] += scores[metric].fmeasure / len(references)
        return recall, f1


def evaluate(
    name: str, system: System, clusters: Sequence[Cluster], words: int, query: bool, scorer: Scorer
) -> SystemResult:
    result = SystemResult(name, dict.fromkeys(METRICS, 0.0), dict.fromkeys(METRICS, 0.0))
    started = time.perf_counter()
    for cluster in clusters:
        try:
            lines = system(cluster, words, cluster.topic if query else None)
        except Exception as error:  # noqa: BLE001 - a failing system scores zero and is counted
            print(f"{name}: {cluster.id}: {type(error).__name__}: {error}", file=sys.stderr)
            result.failures += 1
            lines = []
        summary = cut_to_words(lines, words)
        recall, f1 = scorer.score(summary, cluster.references)
        result.words += len(summary.split()) / len(clusters)
        result.per_cluster[cluster.id] = recall
        for metric in METRICS:
            result.recall[metric] += recall[metric] / len(clusters)
            result.f1[metric] += f1[metric] / len(clusters)
    result.seconds = time.perf_counter() - started
    return result


def peer_system(folder: Path) -> System:
    """Summaries NIST collected, named like ``D0601.M.250.A.24`` (cluster D0601A)."""
    files = {f"{p.name.split('.')[0]}{p.name.split('.')[3]}": p for p in folder.iterdir() if p.name.count(".") >= 4}

    def run(cluster: Cluster, words: int, query: str | None) -> list[str]:
        return files[cluster.id].read_text(encoding="utf-8", errors="replace").splitlines()

    return run


def split_clusters(clusters: Sequence[Cluster], split: str | None) -> list[Cluster]:
    """The clusters of one half: ``odd`` or ``even`` by the topic number in the id
    (``D0601A`` is topic 1, odd); all of them for ``None``. Ids without a number go to neither half."""
    if split is None:
        return list(clusters)
    wanted = 1 if split == "odd" else 0
    return [c for c in clusters if (m := TOPIC_NUMBER_RE.search(c.id)) and int(m.group(1)) % 2 == wanted]


def gate_key(words: int, query: bool, clusters: int, split: str | None = None) -> str:
    return f"{'query' if query else 'generic'}-{words}w-{clusters}c" + (f"-{split}" if split else "")


def check_gate(path: Path, key: str, ours: SystemResult, raise_floor: bool) -> int:
    floors: dict[str, dict[str, float]] = json.loads(path.read_text()) if path.is_file() else {}
    current = floors.get(key)
    scores = ours.as_floors()
    if raise_floor:
        raised = {m: max(scores[m], (current or {}).get(m, 0.0)) for m in GATED}
        lowered = [m for m in GATED if current and scores[m] < current.get(m, 0.0)]
        floors[key] = raised
        path.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n")
        print(f"gate {key}: floors now {raised}" + (f" (not lowered: {', '.join(lowered)})" if lowered else ""))
        return 0
    if current is None:
        print(f"gate {key}: no floors pinned in {path}; run with --raise-floor to pin them", file=sys.stderr)
        return 1
    below = [f"{m} {scores[m]:.5f} < floor {current[m]:.5f}" for m in GATED if scores[m] < current[m] - GATE_TOLERANCE]
    if below:
        print(f"gate {key}: FAILED: {'; '.join(below)}", file=sys.stderr)
        return 1

    def verdict(m: str) -> str:
        relation = ">=" if scores[m] >= current[m] else "within drift tolerance of"
        return f"{m} {scores[m]:.5f} {relation} {current[m]:.5f}"

    print(f"gate {key}: passed ({', '.join(verdict(m) for m in GATED)})")
    return 0


def paired_change(before: dict[str, float], after: dict[str, float]) -> tuple[float, float, float]:
    """Mean change (after - before) over the clusters both hold, in points, and its 95%
    interval from a paired bootstrap over the clusters (seeded: the same files give the
    same interval)."""
    changes = [100 * (after[c] - before[c]) for c in sorted(before.keys() & after.keys())]
    if not changes:
        return 0.0, 0.0, 0.0
    rng = random.Random(0)
    means = sorted(sum(rng.choices(changes, k=len(changes))) / len(changes) for _ in range(BOOTSTRAP_RESAMPLES))
    tail = int(0.025 * BOOTSTRAP_RESAMPLES)
    return sum(changes) / len(changes), means[tail], means[-tail - 1]


PerCluster = dict[str, dict[str, dict[str, float]]]  # system -> cluster id -> recall per metric


def per_cluster_file(words: int, query: bool, results: Sequence[SystemResult]) -> dict[str, object]:
    return {"words": words, "query": query, "systems": {r.name: r.per_cluster for r in results}}


def read_per_cluster(path: Path, words: int, query: bool) -> PerCluster:
    """The systems' recall per cluster from a ``--per-cluster`` file of a run with the same
    words and mode; ``ValueError`` saying what is wrong with it otherwise."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, RecursionError, json.JSONDecodeError) as error:
        raise ValueError(f"cannot be read as JSON ({type(error).__name__})") from None
    systems = data.get("systems") if isinstance(data, dict) else None
    if not isinstance(systems, dict) or not all(_recalls(clusters) for clusters in systems.values()):
        raise ValueError("not a --per-cluster file (systems -> cluster -> rouge1, rouge2 recall)")
    if (data.get("words"), data.get("query")) != (words, query):
        raise ValueError(f"a run of {data.get('words')} words, query {data.get('query')}: compare like with like")
    return systems


def _recalls(clusters: object) -> bool:
    return isinstance(clusters, dict) and all(
        isinstance(recall, dict)
        and all(isinstance(r := recall.get(m), (int, float)) and math.isfinite(r) for m in ("rouge1", "rouge2"))
        for recall in clusters.values()
    )


def _paired_clusters(earlier: PerCluster, result: SystemResult) -> set[str]:
    """The clusters both the compared run and ``result`` scored (none for a system it lacks)."""
    return earlier.get(result.name, {}).keys() & result.per_cluster.keys()


def compare_report(earlier: PerCluster, results: Sequence[SystemResult]) -> str:
    lines = ["change since the compared run, recall points: mean (95% paired bootstrap interval)"]
    for result in results:
        if result.name not in earlier:
            lines.append(f"{result.name:<15} not in the compared run")
            continue
        paired = len(_paired_clusters(earlier, result))
        if not paired:
            lines.append(f"{result.name:<15} no cluster in common with the compared run")
            continue
        cells = [f"{paired} of {len(result.per_cluster)} clusters paired"]
        for metric, label in (("rouge1", "R-1"), ("rouge2", "R-2")):
            before = {c: r[metric] for c, r in earlier[result.name].items()}
            mean, low, high = paired_change(before, {c: r[metric] for c, r in result.per_cluster.items()})
            cells.append(f"{label} {mean:+.2f} ({low:+.2f}, {high:+.2f})")
        lines.append(f"{result.name:<15} " + "   ".join(cells))
    return "\n".join(lines)


def format_table(results: Sequence[SystemResult]) -> str:
    columns = " ".join(f"{c:>6}" for c in ("R-1 R", "R-1 F", "R-2 R", "R-2 F", "R-L R", "R-L F"))
    rows = [f"{'system':<14} {columns} {'words':>6} {'fail':>4} {'sec':>7}"]
    for r in results:
        cells = " ".join(f"{100 * v:6.2f}" for m in METRICS for v in (r.recall[m], r.f1[m]))
        rows.append(f"{r.name:<14} {cells} {r.words:6.1f} {r.failures:>4} {r.seconds:7.1f}")
    return "\n".join(rows)


def _tuning(parser: argparse.ArgumentParser, pairs: Sequence[str]) -> dict[str, object]:
    """``NAME=VALUE`` pairs, each value read as JSON when it parses (numbers) and as text otherwise."""
    tuning: dict[str, object] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            parser.error(f"--option {pair!r}: expected NAME=VALUE")
        try:
            tuning[name] = json.loads(value)
        except json.JSONDecodeError:
            tuning[name] = value
    return tuning


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="ROUGE of our digests and the baselines on a DUC-layout set.")
    parser.add_argument("data", type=Path, help="evaluation set, e.g. ../shared/eval/duc2006")
    parser.add_argument("--words", type=int, default=250, help="cut every summary to this many words (default 250)")
    parser.add_argument("--query", action="store_true", help="use each cluster's topic.json as the query")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help=f"comma-separated, from {','.join(SYSTEMS)}")
    parser.add_argument("--split", choices=("odd", "even"), help="only odd (tuning) or even (held-out) topics")
    parser.add_argument("--limit", type=int, help="only the first K clusters (of the split)")
    parser.add_argument("--peers", type=Path, action="append", default=[], help="a folder of ready-made summaries")
    parser.add_argument(
        "--option", action="append", default=[], metavar="NAME=VALUE", help="a library option of ours (tuning)"
    )
    parser.add_argument("--gate", type=Path, help="floors file to check ours against")
    parser.add_argument("--raise-floor", action="store_true", help="with --gate: pin this run's scores (upward only)")
    parser.add_argument("--per-cluster", type=Path, help="write each system's recall per cluster to this JSON file")
    parser.add_argument("--compare", type=Path, help="a --per-cluster file of an earlier run: print the paired change")
    args = parser.parse_args(argv)
    if not args.data.exists():
        parser.error(f"{args.data}: not found. Pass the DUC 2006 copy, e.g. ../shared/eval/duc2006")
    names = [n for n in args.systems.split(",") if n]
    unknown = sorted(set(names) - set(SYSTEMS))
    if unknown:
        parser.error(f"unknown system {unknown[0]!r}; choose from {', '.join(SYSTEMS)}")
    if args.gate and "ours" not in names:
        parser.error("--gate checks 'ours'; include it in --systems")
    if args.gate and args.option:
        parser.error("--gate checks the defaults; drop --option")
    earlier = None
    if args.compare:
        try:
            earlier = read_per_cluster(args.compare, args.words, args.query)
        except ValueError as error:
            parser.error(f"--compare {args.compare}: {error}")
    if args.per_cluster and (args.per_cluster.is_dir() or not args.per_cluster.parent.is_dir()):
        parser.error(f"--per-cluster {args.per_cluster}: not a file in an existing folder")

    clusters = split_clusters(load_clusters(args.data), args.split)[: args.limit]
    segmenter = load_segmenter()
    systems = make_systems(Summarizer(segmenter), segmenter, _tuning(parser, args.option))
    chosen: dict[str, System] = {n: systems[n] for n in names}
    chosen.update({f"peer:{p.name}": peer_system(p) for p in args.peers})
    scorer = Scorer()
    mode = "query-focused (topic.json)" if args.query else "generic (topic ignored)"
    half = f" ({args.split} topics)" if args.split else ""
    print(f"{len(clusters)} clusters{half}, {args.words} words, {mode}, rouge-score with stemming, stop words kept")
    results = [evaluate(n, s, clusters, args.words, args.query, scorer) for n, s in chosen.items()]
    print(format_table(results))
    if args.per_cluster:
        written = per_cluster_file(args.words, args.query, results)
        args.per_cluster.write_text(json.dumps(written, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if earlier is not None:
        print(compare_report(earlier, results))
        if not all(_paired_clusters(earlier, r) for r in results):
            print(f"--compare {args.compare}: a system has no cluster in common with it", file=sys.stderr)
            return 2
    if args.gate:
        ours = next(r for r in results if r.name == "ours")
        key = gate_key(args.words, args.query, len(clusters), args.split)
        return check_gate(args.gate, key, ours, args.raise_floor)
    return 0


if __name__ == "__main__":
    sys.exit(main())
