"""Time on adversarial text grows linearly with its size (issue 11: quadratic regexes).

Every family of ``benchmarks.adversarial`` (runs of ``[``, ``*a ``, form feeds,
``(photo ``, upper-case datelines...) goes through ``clean_text`` and through the whole
``Summarizer.summarize`` at SMALL and at LARGE characters. Linear time makes the large
text take LARGE / SMALL = 4 times as long, quadratic time 16 times; the test fails from
MAX_RATIO = 8, between the two. It judges a ratio, never an absolute time, so a slow or
a busy machine passes as a fast one does:

- CPU time of the thread, not wall time: other processes on a shared machine do not
  add to it;
- the least of a few runs: noise only ever adds time;
- FLOOR seconds added to both times, so that sub-millisecond runs (a run of spaces
  collapses at once) do not make a ratio out of noise;
- a large run is stopped a little past MAX_RATIO, so a quadratic regression fails in
  seconds to a few minutes rather than running for hours.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks import adversarial
from benchmarks.adversarial import FAMILIES, Family, least_cpu_seconds, sentence_rules_call, summarize_call
from summarizer import Summarizer, cleaning
from summarizer.cleaning import clean_text
from summarizer.segmentation import SentenceSegmenter

SMALL, LARGE = 50_000, 200_000
MAX_RATIO = 8.0
FLOOR = 0.002  # seconds
SMALL_RUNS, LARGE_RUNS = 3, 2
# A large run is stopped at this many times the time that MAX_RATIO allows: the stop
# is a backstop, the verdict is the measured ratio.
STOP_AFTER = 1.5


def growth_ratio(call: Callable[[str], object], family: Family) -> float:
    """(time at LARGE + FLOOR) / (time at SMALL + FLOOR), or infinity when stopped."""
    small = least_cpu_seconds(call, family.text(SMALL), SMALL_RUNS)
    allowed = MAX_RATIO * (small + FLOOR) - FLOOR
    large = least_cpu_seconds(call, family.text(LARGE), LARGE_RUNS, enough=allowed, budget=STOP_AFTER * allowed)
    return (large + FLOOR) / (small + FLOOR)


def verdict(family: Family, ratio: float) -> str:
    took = f"over {STOP_AFTER * MAX_RATIO:g}x the time (stopped)" if ratio == float("inf") else f"{ratio:.1f}x the time"
    return f"{family.name} (unit {family.unit[:12]!r}): {LARGE // SMALL}x the text took {took}"


@pytest.mark.slow
@pytest.mark.parametrize("family", FAMILIES, ids=[f.name for f in FAMILIES])
def test_cleaning_time_grows_linearly(family: Family) -> None:
    ratio = growth_ratio(clean_text, family)
    assert ratio < MAX_RATIO, verdict(family, ratio)


@pytest.mark.slow
@pytest.mark.parametrize("family", FAMILIES, ids=[f.name for f in FAMILIES])
def test_summarizing_time_grows_linearly(family: Family, summarizer: Summarizer) -> None:
    ratio = growth_ratio(summarize_call(summarizer), family)
    assert ratio < MAX_RATIO, verdict(family, ratio)


@pytest.mark.slow
@pytest.mark.parametrize("family", FAMILIES, ids=[f.name for f in FAMILIES])
def test_sentence_rules_time_grows_linearly(family: Family) -> None:
    ratio = growth_ratio(sentence_rules_call(), family)
    assert ratio < MAX_RATIO, verdict(family, ratio)


def test_the_corpus_holds_the_reported_strings() -> None:
    units = {f.unit for f in FAMILIES}
    assert {"[", "*a ", "_a ", "![", "\x0c", "\x1f"} <= units  # issue 11's examples
    assert all(f.unit.isspace() for f in FAMILIES if f.name.startswith("space-"))
    assert len({f.name for f in FAMILIES}) == len(FAMILIES)


def test_the_benchmark_writes_its_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        adversarial.main(["--sizes", "6000,9000", "--families", "open-brackets,space-U+000C", "--out", str(tmp_path)])
        == 0
    )
    table = (tmp_path / "adversarial.md").read_text()
    assert "| open-brackets | clean_text |" in table
    assert "| space-U+000C | summarize |" in table
    assert "wrote" in capsys.readouterr().out


def test_a_stopped_run_counts_as_too_slow() -> None:
    def spin(text: str) -> None:
        while True:
            pass

    assert least_cpu_seconds(spin, "", 1, budget=0.05) == float("inf")


def test_a_long_paragraph_is_segmented_whatever_nltks_time_limit(
    segmenter: SentenceSegmenter, monkeypatch: pytest.MonkeyPatch
) -> None:
    # NLTK 3.10 stops a pattern after DEFAULT_TIMEOUT wall-clock seconds (5), one scan
    # of a whole paragraph included: a 490 KB paragraph of "!? " raised TimeoutError,
    # and on a busy machine a far shorter one would. A limit no pattern can meet (a
    # nanosecond) shows that none of ours is timed, whatever the machine's load.
    redos = pytest.importorskip("nltk.redos")
    monkeypatch.setattr(redos, "DEFAULT_TIMEOUT", 1e-9)
    assert len(segmenter.split("The bridge fell! Did it? " * 4000)) == 8000


# The patterns that the linear scans replaced, kept as oracles: on short text their
# time does not matter, and the scans must find exactly what they found.
OLD_IMAGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
OLD_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
OLD_EMPHASIS_RE = re.compile(r"(?<![\w*])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
OLD_WIRE_NOTE_RE = re.compile(
    r"\s*\((?:MORE|END OPTIONAL TRIM|OPTIONAL TRIM|BEGIN OPTIONAL TRIM|"
    r"Story can end here[^)]*|Optional add[^)]*|Editors?:[^)]*|EDS:[^)]*)\)\s*",
)
OLD_PHOTO_NOTE_RE = re.compile(r"\((?:photo|image|picture)\b[^)]*\)")


def pieces(*choices: str) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(choices), max_size=24).map("".join)


markdown = pieces("[", "]", "(", ")", "![", "](", "*", "**", "***", "_", "__", "a", "b", "é", " ", ".", "1", "\u00a0")
notes = pieces("(", ")", " ", "  ", "\x0c", "\u3000", "MORE", "Story can end here", "Optional add", "EDS:", "a", "x.")
credits = pieces("(", ")", "photo", "image", "picture", "Photo", "s", " ", ":", "a")


@settings(max_examples=400, deadline=None)
@given(markdown)
def test_links_and_images_are_those_the_regexes_found(text: str) -> None:
    assert cleaning._strip_links(text, "![", keep_text=False) == OLD_IMAGE_RE.sub("", text)
    assert cleaning._strip_links(text, "[", keep_text=True) == OLD_LINK_RE.sub(r"\1", text)


@settings(max_examples=400, deadline=None)
@given(markdown)
def test_emphasis_is_paired_as_the_regex_paired_it(text: str) -> None:
    expected = text
    for _ in range(cleaning.MAX_EMPHASIS_PASSES):
        expected = OLD_EMPHASIS_RE.sub(r"\2", expected)
    assert cleaning._strip_emphasis(text) == expected


@settings(max_examples=400, deadline=None)
@given(notes)
def test_wire_notes_are_those_the_regex_found(text: str) -> None:
    assert cleaning._drop_inline_wire_notes(text) == OLD_WIRE_NOTE_RE.sub(" ", text)


@settings(max_examples=400, deadline=None)
@given(credits)
def test_photo_notes_are_those_the_regex_found(text: str) -> None:
    assert cleaning._has_photo_note(text) == bool(OLD_PHOTO_NOTE_RE.search(text))
