"""``summarizer digest`` as cron runs it."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.cli import main
from summarizer.store import SQLiteStore

from .api_support import AppFactory
from .builders import EXAMPLES, FIXTURES, make_document

pytestmark = pytest.mark.slow  # each test runs `summarizer digest` in a fresh interpreter
DAY = "2026-03-10"


def digest(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", "digest", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        # The shell's SUMMARIZER_* variables never reach a test: only what it sets.
        env={**{k: v for k, v in os.environ.items() if not k.startswith("SUMMARIZER_")}, **(env or {})},
    )


def test_writes_three_files_with_ranked_attributed_stories(tmp_path: Path) -> None:
    result = digest(str(EXAMPLES), str(FIXTURES / "ferry"), "--date", DAY, "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"digest {DAY}: 8 documents, 2 stories, 0 skipped")
    assert result.stdout.count("\n") == 1
    data = json.loads((tmp_path / f"digest-{DAY}.json").read_text())
    assert list(data) == ["date", "articles", "stories", "skipped"]
    bridge, ferry = data["stories"]
    assert len(bridge["outlets"]) == 5 > len(ferry["outlets"]) == 3  # ranked by distinct outlets
    assert "metro-bulletin" not in bridge["documents"]  # published on the 11th
    assert {"northline-wire", "valley-courier"} <= set(bridge["documents"])  # wire copy: both carriers
    assert all(s["outlet"] in bridge["outlets"] for s in bridge["summary"])
    assert (tmp_path / f"digest-{DAY}.md").read_text().startswith(f"# News digest, {DAY}")
    assert "<script" not in (tmp_path / f"digest-{DAY}.html").read_text()
    assert not list(tmp_path.glob(".*.tmp"))  # nothing half-written left behind
    assert (tmp_path / f"digest-{DAY}.json").stat().st_mode & 0o044  # readable by a web server


def test_same_inputs_give_byte_identical_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        assert digest(str(EXAMPLES), "--date", DAY, "--out", str(out)).returncode == 0
    for name in (f"digest-{DAY}.json", f"digest-{DAY}.md", f"digest-{DAY}.html"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_a_bad_document_is_skipped_with_its_reason(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "broken.txt").write_bytes(b"Caf\xe9 bytes.")
    (inputs / "headlines.txt").write_text("Ferry aground\nAll safe")
    for path in (FIXTURES / "ferry").iterdir():
        (inputs / path.name).write_text(path.read_text())
    result = digest(str(inputs), "--date", DAY, "--out", str(tmp_path / "out"), "--formats", "json")
    assert result.returncode == 0, result.stderr
    skipped = {
        s["document_id"]: s["reason"]
        for s in json.loads((tmp_path / "out" / f"digest-{DAY}.json").read_text())["skipped"]
    }
    assert "not valid UTF-8" in skipped["broken"]
    assert "no prose" in skipped["headlines"]
    assert not (tmp_path / "out" / f"digest-{DAY}.md").exists()


@pytest.mark.parametrize("formats", ["markdown", "md", "md,markdown"])
def test_markdown_is_written_to_the_md_file_whichever_its_spelling(tmp_path: Path, formats: str) -> None:
    # ``md`` was the only spelling --formats took before the formats had one name each.
    out = tmp_path / "out"
    assert main(["digest", str(EXAMPLES), "--date", DAY, "--out", str(out), "--formats", formats]) == 0
    assert sorted(p.name for p in out.iterdir()) == [".digest.lock", f"digest-{DAY}.md"]


def test_a_repeated_document_id_across_files_is_skipped_with_its_reason(tmp_path: Path) -> None:
    copy = tmp_path / "later"
    copy.mkdir()
    (copy / "wire.txt").write_text((FIXTURES / "ferry" / "wire.txt").read_text())
    result = digest(str(FIXTURES / "ferry"), str(copy), "--date", DAY, "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "4 documents, 1 stories, 1 skipped" in result.stdout
    (skipped,) = json.loads((tmp_path / "out" / f"digest-{DAY}.json").read_text())["skipped"]
    assert skipped["document_id"] == "wire"
    assert skipped["reason"].startswith(str(copy / "wire.txt"))
    assert "which was kept" in skipped["reason"]


def test_no_valid_input_exits_65(tmp_path: Path) -> None:
    result = digest(str(EXAMPLES), "--date", "1999-01-01", "--out", str(tmp_path))
    assert result.returncode == 65
    assert result.stderr.startswith("summarizer: error: no documents published on 1999-01-01")


@pytest.mark.parametrize(
    "args",
    [
        ["--date", "yesterday", "--out", "x"],
        ["--date", DAY],
        ["--date", DAY, "--out", "x", "--formats", "pdf"],
        ["--date", DAY, "--out", "x", "--timezone", "Mars/Olympus"],
    ],
)
def test_bad_invocation_exits_2_with_one_line(args: list[str]) -> None:
    result = digest(*args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_day_at_the_calendar_edge_exits_2(tmp_path: Path, day: str) -> None:
    # Issue 11.6: 9999-12-31 exited 1 with an OverflowError.
    result = digest(str(EXAMPLES), "--date", day, "--out", str(tmp_path), "--timezone", "Asia/Tokyo")
    assert (result.returncode, result.stderr.count("\n")) == (2, 1)
    assert "outside the supported range" in result.stderr


@pytest.mark.parametrize("where", ["a-file", "a-file/below"])
def test_an_out_that_is_a_file_or_under_one_exits_2(tmp_path: Path, where: str) -> None:
    # Issue 11.11: this was exit 1, "internal error".
    (tmp_path / "a-file").write_text("not a directory")
    result = digest(str(EXAMPLES), "--date", DAY, "--out", str(tmp_path / where))
    assert (result.returncode, result.stderr.count("\n")) == (2, 1)
    assert result.stderr.startswith(f"summarizer: error: --out {tmp_path / where}: cannot be used")


def test_the_files_of_a_run_appear_together_or_not_at_all(tmp_path: Path) -> None:
    # Issue 11.11: when the .html could not be written, the .json and .md were already in place.
    first = digest(str(FIXTURES / "ferry"), "--date", DAY, "--out", str(tmp_path))
    assert first.returncode == 0, first.stderr
    # Every file of the run: the day's, and the feeds, archive and story pages made with them.
    before = {str(p.relative_to(tmp_path)): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    (tmp_path / f"digest-{DAY}.html").unlink()
    (tmp_path / f"digest-{DAY}.html").mkdir()  # the page cannot be replaced
    second = digest(str(EXAMPLES), str(FIXTURES / "ferry"), "--date", DAY, "--out", str(tmp_path))
    assert (second.returncode, second.stderr.count("\n")) == (73, 1)
    assert "nothing was changed" in second.stderr
    assert {str(p.relative_to(tmp_path)): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == {
        name: data for name, data in before.items() if name != f"digest-{DAY}.html"
    }
    assert not list(tmp_path.rglob("*.tmp"))


def test_an_unknown_database_url_is_refused_not_taken_for_a_path(tmp_path: Path) -> None:
    # Issue 11.7: SUMMARIZER_DB=postgresql://... made a directory "postgresql:" and stored there.
    result = run_digest(tmp_path, "mysql://localhost/test")
    assert (result.returncode, result.stderr.count("\n")) == (2, 1)
    assert "SUMMARIZER_DB='mysql://localhost/test' is neither a file system path" in result.stderr
    assert not (tmp_path / "mysql:").exists()


def test_a_postgresql_server_that_does_not_answer_exits_69_with_one_line_and_no_password(tmp_path: Path) -> None:
    result = run_digest(tmp_path, "postgresql://app:hunter2-pw@127.0.0.1:9/news?connect_timeout=2")
    assert (result.returncode, result.stdout, result.stderr.count("\n")) == (69, "", 1)
    assert "postgresql://app:***@127.0.0.1:9/news" in result.stderr
    assert "hunter2" not in result.stderr


def run_digest(tmp_path: Path, setting: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", "digest", "--date", DAY, "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "SUMMARIZER_DB": setting},
    )


def test_a_second_run_exits_75_at_once_while_the_first_holds_the_lock(tmp_path: Path) -> None:
    with (tmp_path / ".digest.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = digest(str(EXAMPLES), "--date", DAY, "--out", str(tmp_path))
    assert result.returncode == 75
    assert "another digest run holds" in result.stderr
    assert not (tmp_path / f"digest-{DAY}.json").exists()


def test_without_inputs_it_reads_the_store_for_that_day(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    db = tmp_path / "docs.db"
    store = SQLiteStore(db)
    for path in sorted((FIXTURES / "ferry").iterdir()):
        store.add(make_document(path.read_text(), id=path.stem, outlet=path.stem), datetime(2026, 6, 4, 12, tzinfo=UTC))
    result = digest("--date", "2026-06-04", "--out", str(tmp_path / "out"), env={"SUMMARIZER_DB": str(db)})
    assert result.returncode == 0, result.stderr
    assert "3 documents, 1 stories" in result.stdout


def test_posted_during_the_day_digested_at_night_then_served(tmp_path: Path, make_app: AppFactory) -> None:
    """The whole daily flow: POST /v1/documents, `summarizer digest` as cron runs it, the pages."""
    db, out = tmp_path / "docs.db", tmp_path / "digests"
    client = make_app(db=str(db), digest_dir=str(out)).test_client()
    for path in sorted((FIXTURES / "ferry").iterdir()):
        body = {"documents": [{"id": path.stem, "outlet": path.stem, "text": path.read_text()}]}
        body["documents"][0]["published_at"] = "2026-06-04T18:00:00+00:00"
        assert client.post("/v1/documents", json=body).status_code == 201
    result = digest("--date", "2026-06-04", "--out", str(out), env={"SUMMARIZER_DB": str(db)})
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.glob("digest-*")) == [
        "digest-2026-06-04.html",
        "digest-2026-06-04.json",
        "digest-2026-06-04.md",
    ]
    served = client.get("/v1/digests/2026-06-04").get_json()
    assert served["stories"][0]["outlets"] == ["coastal-times", "islander", "wire"]
    assert client.get("/digests/2026-06-04").get_data(as_text=True).startswith("<!DOCTYPE html>")


def test_wire_copy_posted_by_two_outlets_is_cited_for_both_in_the_digest(tmp_path: Path, make_app: AppFactory) -> None:
    # Issue 11.8: the store kept one carrier, so the nightly digest could cite only the first.
    db, out = tmp_path / "docs.db", tmp_path / "digests"
    client = make_app(db=str(db), digest_dir=str(out)).test_client()
    wire = (FIXTURES / "ferry" / "wire.txt").read_text()
    for outlet in ("Bayline", "Harbour Herald"):
        document = {"id": "wire", "outlet": outlet, "text": wire, "published_at": "2026-06-04T18:00:00+00:00"}
        assert client.post("/v1/documents", json={"documents": [document]}).status_code == 201
    result = digest("--date", "2026-06-04", "--out", str(out), env={"SUMMARIZER_DB": str(db)})
    assert result.returncode == 0, result.stderr
    (story,) = json.loads((out / "digest-2026-06-04.json").read_text())["stories"]
    assert story["outlets"] == ["Bayline", "Harbour Herald"]
    assert all(s["outlet"] == "Bayline" and "Harbour Herald" in s["also_reported_by"] for s in story["summary"])
