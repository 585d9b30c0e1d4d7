from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from summarizer.model import Sentence
from summarizer.ranking import position_prior, sentence_vectors, similarity_graph, textrank


def brute_force_graph(vectors: sparse.csr_matrix, k: int) -> np.ndarray:
    similarity = (vectors @ vectors.T).toarray()
    np.fill_diagonal(similarity, 0.0)
    kept = np.zeros_like(similarity)
    for i in range(similarity.shape[0]):
        columns = sorted(
            (j for j in range(similarity.shape[1]) if similarity[i, j] > 1e-9), key=lambda j: (-similarity[i, j], j)
        )
        kept[i, columns[:k]] = similarity[i, columns[:k]]
    return np.maximum(kept, kept.T)


@pytest.mark.parametrize("seed", range(20))
def test_sparse_graph_equals_brute_force_top_k_with_ties_to_lower_columns(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(2, 60)), int(rng.integers(1, 8))
    # Few distinct values, so many similarities tie.
    counts = (rng.random((n, m)) < 0.4) * rng.integers(1, 3, (n, m))
    norms = np.linalg.norm(counts, axis=1, keepdims=True)
    vectors = sparse.csr_matrix(np.divide(counts, norms, out=np.zeros((n, m)), where=norms > 0))
    k = int(rng.integers(1, 6))
    np.testing.assert_allclose(similarity_graph(vectors, k).toarray(), brute_force_graph(vectors, k))


def test_graph_has_at_most_two_k_edges_per_node() -> None:
    rng = np.random.default_rng(1)
    vectors = sentence_vectors([[f"w{x}" for x in rng.integers(0, 30, 8)] for _ in range(400)])
    graph = similarity_graph(vectors, 5)
    assert graph.nnz <= 2 * 5 * 400
    assert (graph != graph.T).nnz == 0


def test_textrank_favours_the_central_sentence_and_scales_to_one() -> None:
    terms = [["ferry", "aground", "island"], ["ferry", "aground"], ["ferry", "island"], ["weather", "sunny"]]
    vectors = sentence_vectors(terms)
    sentences = [Sentence(i, 0, 0, "x") for i in range(4)]
    scores = textrank(similarity_graph(vectors, 3), position_prior(sentences, 1.0), 0.85)
    assert scores.max() == 1.0
    assert int(np.argmax(scores)) == 0
    assert scores[3] < scores[1]


def test_position_prior_prefers_leads() -> None:
    prior = position_prior([Sentence(i, 0, p, "x") for i, p in enumerate([0, 1, 2, 0])], 1.0)
    assert prior.sum() == pytest.approx(1.0)
    assert prior[0] == prior[3] > prior[1] > prior[2]
