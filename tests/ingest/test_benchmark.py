"""The feeds benchmark still runs, and stores what it serves (small, so it is quick)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_benchmark_ingests_everything_then_nothing() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.feeds", "--feeds", "3", "--items", "4", "--delay", "0"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    first, second, stored = result.stdout.splitlines()
    assert first.startswith("first run: 3 feeds, 12 new articles, 0 failures")
    assert second.startswith("second run, nothing new: 3 feeds, 0 new articles, 0 failures")
    assert stored == "stored: 12 documents"
