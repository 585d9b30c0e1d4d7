"""The ROUGE harness: its pieces on made-up data, and, when the DUC 2006 copy is
present, NIST's calibration figures and the pinned quality floors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from benchmarks.rouge import Scorer, SystemResult, check_gate, cut_to_words, main, paired_change

DUC = Path(os.environ.get("SUMMARIZER_DUC", Path(__file__).resolve().parents[2] / "shared" / "eval" / "duc2006"))
FLOORS = Path(__file__).resolve().parents[1] / "benchmarks" / "rouge_floors.json"
needs_duc = pytest.mark.skipif(
    not (DUC / "clusters").is_dir(), reason=f"DUC 2006 copy not found at {DUC} (set SUMMARIZER_DUC to it)"
)


def test_cut_to_words_keeps_line_breaks_and_exact_count() -> None:
    assert cut_to_words(["one two three", "", "four five six"], 4) == "one two three\nfour"
    assert len(cut_to_words(["a b"] * 200, 250).split()) == 250


def test_scorer_recall_of_a_summary_identical_to_its_references_is_one() -> None:
    recall, f1 = Scorer().score(
        "the ferry ran aground\nall were rescued", ["the ferry ran aground\nall were rescued"] * 2
    )
    assert recall == pytest.approx({"rouge1": 1.0, "rouge2": 1.0, "rougeLsum": 1.0})
    assert f1["rouge2"] == pytest.approx(1.0)


def result(r1: float, r2: float) -> SystemResult:
    return SystemResult("ours", {"rouge1": r1, "rouge2": r2, "rougeLsum": 0.0}, {})


def test_gate_fails_below_a_floor_and_raises_floors_only_upward(tmp_path: Path) -> None:
    floors = tmp_path / "floors.json"
    assert check_gate(floors, "k", result(0.40, 0.09), raise_floor=False) == 1  # nothing pinned yet
    assert check_gate(floors, "k", result(0.40, 0.09), raise_floor=True) == 0
    assert check_gate(floors, "k", result(0.41, 0.09), raise_floor=False) == 0
    assert check_gate(floors, "k", result(0.3996, 0.09), raise_floor=False) == 0  # within drift tolerance
    assert check_gate(floors, "k", result(0.39, 0.09), raise_floor=False) == 1
    check_gate(floors, "k", result(0.39, 0.10), raise_floor=True)  # R-1 is not lowered, R-2 rises
    assert json.loads(floors.read_text())["k"] == {"rouge1_recall": 0.40, "rouge2_recall": 0.10}


def test_paired_change_is_the_mean_change_with_an_interval_around_it() -> None:
    before = {f"D06{n:02d}": 0.40 for n in range(20)}
    same = paired_change(before, before)
    assert same == (0.0, 0.0, 0.0)
    # One cluster up by 2 points: a mean of +0.1 whose interval holds zero (noise).
    one_up = paired_change(before, {**before, "D0600": 0.42})
    assert one_up[0] == pytest.approx(0.1)
    assert one_up[1] <= 0.0 < one_up[2]
    # Every cluster up by 1 point: the interval is the change itself.
    all_up = paired_change(before, {c: r + 0.01 for c, r in before.items()})
    assert all_up == pytest.approx((1.0, 1.0, 1.0))
    assert paired_change(before, {**before, "D0600": 0.42}) == one_up  # seeded


def write_cluster(root: Path, cluster: str) -> None:
    """A DUC-layout cluster of the ferry story: two articles and one reference."""
    folder = root / "clusters" / cluster
    (folder / "docs").mkdir(parents=True)
    (folder / "refs").mkdir()
    (folder / "docs" / "APW1.txt").write_text(
        "Ferry aground\n\nThe ferry Marisol ran aground off Pellan Island on Thursday evening. "
        "All 212 passengers were taken off by lifeboats, the coast guard said.\n",
        encoding="utf-8",
    )
    (folder / "docs" / "NYT1.txt").write_text(
        "Passengers rescued\n\nLifeboats took 212 passengers off the ferry Marisol after it ran aground "
        "near Pellan Island. Four were treated for minor injuries at the island's clinic.\n",
        encoding="utf-8",
    )
    (folder / "refs" / "A.txt").write_text(
        "The ferry Marisol ran aground off Pellan Island.\nAll 212 passengers were rescued.\n", encoding="utf-8"
    )


def test_per_cluster_then_compare_pairs_the_runs_cluster_by_cluster(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for cluster in ("D0601A", "D0602B"):
        write_cluster(tmp_path, cluster)
    before = tmp_path / "before.json"
    assert main([str(tmp_path), "--systems", "ours,lead", "--words", "30", "--per-cluster", str(before)]) == 0
    written = json.loads(before.read_text())
    assert written["words"] == 30
    assert written["query"] is False
    assert sorted(written["systems"]["ours"]) == ["D0601A", "D0602B"]
    capsys.readouterr()
    assert main([str(tmp_path), "--systems", "ours,lead", "--words", "30", "--compare", str(before)]) == 0
    out = capsys.readouterr().out
    assert "ours            2 of 2 clusters paired   R-1 +0.00 (+0.00, +0.00)   R-2 +0.00 (+0.00, +0.00)" in out
    assert "lead            2 of 2 clusters paired" in out
    # Another budget is another run: refused, not compared.
    with pytest.raises(SystemExit) as stopped:
        main([str(tmp_path), "--systems", "ours", "--words", "20", "--compare", str(before)])
    assert stopped.value.code == 2
    assert "compare like with like" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content",
    [
        '{"ours": [0.4]}',
        '{"words": 250, "query": false, "systems": {"ours": {"D0601A": {"rouge1": NaN, "rouge2": 0.1}}}}',
        "[" * 100_000,
        "\udcff",
    ],
)
def test_compare_refuses_what_is_no_per_cluster_file(tmp_path: Path, content: str) -> None:
    wrong = tmp_path / "wrong.json"
    wrong.write_text(content, encoding="utf-8", errors="surrogateescape")
    with pytest.raises(SystemExit) as stopped:
        main([str(tmp_path), "--compare", str(wrong)])
    assert stopped.value.code == 2


def test_per_cluster_needs_a_file_in_an_existing_folder(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([str(tmp_path), "--per-cluster", str(tmp_path / "no" / "such" / "x.json")])
    assert stopped.value.code == 2


def test_paired_change_pairs_clusters_by_id_and_resamples_within_the_changes() -> None:
    before = {"D0601A": 0.40, "D0602B": 0.50}
    mean, low, high = paired_change(before, {"D0602B": 0.52, "D0601A": 0.41})  # by id, not order
    assert mean == pytest.approx(1.5)
    assert 0.999 <= low <= high <= 2.001  # the changes are +1 and +2 points
    spread = {f"D06{n:02d}": 0.40 for n in range(20)}
    after = {c: r + (n - 10) / 1000 for n, (c, r) in enumerate(spread.items())}  # -1.0 to +0.9 points
    mean, low, high = paired_change(spread, after)
    assert mean == pytest.approx(-0.05)
    assert -0.5 < low < mean < high < 0.4  # a 95% interval, well inside the range of the changes
    assert paired_change(spread, after) == (mean, low, high)  # seeded


@pytest.mark.slow
@needs_duc
def test_scorer_reproduces_nist_official_duc2006_figures(capsys: pytest.CaptureFixture[str]) -> None:
    """rouge-score reads a little below Perl ROUGE-1.5.5 (documented in benchmarks/README.md); the
    protocol must land within 0.5 points of NIST's official recall for both peers."""
    peers = DUC / "nist_eval" / "peers"
    assert main([str(DUC), "--systems", "", "--peers", str(peers / "1"), "--peers", str(peers / "24")]) == 0
    rows = {line.split()[0]: line.split() for line in capsys.readouterr().out.splitlines() if line.startswith("peer:")}
    official = {"peer:1": (30.217, 4.947), "peer:24": (40.980, 9.505)}
    for peer, (rouge1, rouge2) in official.items():
        assert float(rows[peer][1]) == pytest.approx(rouge1, abs=0.5)
        assert float(rows[peer][3]) == pytest.approx(rouge2, abs=0.5)


@pytest.mark.slow
@needs_duc
@pytest.mark.parametrize("query", [False, True])
def test_quality_gate_on_a_slice_of_duc2006(query: bool) -> None:
    args = [str(DUC), "--systems", "ours", "--limit", "8", "--gate", str(FLOORS)]
    assert main([*args, "--query"] if query else args) == 0
