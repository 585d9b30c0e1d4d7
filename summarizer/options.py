"""Summary options: declared once, as data, and validated once at the boundary.

``SummaryOptions`` holds every knob with its documented default. Adapters (the CLI,
the HTTP API) build it with ``SummaryOptions.from_mapping`` from user input; the
pipeline trusts it afterwards and never re-checks. ``require_int`` and ``require_float``
are the checks every options object runs on construction (``stories.StoryOptions`` too).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, Literal, get_args

from .errors import OptionsError

__all__ = [
    "ORDERS",
    "PUBLIC_OPTIONS",
    "SELECTIONS",
    "Order",
    "Selection",
    "SummaryOptions",
    "require_float",
    "require_int",
]

Order = Literal["narrative", "rank", "chronological", "source"]
ORDERS: tuple[str, ...] = get_args(Order)
Selection = Literal["coverage", "mmr"]
SELECTIONS: tuple[str, ...] = get_args(Selection)

# Options a request body (or CLI flag) may set; the rest are tuning parameters that
# only library callers change.
PUBLIC_OPTIONS = ("max_words", "max_sentences", "order", "query")
MAX_QUERY_CHARS = 2000


@dataclass(frozen=True)
class SummaryOptions:
    """What to produce, and the ranking's tuning parameters.

    query: optional subject to focus the digest on (a question, a topic title and
        description); ``None`` for a generic digest.
    max_words: hard cap on the digest's words (whitespace-separated tokens).
    max_sentences: optional cap on the digest's sentences; ``None`` (the default): the
        word budget alone decides how many sentences fit.
    order: ``narrative`` (main fact first, then the rest in story order), ``rank``
        (best first), ``chronological`` (by publication time, then position in the
        article) or ``source`` (grouped by article, in input order).
    min_sentence_words / max_sentence_words: candidate sentences outside this range
        are not selected (fragments and run-ons read badly in a digest).
    graph_neighbors: each sentence keeps edges to its k most similar sentences only,
        so the graph stays sparse (O(n k) edges instead of O(n^2)).
    damping: PageRank's damping factor (Brin & Page 1998; 0.85 as in TextRank).
    position_weight: how strongly the PageRank teleport vector favours sentences near
        the top of their article (news is written lead-first).
    support_weight: how much a fact's corroboration by other outlets adds to its
        relevance (relevance x (1 + support_weight x share of other outlets stating it)).
    candidate_pool: only this many of the best-ranked readable sentences compete in
        selection; it bounds selection's cost on large clusters.
    query_weight: with a query of 8 or more content terms, the share of MMR's relevance
        that similarity to it decides (shorter queries get more: ``pipeline._query_share``).
    selection: ``coverage`` (MMR whose relevance is raised by the weight of the concepts
        many outlets carry that a sentence adds, ``coverage``) or ``mmr`` (Maximal
        Marginal Relevance alone, ``selection``); both under the same redundancy bar.
    coverage_weight: with ``coverage``, how much a sentence's new concepts add to its
        relevance (the best sentence's addition is this much, beside relevance up to 1).
    coverage_cost_exponent: a sentence's new concept weight is taken per ``words ** this``
        (1: per word; 0: per sentence, ignoring length; Lin & Bilmes 2010 use 0.3).
    mmr_lambda: MMR's trade-off between relevance and novelty (Carbonell & Goldstein 1998).
    redundancy_threshold: two sentences whose content words overlap at least this much
        (IDF-weighted overlap coefficient) state the same fact; one is never selected
        beside the other, and the other's outlet is cited in ``also_reported_by``.
    lead_redundancy_threshold: the stricter bar for articles' lead sentences, which all
        tell the main event: once one is picked, another lead overlapping it this much
        is a repeat.
    max_document_chars: longer documents are cut at a paragraph boundary, with a
        warning, so one huge input cannot stall the service.
    """

    max_words: int = 150
    max_sentences: int | None = None
    order: Order = "narrative"
    query: str | None = None
    min_sentence_words: int = 6
    max_sentence_words: int = 60
    graph_neighbors: int = 10
    damping: float = 0.85
    position_weight: float = 0.5
    support_weight: float = 1.0
    candidate_pool: int = 300
    query_weight: float = 0.2
    selection: Selection = "mmr"
    coverage_weight: float = 0.15
    coverage_cost_exponent: float = 0.3
    mmr_lambda: float = 0.8
    redundancy_threshold: float = 0.5
    lead_redundancy_threshold: float = 0.25
    max_document_chars: int = 500_000

    def __post_init__(self) -> None:
        require_int("max_words", self.max_words, 1, 5000)
        if self.max_sentences is not None:
            require_int("max_sentences", self.max_sentences, 1, 200)
        if self.order not in ORDERS:
            raise OptionsError(f"order must be one of {', '.join(ORDERS)}, not {self.order!r}")
        if self.query is not None and (not isinstance(self.query, str) or len(self.query) > MAX_QUERY_CHARS):
            raise OptionsError(f"query must be a string of at most {MAX_QUERY_CHARS} characters")
        require_int("min_sentence_words", self.min_sentence_words, 1, 100)
        require_int("max_sentence_words", self.max_sentence_words, self.min_sentence_words, 1000)
        require_int("graph_neighbors", self.graph_neighbors, 1, 1000)
        require_float("damping", self.damping, 0.0, 0.99)
        require_float("position_weight", self.position_weight, 0.0, 10.0)
        require_float("support_weight", self.support_weight, 0.0, 10.0)
        require_int("candidate_pool", self.candidate_pool, 1, 100_000)
        require_float("query_weight", self.query_weight, 0.0, 1.0)
        if self.selection not in SELECTIONS:
            raise OptionsError(f"selection must be one of {', '.join(SELECTIONS)}, not {self.selection!r}")
        require_float("coverage_cost_exponent", self.coverage_cost_exponent, 0.0, 2.0)
        require_float("coverage_weight", self.coverage_weight, 0.0, 10.0)
        require_float("mmr_lambda", self.mmr_lambda, 0.0, 1.0)
        require_float("redundancy_threshold", self.redundancy_threshold, 0.05, 1.0)
        require_float("lead_redundancy_threshold", self.lead_redundancy_threshold, 0.05, 1.0)
        require_int("max_document_chars", self.max_document_chars, 1000, 50_000_000)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], *, allowed: tuple[str, ...] | None = None) -> SummaryOptions:
        """Options from user input, rejecting unknown names (a typo must not pass silently)."""
        known = allowed if allowed is not None else tuple(f.name for f in fields(cls))
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise OptionsError(f"unknown option {unknown[0]!r}; expected one of {', '.join(known)}")
        return cls(**dict(values))


def require_int(name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise OptionsError(f"{name} must be an integer, not {value!r}")
    if not low <= value <= high:
        raise OptionsError(f"{name} must be between {low} and {high}, not {value}")


def require_float(name: str, value: object, low: float, high: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise OptionsError(f"{name} must be a number, not {value!r}")
    if not low <= value <= high:
        raise OptionsError(f"{name} must be between {low} and {high}, not {value}")
