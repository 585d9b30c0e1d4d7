from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from summarizer.cli import build_parser, main
from summarizer.options import PUBLIC_OPTIONS

from .builders import EXAMPLES, FIXTURES


def run(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """The real command, as cron or a shell runs it: a fresh interpreter, so the tests
    that use it are marked slow."""
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def call(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.slow
def test_summarize_examples_as_text() -> None:
    result = run(["summarize", str(EXAMPLES), "--max-words", "100"])
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line[:1].isdigit()]
    assert lines
    assert all(line.rstrip().endswith("]") for line in lines)  # every sentence carries its citation
    assert "warning: valley-courier: same text as document 'northline-wire'" in result.stderr


@pytest.mark.slow
def test_json_body_from_stdin_and_flags_override_body() -> None:
    body = {
        "documents": [{"id": p.stem, "text": p.read_text()} for p in sorted((FIXTURES / "ferry").iterdir())],
        "max_words": 200,
        "order": "source",
    }
    result = run(["summarize", "-", "--max-words", "40", "--format", "json"], stdin=json.dumps(body).encode())
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["stats"]["words"] <= 40
    assert result.stderr == ""  # warnings travel inside the JSON


def test_json_output_matches_the_library_json(tmp_path: Path) -> None:
    path = tmp_path / "body.json"
    path.write_text(
        json.dumps(
            {"documents": [{"id": "w", "outlet": "Bayline", "text": (FIXTURES / "ferry" / "wire.txt").read_text()}]}
        )
    )
    first = call(["summarize", str(path), "--format", "json"])
    second = call(["summarize", str(path), "--format", "json"])
    assert first[0] == 0
    assert first[1] == second[1]  # byte-identical


@pytest.mark.parametrize("fmt", ["json", "markdown", "text", "html"])
def test_every_format_renders(fmt: str) -> None:
    code, out, _ = call(["summarize", str(EXAMPLES), "--format", fmt])
    assert code == 0
    assert "Old Mill Bridge" in out


def test_every_public_option_is_a_flag_of_its_name() -> None:
    args = build_parser().parse_args(["summarize", "-", "--max-words", "40", "--max-sentences", "2"])
    assert {name: getattr(args, name) for name in PUBLIC_OPTIONS} == {
        "max_words": 40,
        "max_sentences": 2,
        "order": None,
        "query": None,
    }


def test_md_is_another_spelling_of_markdown() -> None:
    assert call(["summarize", str(EXAMPLES), "--format", "md"]) == call(
        ["summarize", str(EXAMPLES), "--format", "markdown"]
    )


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("make_args", "message"),
    [
        (lambda d: ["summarize"], "the following arguments are required: INPUT"),
        (lambda d: ["summarize", "/no/such/file.txt"], "no such file or directory"),
        (lambda d: ["summarize", _write(d, "e.json", b'{"documents": []}')], "no documents to summarize"),
        (lambda d: ["summarize", _write(d, "w.txt", b"   \n ")], "no summarizable text"),
        (lambda d: ["summarize", _write(d, "bad.txt", b"Caf\xe9 owners met.")], "not valid UTF-8"),
        (lambda d: ["summarize", _write(d, "bad.json", b'{"documents": [')], "invalid JSON"),
        (
            lambda d: [
                "summarize",
                _write(d, "o.json", b'{"documents": [{"text": "A b c."}], "max_word": 5}'),
            ],
            "unknown option 'max_word'",
        ),
        (lambda d: ["summarize", str(EXAMPLES), "--max-words", "-5"], "max_words must be between"),
        (lambda d: ["summarize", str(EXAMPLES), "--max-words", "many"], "invalid int value"),
        (lambda d: ["summarize", str(EXAMPLES), "--order", "random"], "invalid choice"),
        (lambda d: ["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, make_args: Callable[[Path], list[str]], message: str) -> None:
    result = run(make_args(tmp_path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("summarizer: error: ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_internal_error_is_one_line_with_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("summarizer.cli.Summarizer.summarize", explode)
    code, out, err = call(["summarize", str(EXAMPLES)])
    assert (code, out) == (1, "")
    assert err == "summarizer: internal error: RuntimeError: boom (rerun with --debug)\n"
