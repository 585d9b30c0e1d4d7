"""Sentences -> relevance scores: TF-IDF vectors, a sparse similarity graph, TextRank.

TextRank (Mihalcea & Tarau 2004) and LexRank (Erkan & Radev 2004) rank sentences by
PageRank (Brin & Page 1998) over a graph whose edges are sentence similarities. A
complete graph has n^2 edges: at 7,000 sentences networkx needs 88 s for it. Each
sentence keeps only its ``k`` most similar neighbours instead, so the graph has at most
``2 n k`` edges and PageRank runs in time linear in n.

The teleport (personalization) vector favours sentences near the top of their
article, because news is written lead-first; ``position_weight=0`` makes it uniform.
With a query it also favours sentences similar to the query, as in topic-sensitive
LexRank (Otterbacher, Erkan & Radev 2005): random walks restart near the subject.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx
import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from .model import Sentence

__all__ = ["position_prior", "query_similarity", "sentence_vectors", "similarity_graph", "textrank"]

# Rows of the similarity product computed at once, as a dense block: bounds its
# memory to 512 x n doubles (80 MB at 20,000 sentences).
SIMILARITY_BLOCK_ROWS = 512
# Cosines below this are rounding noise, not shared words.
MIN_EDGE_WEIGHT = 1e-9


def sentence_vectors(term_lists: Sequence[Sequence[str]]) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows, one per sentence; sublinear tf damps repeated words.

    IDF is learned from the cluster itself: a word every outlet uses for this event
    says little about which sentence matters.
    """
    vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, norm="l2", dtype=np.float64)
    if not any(term_lists):
        return sparse.csr_matrix((len(term_lists), 0))
    return sparse.csr_matrix(vectorizer.fit_transform(term_lists))


def _identity(terms: Sequence[str]) -> Sequence[str]:
    return terms


def similarity_graph(vectors: sparse.csr_matrix, neighbors: int) -> sparse.csr_matrix:
    """Symmetric cosine-similarity matrix keeping each row's ``neighbors`` strongest edges.

    An edge survives if either end chose it. Among equal weights the lower column wins,
    so the graph (and every score after it) is deterministic.
    """
    n = vectors.shape[0]
    transposed = vectors.T.tocsc()
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    for start in range(0, n, SIMILARITY_BLOCK_ROWS):
        block = (vectors[start : start + SIMILARITY_BLOCK_ROWS] @ transposed).toarray()
        block[np.arange(block.shape[0]), np.arange(start, start + block.shape[0])] = 0.0
        block[block < MIN_EDGE_WEIGHT] = 0.0
        chosen = _top_k_mask(block, neighbors)
        r, c = np.nonzero(chosen)
        rows.append(r + start)
        cols.append(c)
        vals.append(block[r, c])
    if not rows:
        return sparse.csr_matrix((n, n))
    chosen_graph = sparse.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))
    return sparse.csr_matrix(chosen_graph.maximum(chosen_graph.T))


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
    """PageRank scores of the weighted graph, scaled so the best sentence scores 1."""
    n = graph.shape[0]
    if n == 0:
        return np.zeros(0)
    network = nx.from_scipy_sparse_array(graph)
    ranks = nx.pagerank(
        network,
        alpha=damping,
        personalization={i: float(p) for i, p in enumerate(prior)},
        dangling={i: float(p) for i, p in enumerate(prior)},
        weight="weight",
        max_iter=200,
        tol=1e-10,
    )
    scores = np.array([ranks[i] for i in range(n)], dtype=np.float64)
    return np.asarray(scores / scores.max())
