"""How true ``also_reported_by`` is: credit precision and recall on a labelled set.

    python -m benchmarks.attribution --data ../shared/eval/duc2006 --seeds ../shared/seeds

``benchmarks/labels/attribution.jsonl`` holds 823 (sentence, outlet) pairs from the seeds
(the digests at 150 and 300 words) and the first 24 DUC 2006 clusters (at 250 words),
each labelled supported, partial or unsupported by two annotators who read the outlet's
articles (``benchmarks/labels/GUIDELINES.md``); the few disagreements were resolved by a
third reading, recorded in each line. The seeds and every other cluster are the tuning
half, the rest the held-out half. Partial counts as not supported.

For each pair the benchmark asks the pipeline's own credit rule whether the outlet
reports the sentence's fact, against that outlet's sentences as the pipeline reads them
(extraction, cleaning, Punkt), and reports precision and recall of credit per half.
It also scores the candidate rules (``candidates.candidate_flags``, each sentence read
where it stands in its article) against the labelled standalone judgements of ``benchmarks/labels/standalone.jsonl``,
and the labelled clusters' digests as the defaults make them now: the share of their
labelled sentences that stand alone (issue 12's target is 95% of digest sentences).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer import Document, Summarizer, SummaryOptions
from summarizer.attribution import by_article
from summarizer.candidates import candidate_flags
from summarizer.facts import FactRule
from summarizer.model import Sentence
from summarizer.pipeline import read_document
from summarizer.segmentation import SentenceSegmenter, load_segmenter, segment_articles
from summarizer.terms import Stemmer

LABELS = Path(__file__).parent / "labels"
HALVES = ("tuning", "heldout")


@dataclass(frozen=True)
class Scores:
    supported: int
    credited: int
    true_credits: int

    @property
    def precision(self) -> float:
        return self.true_credits / self.credited if self.credited else 1.0

    @property
    def recall(self) -> float:
        return self.true_credits / self.supported if self.supported else 1.0


class ClusterReading:
    """A cluster's sentences as the pipeline reads them, with the outlet of each."""

    def __init__(self, documents: Sequence[Document], segmenter: SentenceSegmenter, stemmer: Stemmer) -> None:
        options = SummaryOptions()
        self.documents = documents
        read = [r for r in (read_document(d, options, []) for d in documents) if r.paragraphs]
        self.sentences: list[Sentence] = segment_articles(read, segmenter)
        self.article_outlets = [r.article.outlet for r in read]
        self._stemmer = stemmer
        self._threshold = options.redundancy_threshold

    def credited(self, claim: str, outlet: str) -> bool:
        """Whether the pipeline's credit rule (``FactRule.stating``) names
        ``outlet`` for ``claim``, read as one more sentence of the cluster."""
        claim_row = Sentence(len(self.sentences), -1, 0, claim)
        sentences = [*self.sentences, claim_row]
        articles = [s.article_index for s in sentences]
        rule = FactRule.for_texts([s.text for s in sentences], self._stemmer, self._threshold, articles)
        (reporters,) = by_article(rule.stating([claim_row.index]), [claim_row.index], sentences)
        return any(self.article_outlets[article] == outlet for article, _ in reporters)


def score_credit(
    pairs: Sequence[dict[str, object]], credited: Callable[[dict[str, object]], bool]
) -> dict[str, Scores]:
    scores = {}
    for half in HALVES:
        rows = [p for p in pairs if p["half"] == half]
        decisions = [(p["label"] == "supported", credited(p)) for p in rows]
        scores[half] = Scores(
            supported=sum(truth for truth, _ in decisions),
            credited=sum(got for _, got in decisions),
            true_credits=sum(truth and got for truth, got in decisions),
        )
    return scores


def score_standalone(judgements: Sequence[dict[str, object]], readings: Mapping[str, ClusterReading]) -> dict[str, str]:
    """Of the sentences the candidate rules let through, the share labelled standalone;
    and the share of the standalone ones they let through. Each sentence is judged where
    it stands in its article (``candidates.candidate_flags``), as the pipeline judges it."""
    options = SummaryOptions()
    flags = {}
    for cluster, reading in readings.items():
        for sentence, flag in zip(reading.sentences, candidate_flags(reading.sentences, options), strict=True):
            flags.setdefault((cluster, sentence.text), flag)  # a wire copy's first telling
    report = {}
    for half in HALVES:
        rows = [j for j in judgements if j["half"] == half]
        # A labelled sentence that cleaning now removes (boilerplate) is no candidate.
        kept = [j for j in rows if flags.get((str(j["cluster"]), str(j["sentence"])), False)]
        standalone_kept = sum(bool(j["standalone"]) for j in kept)
        standalone = sum(bool(j["standalone"]) for j in rows)
        report[half] = (
            f"{standalone_kept}/{len(kept)} candidates stand alone ({standalone_kept / max(len(kept), 1):.0%}); "
            f"{standalone_kept}/{standalone} standalone sentences are candidates"
        )
    return report


