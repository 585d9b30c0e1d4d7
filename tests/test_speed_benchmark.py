"""The speed benchmark still runs end to end (``--quick``, no thresholds: timings are
benchmarks/README.md's business), and its arithmetic is right."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.speed import SYSTEMS, Target, growth_exponent
from summarizer.pipeline import STAGES

ROOT = Path(__file__).resolve().parents[1]
DUC = Path(os.environ.get("SUMMARIZER_DUC", ROOT.parent / "shared" / "eval" / "duc2006"))


def test_growth_exponent_recovers_known_powers() -> None:
    sizes = [2_000, 5_000, 10_000, 20_000]
    assert growth_exponent([(n, 3e-5 * n) for n in sizes]) == pytest.approx(1.0)
    assert growth_exponent([(n, 1e-9 * n**2) for n in sizes]) == pytest.approx(2.0)
    assert 1.0 < growth_exponent([(n, n * math.log(n)) for n in sizes]) < 1.15


def test_target_verdicts_say_met_or_by_how_much_missed() -> None:
    assert Target("t", 0.012, 0.015, "s").verdict() == "met"
    assert Target("t", 0.120, 0.100, "s").verdict() == "missed by 20%"
    assert Target("x", 14.0, 20.0, "x", higher_is_better=True).verdict() == "missed by 30%"
    assert Target("x", None, 20.0, "x").verdict() == "not measured"


@pytest.mark.slow
def test_quick_run_writes_the_tables_the_json_and_the_chart(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "benchmarks.speed", "--quick", "--out", str(tmp_path)]
    if (DUC / "clusters").is_dir():
        command += ["--data", str(DUC)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]

    raw = json.loads((tmp_path / "speed.json").read_text())
    results = {(r["system"], r["workload"]): r for r in raw["results"]}
    workloads = {w for _, w in results}
    assert {"examples", "synthetic-1000"} <= workloads
    if (DUC / "clusters").is_dir():
        assert {"duc-5", "duc-25"} <= workloads
        # References exist for whole clusters: ROUGE stands beside every system's time there.
        assert all(results[(s, "duc-25")]["rouge1"] > 10 for s in SYSTEMS if results[(s, "duc-25")]["status"] == "ok")
    for workload in workloads:
        ours = results[("ours", workload)]
        assert ours["status"] == "ok"
        assert ours["sentences"] > 0
        assert ours["runs"] >= 1
        assert ours["peak_rss_mb"] > 50
        assert set(ours["stages"]) == {"read", *STAGES, "render", "pipeline", "pipeline_cpu"}
        assert ours["stages"]["pipeline_cpu"] > 0
        # Each stage is a part of every run's pipeline time, so its median cannot exceed the pipeline's.
        assert all(0 < ours["stages"][s] <= ours["stages"]["pipeline"] for s in STAGES)
        assert ours["seconds"] == ours["stages"]["pipeline"]  # ours is timed from documents to digest, like the peers
        # Every peer ran on the small workloads, or says why not.
        for peer in SYSTEMS:
            assert results[(peer, workload)]["status"] in {"ok", "timeout", "failed"}
    assert raw["cli_start_up_seconds"] > 0
    assert raw["machine"]["cores"]

    report = (tmp_path / "speed.md").read_text()
    assert "| workload | sentences | read | clean | segment | vectorize | graph | rank | select | render |" in report
    race = report.split("## Side by side")[1].split("## Peak")[0]
    assert re.search(r"\| examples \| \d+ \| [\d.]+ ms \([\d.]+ ms CPU\) \| [\d.]+ m?s, [\d.]+x", race), (
        race
    )  # peers as multiples of ours
    assert "CLI start-up to first output" in report
    png = (tmp_path / "speed.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 10_000
