"""``benchmarks/daily.py`` runs, and its clustering report covers every day and setting.

No thresholds: the figures are for benchmarks/README.md, measured with ``--data``."""

from __future__ import annotations

import subprocess
import sys

import pytest

from benchmarks.daily import UNEVEN, clustering_report, mixtures, synthetic_day


def test_mixtures_are_halves_random_halves_and_uneven_days() -> None:
    topics = [t for t in range(10) for _ in range(4)]
    days = dict(mixtures(topics))
    assert len(days) == 14
    assert {topics[i] for i in days["odd topics"]} == {0, 2, 4, 6, 8}
    assert {topics[i] for i in days["even topics"]} == {1, 3, 5, 7, 9}
    for name, indices in days.items():
        kept = {topics[i] for i in indices}
        if name.startswith("5 random topics"):
            assert len(kept) == 5
            assert len(indices) == 20
        elif name.startswith(UNEVEN):
            assert kept == set(range(10))  # every topic keeps at least one article
    assert mixtures(topics) == mixtures(topics)


@pytest.mark.slow
def test_clustering_report_scores_every_day_and_setting(capsys: pytest.CaptureFixture[str]) -> None:
    clustering_report(*synthetic_day(300))
    rows = [line.split(" | ") for line in capsys.readouterr().out.splitlines() if " | " in line]
    days = [row for row in rows if len(row) == 5 and row[0] != "day"]  # the header rows left out
    settings = [row for row in rows if len(row) == 3 and row[0] != "setting"]
    assert len(days) == 14
    assert len(settings) == 6
    assert all(-1.0 <= float(row[4]) <= 1.0 for row in days)
    assert settings[0][0] == "default"


@pytest.mark.slow
def test_synthetic_day_runs_end_to_end() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.daily", "--synthetic", "120"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("120 articles, ")
    assert "ARI " in result.stdout
    assert "peak memory" in result.stdout


@pytest.mark.slow
def test_without_data_it_says_what_to_pass() -> None:
    result = subprocess.run([sys.executable, "-m", "benchmarks.daily"], capture_output=True, text=True)
    assert result.returncode != 0
    assert "--data ../shared/eval/duc2006" in result.stderr
