"""Adversarial input: how cleaning and summarizing time grows on text built to make a regex rescan.

    python -m benchmarks.adversarial [--sizes 25000,50000,100000,200000] [--families NAME,...]
                                     [--repeats 1] [--timeout 20] [--out DIR]

Issue 11: 100 KB of ``[`` took 27 s through the CLI and the API, because a pattern
scanned from every ``[`` to the end of the text; growth was quadratic. Each family here
repeats one unit (a run of ``[``, ``*a ``, form feeds, ``(photo ``, an upper-case
dateline...) inside a paragraph of prose, after a few kilobytes of ordinary news prose,
so the text passes the English check and reaches every stage: ``clean_text``, the
whole ``Summarizer.summarize``, and the rules that read one sentence or field whole
(``sentence_rules``: the credit rule's core and the renderers' escaping).
``tests/test_adversarial_input.py`` checks the same families at 50 and 200 KB.

Times are CPU seconds of the calling thread (``time.thread_time``: other processes on
a shared machine do not add to them), the least of ``--repeats`` runs, since noise only
ever adds time. A run past ``--timeout`` CPU seconds is stopped (it shows as ``>``) and
the family's larger sizes are skipped. The growth exponent is the least-squares slope of
log(time) against log(size) over the sizes timed at 1 ms or more: 1 is linear, 2 quadratic.

Writes ``adversarial.md`` into ``--out`` (default ``benchmarks/results``).
"""

from __future__ import annotations

import argparse
import gc
import math
import signal
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from summarizer import Digest, DigestSentence, Document, Source, Summarizer, SummaryOptions, render
from summarizer.cleaning import clean_text
from summarizer.errors import SummarizerError
from summarizer.facts import FactCores
from summarizer.redundancy import FactIndex
from summarizer.terms import Stemmer, TermAnalyzer

from .speed import growth_exponent, machine

SIZES = (25_000, 50_000, 100_000, 200_000)
REPEATS = 1
TIMEOUT = 20.0  # CPU seconds; a quadratic family at 200 KB takes minutes
FIT_MIN_SECONDS = 0.001  # shorter times are mostly noise: left out of the exponent's fit

# Sentences of ordinary news prose, cycled to PROSE_CHARS before every payload: the
# pipeline judges a text's language by its first 4,000 characters, and a payload alone
# (a run of "[") would be skipped as not English before it reached the later stages.
PROSE_SENTENCES = (
    "The Old Mill Bridge in Carver Falls collapsed into the Carver River on Tuesday evening.",
    "Three vehicles fell with it, and the drivers of two cars were rescued from the wreckage.",
    "Governor Dana Whitfield declared a state of emergency in Hale County hours later.",
    "The state began running a free ferry between the two banks of the river at dawn.",
    "Engineers had warned in a report last year that the bridge needed urgent repairs.",
    "County officials said a temporary crossing could open before the end of the summer.",
)
PROSE_CHARS = 4_500
LEAD = "Officials said the river was calm on Tuesday."
TAIL = "The bridge will reopen in May."


