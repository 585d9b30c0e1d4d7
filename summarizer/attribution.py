"""Who else reports each digest sentence's fact.

A digest sentence is cited to the outlet it is quoted from. ``also_reported_by`` names
the other outlets with a sentence that states the same fact: one covering at least
``redundancy_threshold`` of the digest sentence's key weight (``FactIndex``) whose core
agrees with it (``facts``: the same names, numbers and polarity). That sentence is the
credit's evidence, shown beside it.
Coverage, not overlap, is used here: an outlet that reports only a detail of the
sentence is not credited with all of it. Outlets whose article is a verbatim copy of
the quoted one (wire copy) always count.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .facts import MIN_REVERSE_COVERAGE, MIN_SHARED_KEYS, FactCores
from .model import CleanArticle, Sentence
from .redundancy import FactIndex

__all__ = ["corroboration", "reporting_articles"]


def reporting_articles(
    rows: Sequence[int],
    sentences: Sequence[Sentence],
    facts: FactIndex,
    cores: FactCores | None,
    threshold: float,
) -> list[list[tuple[int, int]]]:
    """For each row, the other articles stating its fact, in input order, each as
    (article index, its sentence covering most of the fact; the first among equals).
    Without ``cores``, coverage alone decides (what ranking's ``corroboration`` counts)."""
    if not rows:
        return []
    article_of = np.array([s.article_index for s in sentences])
    coverage = facts.coverage(rows)
    stating = coverage >= threshold
    if cores is not None:
        counts, reverse = facts.shared(rows)
        stating &= (counts >= MIN_SHARED_KEYS) & (reverse >= MIN_REVERSE_COVERAGE)
    reporting: list[list[tuple[int, int]]] = []
    for n, row in enumerate(rows):
        candidates = np.flatnonzero(stating[n] & (article_of != sentences[row].article_index))
        # Best first within each article: most coverage, then the earlier sentence.
        candidates = candidates[np.lexsort((candidates, -coverage[n, candidates], article_of[candidates]))]
        if candidates.size == 0:
            reporting.append([])
            continue
        articles, starts = np.unique(article_of[candidates], return_index=True)
        groups = np.split(candidates, starts[1:])
        if cores is None:
            reporting.append([(int(a), int(group[0])) for a, group in zip(articles, groups, strict=True)])
            continue
        reporting.append(
            [
                (int(article), other)
                for article, group in zip(articles, groups, strict=True)
                if (other := _first_agreeing(cores, row, group, facts)) is not None
            ]
        )
    return reporting


def _first_agreeing(cores: FactCores, row: int, candidates: np.ndarray, facts: FactIndex) -> int | None:
    for other in (int(i) for i in candidates):
        if cores.agree(row, other, frozenset(facts.keys[other])):
            return other
    return None


def corroboration(
    rows: Sequence[int],
    sentences: Sequence[Sentence],
    articles: Sequence[CleanArticle],
    facts: FactIndex,
    threshold: float,
) -> dict[int, float]:
    """For each row, the share of the other articles (and their wire copies) that state
    its fact: 1.0 when every other outlet reports it. Multi-document summarizers since
    MEAD (Radev et al. 2004) rank a fact by how many sources carry it.

    Ranking still counts by coverage alone, not by the stricter credit rule: a digest's
    sentences, and so its ROUGE, stay as they were until the same-fact rule also
    decides redundancy (issue 12); only what the digest claims to readers changed."""
    carriers = np.array([1 + len(a.copies) for a in articles])
    possible = int(carriers.sum()) - 1
    support: dict[int, float] = {}
    for row, reporters in zip(rows, reporting_articles(rows, sentences, facts, None, threshold), strict=True):
        own = sentences[row].article_index
        others = int(carriers[[article for article, _ in reporters]].sum())
        support[row] = (others + int(carriers[own]) - 1) / possible if possible else 0.0
    return support
