"""Sentences -> relevance scores: TF-IDF vectors, a sparse similarity graph, TextRank.

TextRank (Mihalcea & Tarau 2004) and LexRank (Erkan & Radev 2004) rank sentences by
PageRank (Brin & Page 1998) over a graph whose edges are sentence similarities. A
complete graph has n^2 edges: at 7,000 sentences networkx needs 88 s for it. Each
sentence keeps only its ``k`` most similar neighbours instead, so the graph has at most
``2 n k`` edges and PageRank runs in time linear in n.

PageRank is networkx's own algorithm (``pagerank_alg._pagerank_scipy``: power
iteration on a row-normalised sparse matrix, dangling mass sent along the teleport
vector) run on our sparse matrix directly. Going through ``nx.pagerank`` means building
a dict-of-dicts graph only for networkx to turn it back into this matrix: a fifth of a
25-article call. ``tests/test_ranking.py`` pins the scores to ``nx.pagerank``'s.

The teleport (personalization) vector favours sentences near the top of their
article, because news is written lead-first; ``position_weight=0`` makes it uniform.
With a query it also favours sentences similar to the query, as in topic-sensitive
LexRank (Otterbacher, Erkan & Radev 2005): random walks restart near the subject.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from .model import Sentence

__all__ = [
    "Edges",
    "exact_top_k",
    "position_prior",
    "query_similarity",
    "sentence_vectors",
    "similarity_graph",
    "textrank",
]

# Rows of the similarity product computed at once, as a dense block: bounds its
# memory to 512 x n doubles (80 MB at 20,000 sentences).
SIMILARITY_BLOCK_ROWS = 512
# Cosines below this are rounding noise, not shared words.
MIN_EDGE_WEIGHT = 1e-9
# Up to this many sentences the graph scores every pair (0.1 s at 3,000); above, only
# pairs sharing a distinctive term (see _candidate_top_k), so the cost stays near linear.
EXACT_GRAPH_MAX_SENTENCES = 4_000
CANDIDATE_TERM_MAX_SENTENCES = 100
# Chosen candidate pairs whose full cosine is computed at once.
PAIR_BLOCK = 8_192
PAGERANK_TOLERANCE = 1e-10
PAGERANK_MAX_ITERATIONS = 200


def sentence_vectors(term_lists: Sequence[Sequence[str]]) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows, one per sentence; sublinear tf damps repeated words.

    IDF is learned from the cluster itself: a word every outlet uses for this event
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
    vectors: sparse.csr_matrix, neighbors: int, exact_max: int = EXACT_GRAPH_MAX_SENTENCES
) -> sparse.csr_matrix:
    """Symmetric cosine-similarity matrix keeping each row's ``neighbors`` strongest edges.

    An edge survives if either end chose it. Among equal weights the lower column wins,
    so the graph (and every score after it) is deterministic. Up to ``exact_max``
    sentences every pair is scored; above, only the candidate pairs of ``_candidate_top_k``.
    """
    n = vectors.shape[0]
    rows, cols, weights = (exact_top_k if n <= exact_max else _candidate_top_k)(vectors, neighbors)
    if not rows.size:
        return sparse.csr_matrix((n, n))
    chosen_graph = sparse.csr_matrix((weights, (rows, cols)), shape=(n, n))
    return sparse.csr_matrix(chosen_graph.maximum(chosen_graph.T))


Edges = tuple[np.ndarray, np.ndarray, np.ndarray]  # rows, columns, cosines


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


def _candidate_top_k(vectors: sparse.csr_matrix, neighbors: int, term_max: int = CANDIDATE_TERM_MAX_SENTENCES) -> Edges:
    """Each row's top edges among the pairs that share a term used by at most
    ``term_max`` sentences, ranked by what those terms contribute to their cosine.

    A term in more sentences has a low IDF and says little about which pairs are
    closest, and it is what makes all pairs cost: the candidates' count grows with
    n * term_max instead of n^2. The chosen edges get their full cosine afterwards.
    """
    n = vectors.shape[0]
    sentences_per_term = np.bincount(vectors.indices, minlength=vectors.shape[1])
    distinctive = vectors[:, np.flatnonzero(sentences_per_term <= term_max)]
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


def position_prior(sentences: Sequence[Sentence], weight: float) -> np.ndarray:
    """Teleport weights: 1 / (1 + position) ** weight, normalised to sum to 1."""
    positions = np.array([s.position for s in sentences], dtype=np.float64)
    prior = 1.0 / np.power(1.0 + positions, weight)
    return np.asarray(prior / prior.sum())


def query_similarity(vectors: sparse.csr_matrix, query: sparse.csr_matrix) -> np.ndarray:
    """Cosine of every sentence with the query, scaled so the closest scores 1 (all 0
    when no sentence shares a word with it)."""
    similarity = np.asarray((vectors @ query.T).todense()).ravel()
    top = similarity.max() if similarity.size else 0.0
    return np.asarray(similarity / top) if top > 0 else np.zeros_like(similarity)


def textrank(graph: sparse.csr_matrix, prior: np.ndarray, damping: float) -> np.ndarray:
    """PageRank scores of the weighted graph, scaled so the best sentence scores 1.

    ``prior`` is both the teleport and the dangling-node distribution, as networkx's
    ``pagerank(personalization=prior, dangling=prior)``. Stops when the L1 change is
    below ``n * PAGERANK_TOLERANCE`` (networkx's rule), after at most
    ``PAGERANK_MAX_ITERATIONS``; PageRank converges geometrically at rate ``damping``,
    so that bound is never reached in practice (0.85^200 is 1e-14).
    """
    n = graph.shape[0]
    if n == 0:
        return np.zeros(0)
    out_weight = np.asarray(graph.sum(axis=1)).ravel()
    dangling = out_weight == 0
    inverse = np.divide(1.0, out_weight, out=np.zeros(n), where=~dangling)
    # Row-stochastic transition matrix, transposed so that one step is a matrix-vector product.
    step = sparse.csr_matrix(sparse.diags(inverse) @ graph).T.tocsr()
    teleport = prior / prior.sum()
    scores = np.full(n, 1.0 / n)
    for _ in range(PAGERANK_MAX_ITERATIONS):
        previous = scores
        scores = damping * (step @ scores + scores[dangling].sum() * teleport) + (1 - damping) * teleport
        if np.abs(scores - previous).sum() < n * PAGERANK_TOLERANCE:
            break
    return np.asarray(scores / scores.max())