@dataclass(frozen=True)
class Family:
    """Texts of one shape: ``prefix``, ``unit`` repeated, then ``mirror`` as often
    (nesting), then ``suffix``, after the fixed prose."""

    name: str
    unit: str
    prefix: str = LEAD + " "
    suffix: str = " " + TAIL
    mirror: str = ""

    def text(self, size: int) -> str:
        """About ``size`` characters (never fewer than one unit)."""
        fixed = len(prose()) + len(self.prefix) + len(self.suffix)
        count = max(1, (size - fixed) // (len(self.unit) + len(self.mirror)))
        middle = "y" if self.mirror else ""
        return prose() + self.prefix + self.unit * count + middle + self.mirror * count + self.suffix


def prose() -> str:
    sentences = " ".join(PROSE_SENTENCES)
    repeated = " ".join([sentences] * (PROSE_CHARS // len(sentences) + 1))
    return repeated + "\n\n"


def _families() -> tuple[Family, ...]:
    markdown = [
        Family("open-brackets", "["),
        Family("image-openings", "!["),
        Family("link-middles", "]("),
        Family("unclosed-links", "[a]("),
        Family("bracketed-words", "[a] "),
        Family("unclosed-images", "![a]("),
        Family("star-words", "*a "),
        Family("underscore-words", "_a "),
        Family("double-star-words", "**a "),
        Family("double-underscore-words", "__a "),
        Family("triple-star-words", "***a "),
        Family("star-closings", "a* "),
        Family("nested-emphasis", "*x _x ", mirror=" x_ x*"),
        Family("backslashes", "\\"),
        Family("escaped-stars", "\\*"),
        Family("backslash-letters", "\\a"),
    ]
    notes = [
        Family("photo-notes", "(photo "),
        Family("story-can-end-notes", "(Story can end here "),
        Family("optional-add-notes", "(Optional add "),
        Family("editors-notes", "(Editors: "),
        Family("more-notes", "(MORE "),
        Family("open-parentheses", "("),
    ]
    # Every white-space character between two sentences, as in "x." + "\x0c" * n + "y.".
    spaces = [
        Family(f"space-U+{ord(c):04X}", c, prefix=LEAD, suffix=TAIL)
        for c in map(chr, range(sys.maxunicode + 1))
        if c.isspace()
    ]
    punctuation = [Family("run-of-" + unicodedata.name(c).lower().replace(" ", "-"), c) for c in ".…!?\"'“”‘’«»)]-—,:"]
    punctuation += [
        Family("sentence-ends", ". "),
        Family("dotted-letters", "a."),
        Family("initials", "A. "),
        Family("titles", "Mr. "),
        Family("bangs-and-questions", "!? "),
    ]
    # Rules anchored at a paragraph's start: the payload opens a paragraph of its own.
    starts = [
        Family("dateline-words", "PINE RIDGE ", prefix="", suffix="-- the bridge fell on Tuesday."),
        Family("dateline-dashes", "A-", prefix="", suffix=" the bridge fell on Tuesday."),
        Family("dateline-state", "Ohio ", prefix="CARVER, ", suffix="(AP) -- the bridge fell on Tuesday."),
        Family("sign-off", "ab/", prefix="", suffix="cd (AFP) and the bridge fell."),
        Family("updated-dashes", " -", prefix="Updated", suffix=" x and the bridge fell."),
        Family("byline-names", " Ellis,", prefix="By Renata", suffix="! and the bridge fell."),
        Family("contributed-names", "Renata Ellis ", prefix="", suffix="contributed reporting to it and more."),
        Family("parenthesized", "a)", prefix="(", suffix="b and the bridge fell."),
    ]
    lines = [
        Family("long-line-of-words", "the bridge "),
        Family("long-line-of-sentences", "The bridge fell. "),
        Family("hard-wrapped-lines", "the ferry crossed the river while the bridge was rebuilt\n"),
        Family("short-lines", "a\n"),
        Family("blank-lines", "\n \n"),
    ]
    # The shapes the credit rule's and the renderers' patterns take apart (issue 12).
    fields = [
        Family("apostrophe-chains", "a'"),
        Family("digit-groups", "1,"),
        Family("decimal-points", "1."),
        Family("number-words", "two million "),
        Family("bounded-numbers", "more than 3 "),
        Family("compass-places", "the eastern city of Ab "),
        Family("capitalised-words", "Ab "),
        Family("wire-quote-openings", "``a "),
        Family("double-quote-openings", '"a '),
        Family("set-off-connectives", ", though"),
        # issue 12's candidate rules: glued sentences, speaker labels, honorifics before surnames
        Family("glued-sentence-starts", "ab.The "),
        # "the other" ones (credit) and a news service's routing note (cleaning), cut short; a
        # chronology's entry cut short (candidates), and a framing and a contrast opening that
        # match, so the same-fact rule reads both sides of every one (its worst case), each
        # opening its paragraph, where those rules look
        Family("other-ones", "the othe "),
        Family("digit-other-ones", "12 othe "),
        Family("routing-notes", "Story will move in the ``a "),
        Family("timeline-entries", "1:50 a.m. ES -", prefix=""),
        Family("framing-openings", "In a statement, ", prefix=""),
        Family("contrast-openings", "While a b, ", prefix=""),
        # the candidate rules of sentences that name no one: "those" things (and one after a
        # long run, whose word is looked for in all of it), an early "also" and a bare
        # quantifier (their paragraph's opening), "here", contractions, curly apostrophes
        # and he or she
        Family("demonstratives", "those ab "),
        Family("late-demonstratives", "cd ", suffix=" those ef."),
        Family("early-also", "Ab also ", prefix=""),
        Family("quantifier-openings", "Most of them, ", prefix=""),
        Family("here-words", "here "),
        Family("contractions", "I'm "),
        Family("curly-apostrophes", "a’b "),
        Family("pronouns", "he "),
        # a shell noun opening its paragraph, never followed by its verb, and one followed by
        # an endless word (the passive's participle is looked for in it)
        Family("shell-nouns", "The main reason ", prefix=""),
        Family("shell-noun-words", "e", prefix="The reason is "),
        # near misses of a time of its own ("last week", a year), where the days rule looks
        Family("time-words", "last wee 19 "),
        # near misses of "all" of a set, between the idioms the same-fact rule leaves aside
        # ("in all", "all the same")
        Family("all-words", "in all the sam "),
        Family("label-colons", "Ab: "),
        Family("control-characters", "\x01"),
    ]
    return (*markdown, *notes, *spaces, *punctuation, *starts, *lines, *fields)


FAMILIES = _families()


# ---------------------------------------------------------------- timing


class _OverBudget(Exception):
    pass


def _over_budget(signum: int, frame: FrameType | None) -> None:
    raise _OverBudget


def cpu_seconds(call: Callable[[str], object], text: str, budget: float | None = None) -> float:
    """CPU seconds ``call(text)`` takes in this thread, or ``math.inf`` when the
    process passes ``budget`` CPU seconds first.

    The budget is a profiling timer, whose signal stops even a regex mid-match. While
    it is armed the process's CPU clock reads short on Linux (2 ms for a 5 ms call), so
    the thread's clock is read: cleaning and summarizing run in the caller's thread.
    Garbage collection waits until the call is over, so a collection of what earlier
    calls left does not land on this one."""
    previous = signal.signal(signal.SIGPROF, _over_budget) if budget else None
    gc.disable()
    start = time.thread_time()
    try:
        try:
            if budget:
                signal.setitimer(signal.ITIMER_PROF, budget)
            call(text)
        finally:
            if budget:  # disarmed first: a signal pending now is caught below
                signal.setitimer(signal.ITIMER_PROF, 0)
    except _OverBudget:
        return math.inf
    finally:
        if budget:
            signal.signal(signal.SIGPROF, previous)
        gc.enable()
    return time.thread_time() - start


def least_cpu_seconds(
    call: Callable[[str], object],
    text: str,
    runs: int,
    *,
    enough: float | None = None,
    budget: float | None = None,
) -> float:
    """The least of ``runs`` timings (noise on a shared machine only adds time),
    stopping early at one within ``enough`` seconds; each run stopped at ``budget``."""
    best = math.inf
    for _ in range(runs):
        best = min(best, cpu_seconds(call, text, budget))
        if enough is not None and best <= enough:
            break
    return best


def sentence_rules_call() -> Callable[[str], object]:
    """What reads one sentence or one field whole, given the whole text as one: the credit
    rule's core (names, numbers, days and a sentence's own time, negation, quotations,
    framing and contrast openings; ``facts``) and the escaping
    of every rendered field (an outlet or a title is as long as a request allows). In a
    digest these see one sentence; here, their worst case, they see all of it."""
    stemmer = Stemmer()
    analyzer = TermAnalyzer(stemmer)

    def run(text: str) -> object:
        # Lower-cased, the text names no one, so the quotation measure runs on it too.
        # The last paragraph as one sentence too: the rules that read a sentence's opening
        # (framing, contrast) see the family's run where it starts.
        # The last paragraph lower-cased names no day: the days rule looks for a time of its
        # own in all of it before it gives it its article's weekday.
        last = text[text.rfind("\n\n") + 2 :]
        texts = [text, text.lower(), last, last.lower()]
        facts = FactIndex([analyzer.fact_terms(t) for t in texts])
        cores = FactCores(texts, facts.key, stemmer.stem, [0] * len(texts))
        core = (
            cores.core(0),
            cores.core(1),
            cores.contradicts(0, 1, frozenset(facts.keys[1])),
            cores.readings(2),
            cores._days_agree(frozenset({"tue"}), 3),
        )
        digest = Digest((DigestSentence(text, text, "d", None, (), 1.0, None),), (Source("d", text, text, None),), ())
        return core, [render(digest, format) for format in ("markdown", "html", "text")]

    return run


def summarize_call(summarizer: Summarizer) -> Callable[[str], object]:
    """The whole pipeline on one document of the text, as the API runs it."""

    def run(text: str) -> object:
        try:
            return summarizer.summarize([Document(id="adversarial", text=text)], SummaryOptions())
        except SummarizerError as error:  # no prose left is an answer too
            return error

    return run


# ---------------------------------------------------------------- report


@dataclass(frozen=True)
class Row:
    family: str
    path: str
    seconds: tuple[float, ...]  # per size; math.inf: stopped at the timeout
    exponent: float | None


def measure(
    families: Sequence[Family], sizes: Sequence[int], repeats: int, timeout: float, summarizer: Summarizer
) -> list[Row]:
    rows = []
    paths: tuple[tuple[str, Callable[[str], object]], ...] = (
        ("clean_text", clean_text),
        ("summarize", summarize_call(summarizer)),
        ("sentence_rules", sentence_rules_call()),
    )
    for family in families:
        for path, call in paths:
            seconds: list[float] = []
            for size in sizes:
                if seconds and math.isinf(seconds[-1]):
                    seconds.append(math.inf)  # skipped: the smaller size already timed out
                    continue
                seconds.append(least_cpu_seconds(call, family.text(size), repeats, budget=timeout))
            points = [(n, t) for n, t in zip(sizes, seconds, strict=True) if math.isfinite(t) and t >= FIT_MIN_SECONDS]
            exponent = growth_exponent(points) if len(points) >= 2 else None
            rows.append(Row(family.name, path, tuple(seconds), exponent))
            print(_line(rows[-1], timeout), flush=True)
    return rows


def _line(row: Row, timeout: float) -> str:
    cells = " ".join(f"{_cell(t, timeout):>10}" for t in row.seconds)
    return f"{row.family:26} {row.path:10} {cells}  exponent {_exponent(row)}"


def _exponent(row: Row) -> str:
    if row.exponent is None:
        return "n/a"
    return f"{row.exponent:.2f}"


def report(rows: Sequence[Row], sizes: Sequence[int], repeats: int, timeout: float) -> str:
    head = " | ".join(f"{n // 1000} KB" for n in sizes)
    lines = [
        "# Adversarial input: time against size",
        "",
        "`python -m benchmarks.adversarial` (issue 11). CPU seconds, the least of "
        f"{repeats} run(s); `>` marks a run stopped at {timeout:g} CPU seconds. Exponent: slope "
        "of log(time) against log(size), 1 linear, 2 quadratic, fitted to the times of 1 ms and more "
        "(n/a: fewer than two).",
        "",
        f"| family | path | {head} | exponent |",
        "|---|---|" + "---:|" * len(sizes) + "---:|",
    ]
    for row in rows:
        cells = " | ".join(_cell(t, timeout) for t in row.seconds)
        lines.append(f"| {row.family} | {row.path} | {cells} | {_exponent(row)} |")
    worst = max((r for r in rows if r.exponent is not None), key=lambda r: r.exponent or 0.0, default=None)
    if worst is not None:
        lines += ["", f"Steepest growth: {worst.family} through {worst.path}, exponent {worst.exponent:.2f}."]
    lines += ["", "Machine: " + "; ".join(f"{k} {v}" for k, v in machine().items()), ""]
    return "\n".join(lines)


def _cell(t: float, timeout: float) -> str:
    return f"> {timeout:g} s" if math.isinf(t) else f"{t * 1000:.1f} ms"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated text sizes in characters")
    parser.add_argument("--families", help="comma-separated family names (default: all); see --list")
    parser.add_argument("--list", action="store_true", help="print the family names and exit")
    parser.add_argument(
        "--repeats", type=int, default=REPEATS, help=f"runs per size, the least kept (default {REPEATS})"
    )
    parser.add_argument(
        "--timeout", type=float, default=TIMEOUT, help=f"CPU seconds before a run is stopped (default {TIMEOUT:g})"
    )
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results"), help="results folder")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(f"{f.name:26} {f.unit!r}" for f in FAMILIES))
        return 0
    sizes = sorted(int(s) for s in args.sizes.split(","))
    families = FAMILIES
    if args.families:
        wanted = args.families.split(",")
        families = tuple(f for f in FAMILIES if f.name in wanted)
        unknown = set(wanted) - {f.name for f in families}
        if unknown:
            parser.error(f"unknown families: {', '.join(sorted(unknown))} (see --list)")
    rows = measure(families, sizes, args.repeats, args.timeout, Summarizer())
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "adversarial.md").write_text(report(rows, sizes, args.repeats, args.timeout))
    print(f"wrote {args.out / 'adversarial.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
