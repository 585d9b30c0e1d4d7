"""``benchmarks/attribution.py`` and its labelled set (issue 12).

No thresholds: the figures are for docs/design.md, measured with the data."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TypedDict

import pytest

from benchmarks.attribution import LABELS, ClusterReading, LabelledDigest, main, score_credit, score_reading
from summarizer.segmentation import load_segmenter
from summarizer.terms import Stemmer

from .builders import make_document

ROOT = Path(__file__).resolve().parents[1]
DUC = ROOT.parent / "shared" / "eval" / "duc2006"
SEEDS = ROOT.parent / "shared" / "seeds"


class Annotators(TypedDict):
    first: str
    second: str


class LabelledPair(TypedDict):
    """The fields of a line of ``attribution.jsonl`` these tests read."""

    id: str
    half: str
    cluster: str
    label: str
    annotators: Annotators
    decision: str
    evidence: dict[str, str] | None


def pairs() -> list[LabelledPair]:
    return [json.loads(line) for line in (LABELS / "attribution.jsonl").read_text(encoding="utf-8").splitlines()]


def test_the_labelled_set_has_two_annotators_per_claim_and_two_halves() -> None:
    labelled = pairs()
    assert len(labelled) >= 300
    assert len({p["id"] for p in labelled}) == len(labelled)
    assert Counter(p["half"] for p in labelled).keys() == {"tuning", "heldout"}
    for p in labelled:
        assert p["label"] in {"supported", "partial", "unsupported"}
        first, second = p["annotators"]["first"], p["annotators"]["second"]
        # An agreed label is the annotators'; a disagreement says how it was resolved.
        assert p["label"] in {first, second}
        assert (p["decision"] == "agreed") == (first == second)
        assert (p["evidence"] is None) == (p["label"] == "unsupported")
    # The clusters of the two halves do not overlap: the held-out half is unseen news.
    clusters = {h: {p["cluster"] for p in labelled if p["half"] == h} for h in ("tuning", "heldout")}
    assert not clusters["tuning"] & clusters["heldout"]


def test_in_order_labels_have_two_annotators_and_keep_the_stricter() -> None:
    digests = [json.loads(line) for line in (LABELS / "in_order.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {d["half"] for d in digests} == {"tuning", "heldout"}
    # The benchmark takes a cluster's half from the standalone labels: the two files agree.
    standalone = [json.loads(line) for line in (LABELS / "standalone.jsonl").read_text(encoding="utf-8").splitlines()]
    half_of = {j["cluster"]: j["half"] for j in standalone}
    assert all(half_of[d["cluster"]] == d["half"] for d in digests)
    for digest in digests:
        for sentence in digest["sentences"]:
            first, second = sentence["annotators"]["first"], sentence["annotators"]["second"]
            assert sentence["reads"] == (first and second)
            assert bool(sentence["reason"]) != sentence["reads"]


def test_precision_and_recall_count_partial_as_not_supported() -> None:
    labelled = [
        {"half": "tuning", "label": "supported", "id": 1},
        {"half": "tuning", "label": "partial", "id": 2},
        {"half": "tuning", "label": "unsupported", "id": 3},
        {"half": "heldout", "label": "supported", "id": 4},
    ]
    scores = score_credit(labelled, lambda p: p["id"] in {1, 2})
    assert (scores["tuning"].precision, scores["tuning"].recall) == (0.5, 1.0)
    assert (scores["heldout"].credited, scores["heldout"].recall) == (0, 0.0)


def test_an_in_order_label_holds_only_after_the_sentences_it_was_read_after() -> None:
    digests = [
        LabelledDigest("c1", "tuning", 250, ("Assad met Xi in Hangzhou.", "The leaders agreed a partnership.")),
        LabelledDigest("c2", "tuning", 250, ("The leaders agreed a partnership.",)),
        LabelledDigest("c3", "heldout", 250, ("Flooding closed the port.",)),
    ]
    labels = [
        {
            "cluster": "c1",
            "budget": 250,
            "sentences": [
                {"sentence": "Assad met Xi in Hangzhou.", "reads": True},
                {"sentence": "The leaders agreed a partnership.", "reads": True},
            ],
        },
        # Read first, "the leaders" are nobody: a label of another digest, or another place, is not this one.
        {
            "cluster": "c2",
            "budget": 250,
            "sentences": [{"sentence": "The leaders agreed a partnership.", "reads": False}],
        },
    ]
    shares = score_reading(labels, digests)
    assert shares["tuning"].startswith("2/3 labelled digest sentences read in the digest's order (67%); 0 of the 3")
    assert shares["heldout"].startswith("0/0 ")
    assert shares["heldout"].endswith("1 of the 1 sentences carry no label")


@pytest.mark.skipif(not (DUC.is_dir() and SEEDS.is_dir()), reason="needs ../shared/eval/duc2006 and ../shared/seeds")
@pytest.mark.slow
def test_the_benchmark_runs_on_the_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(DUC), "--seeds", str(SEEDS)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines[2:4]] == ["tuning", "heldout"]


def test_a_claim_is_read_with_the_articles_of_the_cluster() -> None:
    """The benchmark asks the pipeline's rule with each sentence's article, as the pipeline
    does: a report whose lead names Tuesday tells an undated sentence's day."""
    report = (
        "The bridge over the Carver River gave way on Tuesday morning, dropping three vehicles into the water.\n\n"
        "The driver of the truck was pulled from the river by fire crews and was in critical condition."
    )
    reading = ClusterReading([make_document(report, id="wire", outlet="Northline Wire")], load_segmenter(), Stemmer())
    claim = "A truck driver who was rescued from the river remained in critical condition on Tuesday evening."
    assert reading.credited(claim, "Northline Wire")
    assert not reading.credited(claim.replace("Tuesday", "Wednesday"), "Northline Wire")
