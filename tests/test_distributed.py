"""The day on Dask (issue 18 point 4): the same digest, byte for byte, whatever runs it.

The fast tests cut the day as a cluster would (partitions, graph blocks, batches of
groups and stories) but run every piece here; the slow ones start a real local cluster
(loopback) through ``summarizer digest --workers 2``."""

from __future__ import annotations

import itertools
import json
import pickle
import subprocess
import sys
import time
from datetime import UTC, date
from pathlib import Path

import pytest

from benchmarks.daily import synthetic_day
from summarizer import Summarizer, SummaryOptions
from summarizer.cli import main
from summarizer.daily import build_daily_digest
from summarizer.model import Document
from summarizer.pipeline import read_document
from summarizer.readers import document_to_dict
from summarizer.stories import StoryOptions, article_headline, group_partitions, group_stories
from summarizer.tasks import InProcess, balanced_batches
from summarizer.terms import Stemmer

from .builders import EXAMPLES, FIXTURES, make_document
from .test_digest_command import digest

DAY = date(2026, 6, 4)


class ThreeWorkers(InProcess):
    """Cuts the work as for three workers, and runs it here."""

    workers = 3


def test_a_day_cut_into_partitions_groups_into_the_same_stories() -> None:
    documents, _ = synthetic_day(300)
    read = [read_document(d, SummaryOptions(), []) for d in documents]
    cuts = [0, 7, 150, 151, 300]
    parts = [read[a:b] for a, b in itertools.pairwise(cuts)]
    headlines = [[article_headline(a) for a in part] for part in parts]
    whole = group_stories(read, StoryOptions(), Stemmer())
    assert len(whole) > 5
    assert group_partitions(ThreeWorkers(), parts, headlines, StoryOptions(), Stemmer()) == whole


def test_the_digest_cut_for_three_workers_is_the_digest_of_one_process() -> None:
    documents = [*synthetic_day(120)[0], make_document("   ", id="empty", outlet="Blank Post")]
    summarizer, options = Summarizer(), SummaryOptions(max_words=80)
    alone = build_daily_digest(DAY, UTC, documents, summarizer, options, StoryOptions())
    stages: list[str] = []
    cut = build_daily_digest(
        DAY, UTC, documents, summarizer, options, StoryOptions(), runner=ThreeWorkers(), stage_done=stages.append
    )
    assert cut == alone
    assert alone.skipped
    assert len(alone.stories) > 3
    assert stages == ["read", "group", "summarize", "follow"]


def test_batches_are_consecutive_and_cover_every_item() -> None:
    sizes = [50, 1, 1, 1, 30, 2, 2, 2, 2, 9]
    batches = balanced_batches(sizes, 4)
    assert [i for b in batches for i in b] == list(range(len(sizes)))
    assert 3 <= len(batches) <= 5
    assert balanced_batches([], 4) == []
    assert balanced_batches([5], 4) == [range(1)]


def test_the_summarizer_travels_to_a_worker_with_a_fresh_stem_memo() -> None:
    summarizer = Summarizer()
    summarizer.summarize([make_document("The council approved the budget on Monday.")], SummaryOptions())
    copy = pickle.loads(pickle.dumps(summarizer))
    documents = [make_document("The mayor signed the budget the council approved. It takes effect in July.")]
    assert copy.summarize(documents, SummaryOptions()) == summarizer.summarize(documents, SummaryOptions())


@pytest.mark.parametrize(
    ("flags", "problem"),
    [
        (["--workers", "0"], "--workers: must be from 1 to 256, not 0"),
        (["--workers", "two"], "--workers: 'two' is not an integer"),
        (["--scheduler", "localhost:8786"], "is not a scheduler address"),
        (["--scheduler", "http://host:8786"], "is not a scheduler address"),
        (["--scheduler", "tcp://host:99999"], "is not a scheduler address"),
        (["--scheduler", "tcp://:8786"], "is not a scheduler address"),
        (["--workers", "2", "--scheduler", "tcp://host:8786"], "not allowed with argument"),
    ],
)
def test_bad_cluster_flags_exit_2_with_one_line(
    flags: list[str], problem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["digest", str(EXAMPLES), "--date", "2026-03-10", "--out", str(tmp_path), *flags])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert problem in err
    assert err.count("\n") == 1


