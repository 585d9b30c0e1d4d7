"""Scores -> the digest's sentences: MMR under a word budget, never the same fact twice.

Maximal Marginal Relevance (Carbonell & Goldstein 1998) picks, one at a time, the
sentence with the best ``lambda * relevance - (1 - lambda) * similarity to what is
already picked``. Four changes make it fit a multi-outlet digest:

- a hard redundancy bar: a sentence whose fact overlap with a picked one reaches
  ``redundancy_threshold`` is never picked, however relevant (MMR's soft penalty alone
  lets a paraphrase of the main fact back in when it scores high enough). Every
  sentence that ``facts.FactRule`` says states a picked sentence's fact is among them:
  its coverage reaches the bar, and the overlap is at least the coverage either way
  (the rule reads a framing opening's words aside and a contrast's two facts apart, the
  overlap reads the whole: the pipeline passes those pairs with ``disputes``);
- no self-contradiction: a sentence that tells a picked one's detail otherwise
  (``FactRule.disputing``, given as ``disputes``) is never picked;
- one telling of the main event: news is written as an inverted pyramid, so every
  article's lead sentence tells the main event, each with its own details, and two
  leads overlap less than two paraphrases do. Once a lead is picked, another
  article's lead counts as a repeat from ``lead_redundancy_threshold`` up;
- a sentence that leans on the one before it (``candidates.leaning_pairs``) is picked
  only once that one is, and is then printed right after it: the pair reads as one
  (issue 12 point 4), and it costs both sentences' words;
- budget filling: only sentences that still fit the remaining words compete, and the
  loop goes on while any does, so a 100-word budget is not left at 60 words when a
  shorter good sentence fits. The cap is never exceeded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

import numpy as np
from scipy import sparse

from .model import Sentence
from .options import SummaryOptions
from .redundancy import FactIndex

__all__ = ["PickBonus", "RedundancyBar", "select_sentences"]


class PickBonus(Protocol):
    """What a selection method adds to MMR's relevance (``coverage``: the concepts a
    sentence would newly state), kept up to date pick by pick."""

    def __call__(self, fits: np.ndarray) -> np.ndarray:
        """The bonus of each of the pool's sentences, given which of them fit."""
        ...

    def picked(self, best: int) -> None:
        """Record that the pool's sentence ``best`` is picked."""
        ...


def select_sentences(
    sentences: Sequence[Sentence],
    relevance: np.ndarray,
    vectors: sparse.csr_matrix,
    facts: FactIndex,
    eligible: np.ndarray,
    disputes: Mapping[int, np.ndarray],
    follows: Mapping[int, int],
    options: SummaryOptions,
    bonus: Callable[[np.ndarray, np.ndarray], PickBonus] | None = None,
) -> list[int]:
    """Indices of the picked sentences, in the order they were picked (best first).
    ``bonus``, given the pool's rows and their words, makes what each method adds to MMR's
    relevance; without it, plain MMR."""
    # Only eligible sentences compete, so every pairwise quantity is computed once, as
    # a small dense matrix over them, rather than as a sparse product per pick.
    pool = np.flatnonzero(eligible)
    if pool.size == 0:
        return []
    cosine = (vectors[pool] @ vectors[pool].T).toarray()
    bar = RedundancyBar(pool, sentences, facts, disputes, follows, options)
    extra = None if bonus is None else bonus(pool, bar.words)
    gain = relevance[pool]
    stated_keys = FactIndex.StatedKeys(facts, pool)
    max_similarity = np.zeros(pool.size)
    picked: list[int] = []
    budget = options.max_words
    most = options.max_sentences or pool.size
    while len(picked) < most:
        fits = bar.fits(budget)
        if not fits.any():
            break
        score = options.mmr_lambda * (gain if extra is None else gain + extra(fits))
        score -= (1.0 - options.mmr_lambda) * max_similarity
        best = int(np.argmax(np.where(fits, score, -np.inf)))  # argmax takes the lowest index among ties
        picked.append(int(pool[best]))
        budget -= int(bar.words[best])
        bar.close(best)
        if extra is not None:
            extra.picked(best)
        max_similarity = np.maximum(np.maximum(max_similarity, cosine[best]), stated_keys.add(int(pool[best])))
    return picked


class RedundancyBar:
    """Which of ``pool``'s sentences may still be picked beside those already picked:
    never one stating a picked fact, one telling a picked detail otherwise, or a second
    lead telling the main event; and one leaning on the sentence before it only once that
    one is picked. Every selection method asks it which sentences ``fit``."""

    def __init__(
        self,
        pool: np.ndarray,
        sentences: Sequence[Sentence],
        facts: FactIndex,
        disputes: Mapping[int, np.ndarray],
        follows: Mapping[int, int],
        options: SummaryOptions,
    ) -> None:
        self._overlap = facts.overlap_matrix(pool)
        self._leads = np.array([sentences[int(i)].position == 0 for i in pool])
        self._telling_otherwise = _disputing_pairs(pool, disputes)
        self._threshold = options.redundancy_threshold
        self._lead_threshold = options.lead_redundancy_threshold
        self.words = np.array([sentences[int(i)].words for i in pool])
        self._open = np.ones(pool.size, dtype=bool)
        position = {int(row): n for n, row in enumerate(pool)}
        self._waiting = np.zeros(pool.size, dtype=bool)  # for the sentence before it to be picked
        self._followers: dict[int, list[int]] = {}
        for row, before in follows.items():
            if (n := position.get(row)) is not None:
                self._waiting[n] = True
                if (m := position.get(before)) is not None:
                    self._followers.setdefault(m, []).append(n)

    def fits(self, budget: int) -> np.ndarray:
        """Which of the pool may be picked next, within ``budget`` words."""
        return self._open & ~self._waiting & (self.words <= budget)

    def close(self, best: int) -> None:
        """Record that ``pool[best]`` is picked: it, and what it makes a repeat, close."""
        self._open[best] = False
        self._waiting[self._followers.get(best, [])] = False
        self._open &= (self._overlap[best] < self._threshold) & ~self._telling_otherwise[best]
        if self._leads[best]:
            self._open &= ~self._leads | (self._overlap[best] < self._lead_threshold)


def _disputing_pairs(pool: np.ndarray, disputes: Mapping[int, np.ndarray]) -> np.ndarray:
    """Which pairs of ``pool`` tell a detail differently, either way round: a digest
    never prints both."""
    position = {int(row): n for n, row in enumerate(pool)}
    pairs = np.zeros((pool.size, pool.size), dtype=bool)
    for n, row in enumerate(pool):
        for other in disputes.get(int(row), ()):
            if (m := position.get(int(other))) is not None:
                pairs[n, m] = pairs[m, n] = True
    return pairs
