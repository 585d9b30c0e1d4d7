"""Who else reports each digest sentence's fact.

A digest sentence is cited to the outlet it is quoted from. ``also_reported_by`` names
the other outlets with a sentence that states most of the same fact: one covering at
least ``redundancy_threshold`` of the digest sentence's key weight (``FactIndex``).
Coverage, not overlap, is used here: an outlet that reports only a detail of the
sentence is not credited with all of it. Outlets whose article is a verbatim copy of
the quoted one (wire copy) always count.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import CleanArticle, Sentence
from .redundancy import FactIndex

__all__ = ["corroboration", "reporting_articles"]


def reporting_articles(
    row: int,
    sentences: Sequence[Sentence],
    articles: Sequence[CleanArticle],
    facts: FactIndex,
    threshold: float,
) -> list[int]:
    """Indices of the other articles stating sentence ``row``'s fact, in input order."""
    own = sentences[row].article_index
    coverage = facts.coverage(row)
    reporting = {
        sentences[j].article_index
        for j in range(len(sentences))
        if coverage[j] >= threshold and sentences[j].article_index != own
    }
    return sorted(reporting)


def corroboration(
    rows: Sequence[int],
    sentences: Sequence[Sentence],
    articles: Sequence[CleanArticle],
    facts: FactIndex,
    threshold: float,
) -> dict[int, float]:
    """For each row, the share of the other articles (and their wire copies) that state
    its fact: 1.0 when every other outlet reports it. Multi-document summarizers since
    MEAD (Radev et al. 2004) rank a fact by how many sources carry it."""
    carriers = [1 + len(a.copies) for a in articles]
    total = sum(carriers)
    support: dict[int, float] = {}
    for row in rows:
        own = sentences[row].article_index
        others = sum(carriers[i] for i in reporting_articles(row, sentences, articles, facts, threshold))
        possible = total - 1
        support[row] = (others + carriers[own] - 1) / possible if possible else 0.0
    return support
