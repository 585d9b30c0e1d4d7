"""``benchmarks/daily.py`` runs, and its clustering report covers every day and setting.

No thresholds: the figures are for benchmarks/README.md, measured with ``--data``."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

from benchmarks.daily import UNEVEN, clustering_report, mixtures, synthetic_day
from benchmarks.shapes import SHAPES, bcubed, draw_days

from .builders import make_clean_article


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


def test_bcubed_on_a_hand_example() -> None:
    # Two true topics (0: items 0-2, 1: items 3-4); the grouping moved item 2 to topic 1's story.
    # Precision: 1, 1, 1/3, 2/3, 2/3; recall: 2/3, 2/3, 1/3, 1, 1: both average 11/15.
    assert bcubed([0, 0, 0, 1, 1], [0, 0, 1, 1, 1]) == pytest.approx((11 / 15, 11 / 15))
    # Everything in one story: full recall, precision 3/4 for topic 0's items, 1/4 for the lone one.
    assert bcubed([0, 0, 0, 1], [5, 5, 5, 5]) == pytest.approx((10 / 16, 1.0))
    # Every article alone: full precision, recall 1/3 for topic 0's items.
    assert bcubed([0, 0, 0, 1], [0, 1, 2, 3]) == pytest.approx((1.0, 0.5))
    assert bcubed([2, 2, 7], [1, 1, 0]) == (1.0, 1.0)  # the labels' values do not matter


def test_day_shapes_keep_what_their_names_say() -> None:
    topics = [t for t in range(50) for _ in range(25)]
    placeholders = [make_clean_article(f"a{i}") for i in range(len(topics))]
    days = draw_days(placeholders, topics, draws=2, held_out=1, shapes=[s for s in SHAPES if SHAPES[s]])
    assert len(days) == 3 * (len(SHAPES) - 1)
    assert [d.held_out for d in days[:3]] == [False, False, True]
    for day in days:
        sizes = Counter(day.topics)
        if day.shape == "10 per topic":
            assert set(sizes.values()) == {10}
            assert len(sizes) == 50
        elif day.shape == "5 per topic":
            assert set(sizes.values()) == {5}
        elif day.shape == "a third lone":
            assert sorted(Counter(sizes.values()).items()) == [(1, 40), (8, 10)]  # 40 of 120 alone
        elif day.shape == "5 topics":
            assert len(sizes) == 5
            assert set(sizes.values()) == {25}
        elif day.shape == "whole mixture":
            assert len(day.topics) == len(topics)
    again = draw_days(placeholders, topics, draws=2, held_out=1, shapes=["1 to 25 per topic"])
    assert [d.topics for d in again] == [d.topics for d in days if d.shape == "1 to 25 per topic"]
    assert again[0].topics != again[2].topics  # tuning and held-out draws differ
