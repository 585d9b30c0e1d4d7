"""Checks on a digest that several test modules make."""

from __future__ import annotations

import itertools

from summarizer import Digest
from summarizer.terms import TermAnalyzer


def content_overlap(a: str, b: str) -> float:
    """Share of the shorter sentence's content words (stems) the other one also has."""
    analyzer = TermAnalyzer()
    first, second = set(analyzer.terms(a)), set(analyzer.terms(b))
    return len(first & second) / min(len(first), len(second))


def assert_no_repeated_fact(digest: Digest) -> None:
    """No two sentences share most of their content words."""
    for x, y in itertools.combinations(digest.summary, 2):
        assert content_overlap(x.text, y.text) < 0.5, (x.text, y.text)


def assert_no_clutter(digest: Digest, clutter: tuple[str, ...]) -> None:
    text = " ".join(s.text for s in digest.summary)
    for fragment in clutter:
        assert fragment not in text
