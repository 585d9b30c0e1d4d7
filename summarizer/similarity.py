"""Texts -> TF-IDF vectors -> each text's nearest neighbours -> a sparse similarity graph.

Ranking builds the graph over a cluster's sentences (``ranking.textrank`` runs PageRank
on it); stories build it over a day's articles. A complete graph has n^2 edges: at
7,000 sentences networkx needs 88 s for it. Each text keeps only its ``k`` most similar
neighbours instead, so the graph has at most ``2 n k`` edges. Up to a few thousand
texts every pair is scored; above, only pairs that share a distinctive term, so the
cost stays near linear.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

__all__ = [
    "Edges",
    "document_frequencies",
    "exact_top_k",
    "graph_from_edges",
    "similarity_graph",
    "tfidf_vectors",
    "top_k_edges",
]

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


def tfidf_vectors(
    term_lists: Sequence[Sequence[str]], frequencies: Mapping[str, int] | None = None, texts: int | None = None
) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows, one per text (a sentence, or a whole article); sublinear
    tf damps repeated words.

    IDF is learned from the texts themselves: a word every outlet uses for this event
    says little about which sentence matters. A day cut into partitions gives each
    partition's rows the IDF of the whole day: the ``frequencies`` (``document_frequencies``
    summed over the partitions) of its ``texts``. The rows are those of one call over all
    the texts, to the bit: each row's weights depend only on its terms and the IDF.
    """
    if frequencies is None:
        frequencies, texts = document_frequencies(term_lists), len(term_lists)
    if not frequencies:
        return sparse.csr_matrix((len(term_lists), 0))
    # The vocabulary in scikit-learn's own (sorted) column order, given up front: learning
    # it, scikit-learn re-maps every term through numpy scalars, a tenth of a 25-article call.
    ordered = sorted(frequencies)
    vocabulary = {term: column for column, term in enumerate(ordered)}
    counts = CountVectorizer(analyzer=_identity, vocabulary=vocabulary, dtype=np.float64).transform(term_lists)
    # scikit-learn's smoothed IDF, ln((1 + n) / (1 + df)) + 1, computed as TfidfTransformer.fit does.
    document_frequency = np.array([frequencies[term] for term in ordered], dtype=np.float64)
    document_frequency += 1.0
    idf = np.full_like(document_frequency, fill_value=(texts or len(term_lists)) + 1, dtype=np.float64)
    idf /= document_frequency
    np.log(idf, out=idf)
    idf += 1.0
    transformer = TfidfTransformer(norm="l2", sublinear_tf=True)
    transformer.idf_ = idf
    return sparse.csr_matrix(transformer.transform(counts))


def document_frequencies(term_lists: Sequence[Sequence[str]]) -> Counter[str]:
    """How many of the texts use each term: what IDF is learned from. Counters of
    partitions add up to the whole's."""
    return Counter(term for terms in term_lists for term in set(terms))


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
    n = vectors.shape[0]
    return graph_from_edges(top_k_edges(vectors, neighbors, 0, n, exact_max), n)


def top_k_edges(
    vectors: sparse.csr_matrix, neighbors: int, start: int, stop: int, exact_max: int = EXACT_GRAPH_MAX_TEXTS
) -> Edges:
    """The top edges of rows ``start`` to ``stop`` (against every row): one block of
    ``similarity_graph``'s work. Each row's edges depend on that row alone, so blocks
    computed apart (as Dask tasks) give the edges of one call over all rows."""
    top_k = exact_top_k if vectors.shape[0] <= exact_max else _candidate_top_k
    return top_k(vectors, neighbors, start, stop)


def graph_from_edges(edges: Edges, n: int) -> sparse.csr_matrix:
    """The symmetric graph of chosen ``edges`` over ``n`` texts: an edge survives if either end chose it."""
    rows, cols, weights = edges
    if not rows.size:
        return sparse.csr_matrix((n, n))
    chosen_graph = sparse.csr_matrix((weights, (rows, cols)), shape=(n, n))
    return sparse.csr_matrix(chosen_graph.maximum(chosen_graph.T))


Edges = tuple[np.ndarray, np.ndarray, np.ndarray]  # rows, columns, cosines


def exact_top_k(
    vectors: sparse.csr_matrix | np.ndarray, neighbors: int, first: int = 0, stop: int | None = None
) -> Edges:
    """Each row's top edges among all pairs (of rows ``first`` to ``stop``, all by
    default), scored block by block: quadratic time. The rows are unit vectors, sparse or dense."""
    n = vectors.shape[0] if stop is None else stop
    transposed = vectors.T.tocsc() if isinstance(vectors, sparse.spmatrix | sparse.sparray) else vectors.T
    rows: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    cols: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    vals: list[np.ndarray] = [np.zeros(0)]
    for start in range(first, n, SIMILARITY_BLOCK_ROWS):
        product = vectors[start : min(start + SIMILARITY_BLOCK_ROWS, n)] @ transposed
        block = product.toarray() if sparse.issparse(product) else np.array(product)
        block[np.arange(block.shape[0]), np.arange(start, start + block.shape[0])] = 0.0
        block[block < MIN_EDGE_WEIGHT] = 0.0
        r, c = np.nonzero(_top_k_mask(block, neighbors))
        rows.append(r + start)
        cols.append(c)
        vals.append(block[r, c])
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)


def _candidate_top_k(
    vectors: sparse.csr_matrix, neighbors: int, first: int, stop: int, term_max: int = CANDIDATE_TERM_MAX_TEXTS
) -> Edges:
    """Each row's (of rows ``first`` to ``stop``) top edges among the pairs that share a
    term used by at most ``term_max`` texts, ranked by what those terms contribute to their cosine.

    A term in more texts has a low IDF and says little about which pairs are
    closest, and it is what makes all pairs cost: the candidates' count grows with
    n * term_max instead of n^2. The chosen edges get their full cosine afterwards.
    """
    texts_per_term = np.bincount(vectors.indices, minlength=vectors.shape[1])
    distinctive = vectors[:, np.flatnonzero(texts_per_term <= term_max)]
    partial = sparse.csr_matrix(distinctive[first:stop] @ distinctive.T)
    partial.setdiag(0.0, k=first)  # each row's own column
    partial.data[partial.data < MIN_EDGE_WEIGHT] = 0.0
    partial.eliminate_zeros()
    rows = np.repeat(np.arange(first, stop), np.diff(partial.indptr))
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
