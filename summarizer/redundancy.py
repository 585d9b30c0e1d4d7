"""Sentences -> fact keys, and how much two sentences state the same fact.

Outlets report one fact in different words: "al-Assad" / "Assad", "Syrian" / "Syria",
"met" / "held talks". TF-IDF cosine misses most of these, so a digest built on it
repeats the main fact once per outlet. Fact keys normalise the words first:

- stems, with stop words and honorifics removed (``terms``), and the Arabic article
  split off by the tokenizer ("al-Assad" -> "assad");
- demonyms folded onto their place when the place occurs in the cluster
  ("syrian" -> "syria", "chinese" -> "china", "iraqi" -> "iraq"): learned from the
  cluster's own vocabulary, not from a table;
- a few classes of news paraphrase ("met", "talks", "meeting" -> one key).

Two sentences share a fact to the degree their keys overlap: the overlap coefficient
(shared over the smaller sentence's keys) treats a sentence whose content is contained
in another as the same fact. It is taken both plain and with each key weighted by a
damped IDF (rare shared words count more than the event's ubiquitous names), and the
larger of the two counts.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

__all__ = ["FactIndex"]

# Words one stem apart that news writers use interchangeably for one fact.
PARAPHRASE_CLASSES: tuple[frozenset[str], ...] = (
    frozenset({"meet", "met", "meetings", "talk", "talks", "summit", "hold", "held"}),
    frozenset({"announc", "unveil", "declar", "proclaim"}),
    frozenset({"kill", "die", "dead", "death", "fatal"}),
    frozenset({"injur", "wound", "hurt"}),
    frozenset({"arrest", "detain", "custodi"}),
    frozenset({"rescu", "pull", "evacu", "save"}),
    frozenset({"visit", "trip", "tour"}),
    frozenset({"pledg", "promis", "vow"}),
    frozenset({"establish", "creat", "form", "set", "launch"}),
    frozenset({"partner", "partnership", "allianc", "tie"}),
    frozenset({"presid", "leader", "head", "counterpart"}),
    frozenset({"countri", "nation"}),
    frozenset({"ralli", "protest", "demonstr", "march"}),
    frozenset({"rebuild", "reconstruct"}),
)
PARAPHRASE_KEY = {stem: min(group) for group in PARAPHRASE_CLASSES for stem in group}

# Plain overlap counts only this much above the weighted one's bar: sentences of one
# event share its common words without stating one fact.
PLAIN_OVERLAP_DISCOUNT = 0.1

# Demonym endings of Snowball stems and how to undo them: "syrian" -> "syria",
# "chines" (Chinese) -> "china", "japanes" -> "japan".
DEMONYM_RULES: tuple[tuple[str, str], ...] = (
    ("es", "a"),
    ("es", ""),
    ("ian", "ia"),
    ("ian", ""),
    ("an", "a"),
    ("an", ""),
    ("n", ""),
    ("i", ""),
)
DEMONYM_ENDINGS = tuple({ending for ending, _ in DEMONYM_RULES})


class FactIndex:
    """Fact keys of every sentence of a cluster, as a weighted incidence matrix."""

    def __init__(self, term_lists: Sequence[Sequence[str]]) -> None:
        vocabulary = {term for terms in term_lists for term in terms}
        key_of = {term: _fact_key(term, vocabulary) for term in vocabulary}
        self._vocabulary, self._key_of = vocabulary, key_of
        keys = [sorted({key_of[t] for t in terms}) for terms in term_lists]
        columns: dict[str, int] = {}
        rows, cols = [], []
        for row, sentence_keys in enumerate(keys):
            for key in sentence_keys:
                rows.append(row)
                cols.append(columns.setdefault(key, len(columns)))
        self._columns = columns
        n = len(term_lists)
        incidence = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, max(len(columns), 1)))
        document_frequency = np.asarray(incidence.sum(axis=0)).ravel()
        # Damped IDF: log(1 + n/df) keeps ubiquitous names above zero.
        self._weights = np.log1p(n / np.maximum(document_frequency, 1.0))
        # The incidence's structure with each key's weight: a product of the two is then
        # the same whichever side is weighted (``coverage_both_ways``).
        self._weighted = sparse.csr_matrix(
            (incidence.data * self._weights[incidence.indices], incidence.indices, incidence.indptr), incidence.shape
        )
        self._incidence = incidence
        self._sizes = np.asarray(self._weighted.sum(axis=1)).ravel()
        self._key_counts = np.asarray(incidence.sum(axis=1)).ravel()
        self.keys = tuple(tuple(k) for k in keys)

    def overlap_matrix(self, rows: Sequence[int] | np.ndarray) -> np.ndarray:
        """How much each pair of ``rows`` states the same fact, as a dense square array:
        the larger of the IDF-weighted and the plain overlap coefficient (1 when one
        sentence's keys are contained in the other's). The weighted one catches
        paraphrases that share the rare words; the plain one catches restatements made
        of the event's common words ("the truck driver remains in critical condition"),
        which IDF discounts."""
        rows = list(rows)
        incidence = self._incidence[rows]
        weighted = np.asarray((self._weighted[rows] @ incidence.T).todense())
        plain = np.asarray((incidence @ incidence.T).todense())
        sizes, counts = self._sizes[rows], self._key_counts[rows]
        weighted_smaller = np.minimum(sizes[:, np.newaxis], sizes[np.newaxis, :])
        plain_smaller = np.minimum(counts[:, np.newaxis], counts[np.newaxis, :])
        weighted = np.divide(weighted, weighted_smaller, out=np.zeros_like(weighted), where=weighted_smaller > 0)
        plain = np.divide(plain, plain_smaller, out=np.zeros_like(plain), where=plain_smaller > 0)
        return np.asarray(np.maximum(weighted, plain - PLAIN_OVERLAP_DISCOUNT))

    class StatedKeys:
        """The keys a growing selection states, and the share of each candidate's key
        weight they cover; updated pick by pick without rebuilding any matrix."""

        def __init__(self, index: FactIndex, candidates: np.ndarray) -> None:
            self._index = index
            self._weighted = index._weighted[candidates]
            self._sizes = index._sizes[candidates]
            self._stated = np.zeros(index._weighted.shape[1])

        def add(self, row: int) -> np.ndarray:
            incidence = self._index._incidence
            self._stated[incidence.indices[incidence.indptr[row] : incidence.indptr[row + 1]]] = 1.0
            shared = self._weighted @ self._stated
            return np.asarray(np.divide(shared, self._sizes, out=np.zeros_like(self._sizes), where=self._sizes > 0))

    def key(self, term: str) -> str:
        """The fact key of ``term`` in this cluster (demonyms folded, paraphrases merged)."""
        return self._key_of.get(term) or _fact_key(term, self._vocabulary)

    def shared_counts(self, rows: Sequence[int]) -> np.ndarray:
        """For each of ``rows`` and each sentence: how many keys they share."""
        return np.asarray((self._incidence[list(rows)] @ self._incidence.T).todense())

    def coverage_both_ways(self, rows: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """For each of ``rows`` and each sentence, from one sparse product: the share of the
        row's key weight that the sentence also states (coverage), and the share of the
        sentence's own key weight those keys carry (coverage seen from the other side)."""
        rows = list(rows)
        weight = self._shared_weight(rows)
        return self._forward(weight, rows), self._reverse(weight)

    def coverage_without(self, row: int, aside: frozenset[str]) -> np.ndarray:
        """For each sentence, the share of ``row``'s key weight it also states, the keys
        ``aside`` left out of both."""
        kept = [self._columns[k] for k in self.keys[row] if k not in aside]
        weight = np.zeros(self._weighted.shape[1])
        weight[kept] = self._weights[kept]
        total = weight.sum()
        shared = np.asarray(self._incidence @ weight).ravel()
        return shared / total if total > 0 else np.zeros_like(shared)

    def _shared_weight(self, rows: list[int]) -> np.ndarray:
        """The weight of the keys each of ``rows`` shares with each sentence."""
        return np.asarray((self._weighted[rows] @ self._incidence.T).todense())

    def _forward(self, weight: np.ndarray, rows: list[int]) -> np.ndarray:
        return _per_size(weight, self._sizes[rows][:, np.newaxis])

    def _reverse(self, weight: np.ndarray) -> np.ndarray:
        return _per_size(weight, self._sizes[np.newaxis, :])


def _per_size(weight: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """``weight`` divided by ``sizes`` (broadcast); 0 for a sentence without keys, whose
    shared weight is 0 too (so 0 / 1 rather than a masked division)."""
    return np.asarray(weight / np.where(sizes > 0, sizes, 1.0))


def _fact_key(term: str, vocabulary: set[str]) -> str:
    term = _demonym_place(term, vocabulary)
    return PARAPHRASE_KEY.get(term, term)


def _demonym_place(term: str, vocabulary: set[str]) -> str:
    if not term.endswith(DEMONYM_ENDINGS):  # most terms: one C call instead of eight
        return term
    for ending, replacement in DEMONYM_RULES:
        if term.endswith(ending):
            place = term[: -len(ending)] + replacement
            if len(place) >= 4 and place in vocabulary:
                return place
    return term