def test_workers_without_dask_installed_exit_2_naming_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    code = main(["digest", str(EXAMPLES), "--date", "2026-03-10", "--out", str(tmp_path), "--workers", "2"])
    err = capsys.readouterr().err
    assert code == 2
    assert (
        err == "summarizer: error: --workers and --scheduler need dask[distributed]: pip install 'summarizer[dask]'\n"
    )
    assert not list(tmp_path.glob("digest-*"))


def _synthetic_input(path: Path, count: int, day: str) -> Path:
    documents = synthetic_day(count)[0]
    with path.open("w", encoding="utf-8") as handle:
        for d in documents:
            dated = Document(d.id, d.outlet, d.title, d.url, None, d.text)
            handle.write(json.dumps({**document_to_dict(dated), "published_at": f"{day}T09:00:00Z"}) + "\n")
    return path


@pytest.mark.slow  # starts a local Dask cluster of two processes, twice
def test_two_workers_write_byte_identical_files(tmp_path: Path) -> None:
    days = ["2026-03-09", "2026-03-10"]
    inputs = {
        days[0]: [str(FIXTURES / "ferry"), str(_synthetic_input(tmp_path / "first.jsonl", 150, days[0]))],
        # The next day continues the first's stories: the linking and new facts run too.
        days[1]: [str(EXAMPLES), str(FIXTURES / "ferry"), str(_synthetic_input(tmp_path / "next.jsonl", 120, days[1]))],
    }
    alone, dask = tmp_path / "alone", tmp_path / "dask"
    for day in days:
        first = digest(*inputs[day], "--date", day, "--out", str(alone))
        assert first.returncode == 0, first.stderr
        second = digest(*inputs[day], "--date", day, "--out", str(dask), "--workers", "2")
        assert second.returncode == 0, second.stderr
        assert second.stderr == ""
    written = sorted(p.relative_to(alone) for p in alone.rglob("*") if p.is_file() and not p.name.startswith("."))
    assert len(written) > 10  # both days in three formats, the feeds, the archive, the story pages
    assert written == sorted(p.relative_to(dask) for p in dask.rglob("*") if p.is_file() and not p.name.startswith("."))
    for name in written:
        assert (alone / name).read_bytes() == (dask / name).read_bytes(), name
    assert json.loads((dask / f"digest-{days[1]}.json").read_text())["stories"][0]["developing"] is not None


@pytest.mark.slow  # starts a Dask scheduler and a worker as their own processes (loopback)
def test_an_existing_cluster_given_by_scheduler_writes_the_same_files(tmp_path: Path) -> None:
    """``--scheduler`` joins a cluster started apart, as an operator runs one: ``dask
    scheduler`` and ``dask worker`` processes, here on loopback."""
    dask_cli = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    address_file = tmp_path / "scheduler.json"
    common = ["--no-dashboard"]
    scheduler = subprocess.Popen(
        [*dask_cli, "--host", "127.0.0.1", "--port", "0", "--scheduler-file", str(address_file), *common],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    worker = None
    try:
        deadline = time.monotonic() + 60
        while not address_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(address_file.read_text(encoding="utf-8"))["address"]
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "distributed.cli.dask_worker",
                address,
                "--host",
                "127.0.0.1",
                "--nthreads",
                "1",
                *common,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        day, inputs = "2026-03-10", [str(EXAMPLES), str(FIXTURES / "ferry")]
        inputs.append(str(_synthetic_input(tmp_path / "day.jsonl", 120, day)))
        alone, joined = tmp_path / "alone", tmp_path / "joined"
        first = digest(*inputs, "--date", day, "--out", str(alone))
        assert first.returncode == 0, first.stderr
        second = digest(*inputs, "--date", day, "--out", str(joined), "--scheduler", address)
        assert second.returncode == 0, second.stderr
        written = sorted(p.relative_to(alone) for p in alone.rglob("*") if p.is_file())
        assert len(written) > 5
        assert written == sorted(p.relative_to(joined) for p in joined.rglob("*") if p.is_file())
        for name in written:
            assert (alone / name).read_bytes() == (joined / name).read_bytes(), name
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)
