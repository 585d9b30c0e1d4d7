from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from scipy import sparse

from summarizer.model import Sentence
from summarizer.ranking import PAGERANK_MAX_ITERATIONS, PAGERANK_TOLERANCE, position_prior, textrank
from summarizer.similarity import similarity_graph, tfidf_vectors


def test_textrank_favours_the_central_sentence_and_scales_to_one() -> None:
    terms = [["ferry", "aground", "island"], ["ferry", "aground"], ["ferry", "island"], ["weather", "sunny"]]
    vectors = tfidf_vectors(terms)
    sentences = [Sentence(i, 0, 0, "x") for i in range(4)]
    scores = textrank(similarity_graph(vectors, 3), position_prior(sentences, 1.0), 0.85)
    assert scores.max() == 1.0
    assert int(np.argmax(scores)) == 0
    assert scores[3] < scores[1]


@pytest.mark.parametrize("seed", range(12))
def test_textrank_equals_networkx_pagerank_with_the_prior_as_teleport_and_dangling(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 80))
    weights = rng.random((n, n)) * (rng.random((n, n)) < 0.15)  # sparse, with isolated (dangling) nodes
    weights = np.triu(weights, 1)
    graph = sparse.csr_matrix(weights + weights.T)
    prior = rng.random(n) + 0.01
    prior /= prior.sum()
    damping = float(rng.choice([0.5, 0.85, 0.95]))
    ranks = nx.pagerank(
        nx.from_scipy_sparse_array(graph),
        alpha=damping,
        personalization=dict(enumerate(prior)),
        dangling=dict(enumerate(prior)),
        max_iter=PAGERANK_MAX_ITERATIONS,
        tol=PAGERANK_TOLERANCE,
    )
    expected = np.array([ranks[i] for i in range(n)])
    np.testing.assert_allclose(textrank(graph, prior, damping), expected / expected.max(), rtol=1e-12)


def test_position_prior_prefers_leads() -> None:
    prior = position_prior([Sentence(i, 0, p, "x") for i, p in enumerate([0, 1, 2, 0])], 1.0)
    assert prior.sum() == pytest.approx(1.0)
    assert prior[0] == prior[3] > prior[1] > prior[2]