# The budgets the labelled digests were made at: the seeds at 150 and 300 words, DUC at 250.
LABELLED_BUDGETS = {"seeds": (150, 300)}
DUC_BUDGET = (250,)


@dataclass(frozen=True)
class LabelledDigest:
    """A labelled cluster's digest as the defaults make it now, at a budget it was labelled at."""

    cluster: str
    half: str
    budget: int
    sentences: tuple[str, ...]


def labelled_digests(
    judgements: Sequence[dict[str, object]], readings: Mapping[str, ClusterReading]
) -> list[LabelledDigest]:
    half_of = {str(j["cluster"]): str(j["half"]) for j in judgements}
    summarizer = Summarizer()
    return [
        LabelledDigest(
            cluster,
            half_of[cluster],
            budget,
            tuple(s.text for s in summarizer.summarize(reading.documents, SummaryOptions(max_words=budget)).summary),
        )
        for cluster, reading in readings.items()
        if cluster in half_of
        for budget in LABELLED_BUDGETS.get(cluster, DUC_BUDGET)
    ]


def score_digests(judgements: Sequence[dict[str, object]], digests: Sequence[LabelledDigest]) -> dict[str, str]:
    """Of the digests' sentences that carry a standalone label, the share labelled
    standalone: read alone, out of the digest (issue 12's target, >= 95% of digest sentences)."""
    labels = {(str(j["cluster"]), str(j["sentence"])): bool(j["standalone"]) for j in judgements}
    found = {d: [labels.get((d.cluster, sentence)) for sentence in d.sentences] for d in digests}
    return _shares(found, "stand alone")


def score_reading(in_order: Sequence[dict[str, Any]], digests: Sequence[LabelledDigest]) -> dict[str, str]:
    """Of the digests' sentences that carry an in-order label (``labels/in_order.jsonl``: a
    digest per line, each sentence judged on reaching it), the share a reader understands:
    what it refers to is in the sentence or in an earlier one of the digest. A label holds
    for a sentence only after exactly the sentences it was read after."""
    labels: dict[tuple[str, int, tuple[str, ...]], bool] = {}
    for digest in in_order:
        told = tuple(str(s["sentence"]) for s in digest["sentences"])
        for n, sentence in enumerate(digest["sentences"]):
            labels[str(digest["cluster"]), int(digest["budget"]), told[: n + 1]] = bool(sentence["reads"])
    found = {
        d: [labels.get((d.cluster, d.budget, d.sentences[: n + 1])) for n in range(len(d.sentences))] for d in digests
    }
    return _shares(found, "read in the digest's order")


def _shares(found: Mapping[LabelledDigest, list[bool | None]], what: str) -> dict[str, str]:
    counts = {half: [0, 0, 0] for half in HALVES}  # sentences, labelled, true
    for digest, labels in found.items():
        count = counts[digest.half]
        count[0] += len(labels)
        count[1] += sum(label is not None for label in labels)
        count[2] += sum(bool(label) for label in labels)
    return {
        half: f"{good}/{labelled} labelled digest sentences {what} ({good / max(labelled, 1):.0%}); "
        f"{sentences - labelled} of the {sentences} sentences carry no label"
        for half, (sentences, labelled, good) in counts.items()
    }


@dataclass(frozen=True)
class SyntheticScores:
    paraphrases: int
    paraphrases_credited: int
    decoys: int
    decoys_credited: tuple[tuple[int, str], ...]  # (item, kind of change)


