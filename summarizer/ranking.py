"""Sentences and their similarity graph -> relevance scores: TextRank.

TextRank (Mihalcea & Tarau 2004) and LexRank (Erkan & Radev 2004) rank sentences by
PageRank (Brin & Page 1998) over a graph whose edges are sentence similarities. The
graph is ``similarity.similarity_graph``'s: each sentence keeps only its ``k`` most
similar neighbours, so PageRank runs in time linear in n.

PageRank is reimplemented here after networkx's (``pagerank_alg._pagerank_scipy``: power
iteration on a row-normalised sparse matrix, dangling mass sent along the teleport
vector) and run on our sparse matrix directly; networkx is not imported. Going through
``nx.pagerank`` means building a dict-of-dicts graph only for networkx to turn it back
into this matrix: a fifth of a 25-article call. ``tests/test_ranking.py`` pins the
scores to ``nx.pagerank``'s.

The teleport (personalization) vector favours sentences near the top of their
article, because news is written lead-first; ``position_weight=0`` makes it uniform.
With a query it also favours sentences similar to the query, as in topic-sensitive
LexRank (Otterbacher, Erkan & Radev 2005): random walks restart near the subject.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from .model import Sentence

__all__ = ["position_prior", "query_similarity", "textrank"]

PAGERANK_TOLERANCE = 1e-10
PAGERANK_MAX_ITERATIONS = 200


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
