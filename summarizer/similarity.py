"""Texts -> TF-IDF vectors -> each text's nearest neighbours -> a sparse similarity graph.

Ranking builds the graph over a cluster's sentences (``ranking.textrank`` runs PageRank
on it); stories build it over a day's articles. A complete graph has n^2 edges: at
7,000 sentences networkx needs 88 s for it. Each text keeps only its ``k`` most similar
neighbours instead, so the graph has at most ``2 n k`` edges. Up to a few thousand
texts every pair is scored; above, only pairs that share a distinctive term, so the
cost stays near linear.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

__all__ = ["Edges", "edge_graph", "exact_top_k", "nearest_edges", "similarity_graph", "tfidf_vectors"]

# Rows of the similarity product computed at once, as a dense block: bounds its
# memory to 512 x n doubles (80 MB at 20,000 texts).
SIMILARITY_BLOCK_ROWS = 512
# Cosines below this are rounding noise, not shared words.
MIN_EDGE_WEIGHT = 1e-9
# Up to this many texts the graph scores every pair (0.1 s at 3,000 sentences); above,
# only pairs sharing a distinctive term (see _candidate_top_k), so the cost stays near linear.
EXACT_GRAPH_MAX_TEXTS = 4_000
CANDIDATE_TERM_MAX_TEXTS = 100
# Chosen candidate pairs whose full cosine is computed at once.
PAIR_BLOCK = 8_192


def tfidf_vectors(term_lists: Sequence[Sequence[str]]) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows, one per text (a sentence, or a whole article); sublinear
    tf damps repeated words.

    IDF is learned from the texts themselves: a word every outlet uses for this event
    says little about which sentence matters.
    """
    if not any(term_lists):
        return sparse.csr_matrix((len(term_lists), 0))
    # The vocabulary in scikit-learn's own (sorted) column order, given up front: learning
    # it, scikit-learn re-maps every term through numpy scalars, a tenth of a 25-article call.
    vocabulary = {term: column for column, term in enumerate(sorted({t for terms in term_lists for t in terms}))}
    vectorizer = TfidfVectorizer(
        analyzer=_identity, vocabulary=vocabulary, sublinear_tf=True, norm="l2", dtype=np.float64
    )
    return sparse.csr_matrix(vectorizer.fit_transform(term_lists))


def _identity(terms: Sequence[str]) -> Sequence[str]:
    return terms


def similarity_graph(
    vectors: sparse.csr_matrix, neighbors: int, exact_max: int = EXACT_GRAPH_MAX_TEXTS
) -> sparse.csr_matrix:
    """Symmetric cosine-similarity matrix keeping each row's ``neighbors`` strongest edges.

    An edge survives if either end chose it. Among equal weights the lower column wins,
    so the graph (and every score after it) is deterministic. Up to ``exact_max``
    texts every pair is scored; above, only the candidate pairs of ``_candidate_top_k``.
    """
    return edge_graph(nearest_edges(vectors, neighbors, exact_max), vectors.shape[0])


def edge_graph(edges: Edges, n: int) -> sparse.csr_matrix:
    """The symmetric graph over ``n`` texts of the directed ``edges``: an edge survives if either end chose it."""
    rows, cols, weights = edges
    if not rows.size:
        return sparse.csr_matrix((n, n))
    chosen_graph = sparse.csr_matrix((weights, (rows, cols)), shape=(n, n))
    return sparse.csr_matrix(chosen_graph.maximum(chosen_graph.T))


Edges = tuple[np.ndarray, np.ndarray, np.ndarray]  # rows, columns, cosines


def nearest_edges(vectors: sparse.csr_matrix, neighbors: int, exact_max: int = EXACT_GRAPH_MAX_TEXTS) -> Edges:
    """Each row's ``neighbors`` most similar rows, as directed edges: among every pair up
    to ``exact_max`` texts, among the candidate pairs of ``_candidate_top_k`` above."""
    return (exact_top_k if vectors.shape[0] <= exact_max else _candidate_top_k)(vectors, neighbors)


def exact_top_k(vectors: sparse.csr_matrix | np.ndarray, neighbors: int) -> Edges:
    """Each row's top edges among all pairs, scored block by block: quadratic time.
    The rows are unit vectors, sparse or dense."""
    n = vectors.shape[0]
    transposed = vectors.T.tocsc() if isinstance(vectors, sparse.spmatrix | sparse.sparray) else vectors.T
    rows: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    cols: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    vals: list[np.ndarray] = [np.zeros(0)]
    for start in range(0, n, SIMILARITY_BLOCK_ROWS):
        product = vectors[start : start + SIMILARITY_BLOCK_ROWS] @ transposed
        block = product.toarray() if sparse.issparse(product) else np.array(product)
        block[np.arange(block.shape[0]), np.arange(start, start + block.shape[0])] = 0.0
        block[block < MIN_EDGE_WEIGHT] = 0.0
        r, c = np.nonzero(_top_k_mask(block, neighbors))
        rows.append(r + start)
        cols.append(c)
        vals.append(block[r, c])
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)


def _candidate_top_k(vectors: sparse.csr_matrix, neighbors: int, term_max: int = CANDIDATE_TERM_MAX_TEXTS) -> Edges:
    """Each row's top edges among the pairs that share a term used by at most
    ``term_max`` texts, ranked by what those terms contribute to their cosine.

    A term in more texts has a low IDF and says little about which pairs are
    closest, and it is what makes all pairs cost: the candidates' count grows with
    n * term_max instead of n^2. The chosen edges get their full cosine afterwards.
    """
    n = vectors.shape[0]
    texts_per_term = np.bincount(vectors.indices, minlength=vectors.shape[1])
    distinctive = vectors[:, np.flatnonzero(texts_per_term <= term_max)]
    partial = sparse.csr_matrix(distinctive @ distinctive.T)
    partial.setdiag(0.0)
    partial.data[partial.data < MIN_EDGE_WEIGHT] = 0.0
    partial.eliminate_zeros()
    rows = np.repeat(np.arange(n), np.diff(partial.indptr))
    best_first = np.lexsort((partial.indices, -partial.data, rows))  # by row, then weight, then column
    rank_in_row = np.arange(best_first.size) - np.repeat(partial.indptr[:-1], np.diff(partial.indptr))
    kept = best_first[rank_in_row < neighbors]
    rows, cols = rows[kept], partial.indices[kept]
    # Block by block: at 10,000 articles the chosen pairs' rows, gathered at once, take 500 MB.
    cosines = [
        np.asarray(vectors[rows[s : s + PAIR_BLOCK]].multiply(vectors[cols[s : s + PAIR_BLOCK]]).sum(axis=1)).ravel()
        for s in range(0, rows.size, PAIR_BLOCK)
    ]
    return rows, cols, np.concatenate(cosines) if cosines else np.zeros(0)


def _top_k_mask(block: np.ndarray, k: int) -> np.ndarray:
    """Per row, the k largest positive entries; ties at the cut go to lower columns."""
    if block.shape[1] <= k:
        return block > 0
    kth = -np.partition(-block, k - 1, axis=1)[:, k - 1 : k]  # each row's k-th largest value
    above = block > kth
    at_cut = (block == kth) & (block > 0)
    room = k - above.sum(axis=1, keepdims=True)
    return np.asarray(above | (at_cut & (np.cumsum(at_cut, axis=1) <= room)))