def score_synthetic(items: Sequence[dict[str, Any]], segmenter: SentenceSegmenter, stemmer: Stemmer) -> SyntheticScores:
    """Each item of ``labels/paraphrases.json`` (written blind to the rule) is one cluster:
    the source article, three articles with a true paraphrase of its first sentence, and
    five decoys, each a copy of the source with its actors, places, numbers, dates or
    polarity changed. The paraphrases' outlets must be credited with that sentence, the
    decoys never."""
    paraphrases = credited = decoys = 0
    decoys_credited: list[tuple[int, str]] = []
    for number, item in enumerate(items):
        documents = [Document(id="source", outlet="Source", text=item["article"])]
        documents += [
            Document(id=f"p{i}", outlet=f"Paraphrase {i}", text=t) for i, t in enumerate(item["paraphrase_articles"])
        ]
        documents += [
            Document(id=f"decoy-{kind}", outlet=f"Decoy {kind}", text=t) for kind, t in item["decoys"].items()
        ]
        reading = ClusterReading(documents, segmenter, stemmer)
        for i in range(len(item["paraphrase_articles"])):
            paraphrases += 1
            credited += reading.credited(item["claim"], f"Paraphrase {i}")
        for kind in item["decoys"]:
            decoys += 1
            if reading.credited(item["claim"], f"Decoy {kind}"):
                decoys_credited.append((number, kind))
    return SyntheticScores(paraphrases, credited, decoys, tuple(decoys_credited))


def load_readings(data: Path, seeds: Path, clusters: set[str]) -> dict[str, ClusterReading]:
    from .duc import load_clusters

    segmenter, stemmer = load_segmenter(), Stemmer()
    readings = {}
    if "seeds" in clusters:
        outlets = json.loads((seeds / "outlets.json").read_text(encoding="utf-8"))
        documents = [
            Document(id=name.removesuffix(".txt"), outlet=outlet, text=(seeds / name).read_text(encoding="utf-8"))
            for name, outlet in sorted(outlets.items())
        ]
        readings["seeds"] = ClusterReading(documents, segmenter, stemmer)
    for cluster in load_clusters(data):
        if cluster.id in clusters:
            readings[cluster.id] = ClusterReading(cluster.documents, segmenter, stemmer)
    return readings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.attribution", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/eval/duc2006"), help="the DUC 2006 copy")
    parser.add_argument("--seeds", type=Path, default=Path("../shared/seeds"), help="the seed articles")
    args = parser.parse_args(argv)
    if not (args.seeds / "outlets.json").is_file():
        sys.exit(f"{args.seeds}: no outlets.json; pass the seed articles, e.g. --seeds ../shared/seeds")
    pairs = [json.loads(line) for line in (LABELS / "attribution.jsonl").read_text(encoding="utf-8").splitlines()]
    judgements = [json.loads(line) for line in (LABELS / "standalone.jsonl").read_text(encoding="utf-8").splitlines()]
    readings = load_readings(args.data, args.seeds, {str(p["cluster"]) for p in [*pairs, *judgements]})
    scores = score_credit(pairs, lambda p: readings[str(p["cluster"])].credited(str(p["sentence"]), str(p["outlet"])))
    print("credit: a pair is credited when the outlet would appear in also_reported_by (partial = not supported)")
    print(f"{'half':<9} {'pairs':>5} {'supported':>9} {'credited':>8} {'precision':>9} {'recall':>6}")
    for half, s in scores.items():
        count = sum(p["half"] == half for p in pairs)
        print(f"{half:<9} {count:>5} {s.supported:>9} {s.credited:>8} {s.precision:>9.2f} {s.recall:>6.2f}")
    items = json.loads((LABELS / "paraphrases.json").read_text(encoding="utf-8"))
    synthetic = score_synthetic(items, load_segmenter(), Stemmer())
    print(
        f"synthetic: {synthetic.paraphrases_credited}/{synthetic.paraphrases} true paraphrases credited, "
        f"{len(synthetic.decoys_credited)}/{synthetic.decoys} decoys credited {list(synthetic.decoys_credited)}"
    )
    print("standalone (candidate rules against the labels):")
    for half, line in score_standalone(judgements, readings).items():
        print(f"  {half}: {line}")
    digests = labelled_digests(judgements, readings)
    print("standalone (the labelled clusters' digests, defaults, at the budgets they were labelled at):")
    for half, line in score_digests(judgements, digests).items():
        print(f"  {half}: {line}")
    in_order = [json.loads(line) for line in (LABELS / "in_order.jsonl").read_text(encoding="utf-8").splitlines()]
    print("in the digest's order (the same digests, each sentence read after the ones before it):")
    for half, line in score_reading(in_order, digests).items():
        print(f"  {half}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
