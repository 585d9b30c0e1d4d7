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

from .facts import FactCores
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
    counts, reverse = facts.shared(rows)
    reporting = []
    for n, (row, coverage) in enumerate(zip(rows, facts.coverage(rows), strict=True)):
        best: dict[int, int] = {}
        for other in (int(i) for i in np.flatnonzero(coverage >= threshold)):
            article = sentences[other].article_index
            if article == sentences[row].article_index:
                continue
            if cores is not None and not cores.agree(
                cores.cores[row], other, frozenset(facts.keys[other]), int(counts[n, other]), float(reverse[n, other])
            ):
                continue
            if article not in best or coverage[other] > coverage[best[article]]:
                best[article] = other
        reporting.append(sorted(best.items()))
    return reporting


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
