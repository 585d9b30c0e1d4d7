"""Scores -> the digest's sentences: the most of the cluster's concepts the word budget holds.

Coverage-based selection (issue 17) after Gillick & Favre (2009, "A scalable global model
for summarization") and Lin & Bilmes (2011, "A class of submodular functions for document
summarization"): a summary is good when it states the concepts many articles carry. The
objective is

    f(S) = sum over concepts c stated by S of w(c)  +  relevance_weight * sum over s in S of relevance(s)

a weighted coverage (monotone submodular) plus a modular term that keeps ranking's
judgement of each sentence (centrality, position, corroboration, the query). It is
maximised greedily by gain per word, ``gain / words ** cost_exponent`` (Lin & Bilmes'
budgeted greedy; Khuller, Moss & Naor 1999), under the same hard redundancy bar as MMR
(``selection.RedundancyBar``: never a fact twice, never a detail told two ways, one
lead for the main event). The greedy is deterministic (ties go to the earlier sentence)
and needs no solver, so it has no time limit to hit.

Concepts are content bigrams: two consecutive content stems ("strateg partnership",
"asian game"), as in Gillick & Favre, where they beat unigrams. A concept's weight is
how many outlets carry it (articles and their wire copies, counted once each) times its
ranking mass (the summed relevance of the candidate sentences stating it). A concept only
one outlet carries weighs nothing when several outlets report: when outlets agree on an
event, the digest stays on what they agree on, not on one article's side topic (issue 17
point 4).

The loop goes on while any open sentence still fits the remaining words: a shorter good
sentence takes the words a longer one leaves (issue 17 point 2). The cap is never exceeded.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from scipy import sparse

from .model import CleanArticle, Sentence
from .options import SummaryOptions
from .redundancy import FactIndex
from .selection import select_sentences

__all__ = ["Concepts", "cluster_concepts", "content_bigrams", "select_by_coverage"]

# A concept fewer outlets carry weighs nothing, when the cluster has at least this many outlets.
MIN_CONCEPT_OUTLETS = 2


@dataclass(frozen=True)
class Concepts:
    """Which concepts each sentence states, and how many outlets carry each."""

    incidence: sparse.csr_matrix  # sentences x concepts, 1 where the sentence states the concept
    outlets: np.ndarray  # per concept: the outlets (articles and their wire copies) carrying it
    total_outlets: int


def content_bigrams(
    term_lists: Sequence[Sequence[str]], sentences: Sequence[Sentence], articles: Sequence[CleanArticle]
) -> Concepts:
    """Each sentence's consecutive pairs of content terms, and how many outlets carry each
    pair in any of their sentences."""
    return cluster_concepts([list(pairwise(terms)) for terms in term_lists], sentences, articles)


def cluster_concepts(
    concept_lists: Sequence[Sequence[Hashable]], sentences: Sequence[Sentence], articles: Sequence[CleanArticle]
) -> Concepts:
    """The incidence of each sentence's concepts, and how many outlets carry each concept."""
    columns: dict[Hashable, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for row, found in enumerate(concept_lists):
        for column in {columns.setdefault(concept, len(columns)) for concept in found}:
            rows.append(row)
            cols.append(column)
    shape = (len(concept_lists), max(len(columns), 1))
    incidence = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
    # Concept x article incidence (0/1), then weighted by each article's carriers.
    article_of = np.array([s.article_index for s in sentences], dtype=int)
    by_article = sparse.csr_matrix(
        (np.ones(len(article_of)), (np.arange(len(article_of)), article_of)), shape=(len(sentences), len(articles))
    )
    in_article = (incidence.T @ by_article) > 0
    carriers = np.array([1 + len(a.copies) for a in articles], dtype=float)
    outlets = np.asarray(in_article @ carriers).ravel()
    return Concepts(incidence, outlets, int(carriers.sum()))


def concept_weights(concepts: Concepts, relevance: np.ndarray, pool: np.ndarray) -> np.ndarray:
    """Each concept's weight: outlets carrying it times the relevance of the candidates
    stating it; nothing for a concept fewer than ``MIN_CONCEPT_OUTLETS`` outlets carry."""
    mass = np.asarray(concepts.incidence[pool].T @ relevance[pool]).ravel()
    weights = concepts.outlets * mass
    if concepts.total_outlets >= MIN_CONCEPT_OUTLETS:
        weights[concepts.outlets < MIN_CONCEPT_OUTLETS] = 0.0
    return np.asarray(weights)


def select_by_coverage(
    sentences: Sequence[Sentence],
    relevance: np.ndarray,
    vectors: sparse.csr_matrix,
    concepts: Concepts,
    facts: FactIndex,
    eligible: np.ndarray,
    disputes: Mapping[int, np.ndarray],
    follows: Mapping[int, int],
    options: SummaryOptions,
) -> list[int]:
    """Indices of the picked sentences, in the order they were picked (best first): MMR
    (``selection.select_sentences``) with the concepts a sentence newly states as a bonus."""

    def bonus(pool: np.ndarray, words: np.ndarray) -> _ConceptBonus:
        return _ConceptBonus(concepts, relevance, pool, words, options)

    return select_sentences(sentences, relevance, vectors, facts, eligible, disputes, follows, options, bonus)


class _ConceptBonus:
    """The weight of the concepts each of the pool's sentences would newly state, per
    word (``cost_exponent``), the best of those that fit 1, times ``coverage_weight``."""

    def __init__(
        self, concepts: Concepts, relevance: np.ndarray, pool: np.ndarray, words: np.ndarray, options: SummaryOptions
    ) -> None:
        self._states = sparse.csr_matrix(concepts.incidence[pool])
        self._uncovered = concept_weights(concepts, relevance, pool)
        self._cost = np.power(np.maximum(words, 1), options.coverage_cost_exponent)
        self._weight = options.coverage_weight

    def __call__(self, fits: np.ndarray) -> np.ndarray:
        return self._weight * _best_one(np.asarray(self._states @ self._uncovered).ravel() / self._cost, fits)

    def picked(self, best: int) -> None:
        self._uncovered[self._states.indices[self._states.indptr[best] : self._states.indptr[best + 1]]] = 0.0


def _best_one(values: np.ndarray, fits: np.ndarray) -> np.ndarray:
    """``values`` scaled so the best of those that fit is 1 (unchanged when none is above 0)."""
    top = float(values[fits].max())
    return values / top if top > 0 else values
