"""Who else reports each digest sentence's fact, and who tells it otherwise.

A digest sentence is cited to the outlet it is quoted from. ``also_reported_by`` names
the other outlets with a sentence that states the same fact (``facts.FactRule.stating``:
enough of the fact's key weight, and a core that agrees: the same names, numbers, days,
places and polarity). That sentence is the credit's evidence, shown beside it.
``disputed_by`` names the outlets with a sentence that tells one of its details
otherwise (``FactRule.disputing``), with that sentence as evidence.
Outlets whose article is a verbatim copy of the quoted one (wire copy) always count.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .facts import FactRule
from .model import CleanArticle, Sentence

__all__ = ["by_article", "corroboration"]


def by_article(
    found: Sequence[np.ndarray], rows: Sequence[int], sentences: Sequence[Sentence]
) -> list[list[tuple[int, int]]]:
    """For each row, the other articles among its ``found`` sentences (best first, as
    ``FactRule`` gives them), in input order, each as (article index, its best sentence)."""
    grouped = []
    for row, others in zip(rows, found, strict=True):
        best: dict[int, int] = {}
        for other in (int(i) for i in others):
            article = sentences[other].article_index
            if article != sentences[row].article_index:
                best.setdefault(article, other)
        grouped.append(sorted(best.items()))
    return grouped


def corroboration(
    rows: Sequence[int],
    sentences: Sequence[Sentence],
    articles: Sequence[CleanArticle],
    rule: FactRule,
) -> dict[int, float]:
    """For each row, the share of the other articles (and their wire copies) that state
    its fact: 1.0 when every other outlet reports it. Multi-document summarizers since
    MEAD (Radev et al. 2004) rank a fact by how many sources carry it.

    Ranking counts by coverage alone (``FactRule.covering``), not by the stricter credit
    rule: it is a centrality signal, not a claim made to readers."""
    carriers = np.array([1 + len(a.copies) for a in articles])
    possible = int(carriers.sum()) - 1
    support: dict[int, float] = {}
    for row, reporters in zip(rows, by_article(rule.covering(rows), rows, sentences), strict=True):
        own = sentences[row].article_index
        others = int(carriers[[article for article, _ in reporters]].sum())
        support[row] = (others + int(carriers[own]) - 1) / possible if possible else 0.0
    return support
