from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from summarizer.similarity import EXACT_GRAPH_MAX_TEXTS, PAIR_BLOCK, exact_top_k, similarity_graph, tfidf_vectors


def brute_force_graph(vectors: sparse.csr_matrix, k: int) -> np.ndarray:
    similarity = (vectors @ vectors.T).toarray()
    np.fill_diagonal(similarity, 0.0)
    kept = np.zeros_like(similarity)
    for i in range(similarity.shape[0]):
        columns = sorted(
            (j for j in range(similarity.shape[1]) if similarity[i, j] > 1e-9), key=lambda j: (-similarity[i, j], j)
        )
        kept[i, columns[:k]] = similarity[i, columns[:k]]
    symmetric: np.ndarray = np.maximum(kept, kept.T)
    return symmetric


@pytest.mark.parametrize("exact_max", [EXACT_GRAPH_MAX_TEXTS, 0])
@pytest.mark.parametrize("seed", range(20))
def test_sparse_graph_equals_brute_force_top_k_with_ties_to_lower_columns(seed: int, exact_max: int) -> None:
    # exact_max=0 takes the candidate-pair path, which is exact while every term is
    # used by at most CANDIDATE_TERM_MAX_TEXTS sentences (n < 60 here).
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(2, 60)), int(rng.integers(1, 8))
    # Few distinct values, so many similarities tie.
    counts = (rng.random((n, m)) < 0.4) * rng.integers(1, 3, (n, m))
    norms = np.linalg.norm(counts, axis=1, keepdims=True)
    vectors = sparse.csr_matrix(np.divide(counts, norms, out=np.zeros((n, m)), where=norms > 0))
    k = int(rng.integers(1, 6))
    np.testing.assert_allclose(similarity_graph(vectors, k, exact_max).toarray(), brute_force_graph(vectors, k))


def test_candidate_pairs_skip_terms_every_sentence_uses_and_keep_distinctive_ones() -> None:
    # 300 sentences share "common" (above the 100-sentence cut); pairs also share one
    # distinctive term each, which alone decides their neighbours.
    terms = [["common", f"pair{i // 2}", f"own{i}"] for i in range(300)]
    vectors = tfidf_vectors(terms)
    graph = similarity_graph(vectors, 1, exact_max=0)
    for i in range(0, 300, 2):
        assert graph[i, i + 1] == pytest.approx(float((vectors[i] @ vectors[i + 1].T).toarray()[0, 0]))
    assert graph.nnz == 300  # each pair's one edge, both directions; no edge through "common" alone


def test_candidate_path_equals_the_exact_graph_across_pair_blocks() -> None:
    # 3,000 sentences x 5 neighbours: more chosen pairs than one PAIR_BLOCK, and every
    # term used by few enough sentences that the candidates hold every true neighbour.
    rng = np.random.default_rng(4)
    vectors = tfidf_vectors([[f"w{x}" for x in rng.integers(0, 3000, 8)] for _ in range(3000)])
    assert PAIR_BLOCK < 3000 * 5
    exact = similarity_graph(vectors, 5)
    candidates = similarity_graph(vectors, 5, exact_max=0)
    assert (abs(exact - candidates) > 1e-12).nnz == 0  # the same edges, the same cosines


def test_top_k_of_dense_rows_equals_top_k_of_the_same_sparse_rows() -> None:
    rng = np.random.default_rng(2)
    dense = rng.random((40, 6)) * (rng.random((40, 6)) < 0.5)
    dense /= np.maximum(np.linalg.norm(dense, axis=1, keepdims=True), 1e-12)
    for got, expected in zip(exact_top_k(dense, 4), exact_top_k(sparse.csr_matrix(dense), 4), strict=True):
        np.testing.assert_allclose(got, expected)


def test_graph_has_at_most_two_k_edges_per_node() -> None:
    rng = np.random.default_rng(1)
    vectors = tfidf_vectors([[f"w{x}" for x in rng.integers(0, 30, 8)] for _ in range(400)])
    graph = similarity_graph(vectors, 5)
    assert graph.nnz <= 2 * 5 * 400
    assert (graph != graph.T).nnz == 0
