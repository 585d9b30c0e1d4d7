"""A day's articles -> stories: groups of articles about one event.

Documents become TF-IDF vectors of their cleaned text (terms as in ``terms``); each keeps
its ``k`` most similar documents (the sparse graph of ``ranking.similarity_graph``), and
Louvain community detection (Blondel et al. 2008, networkx, fixed seed) splits that
graph into stories. Neither step needs the number of stories in advance, and both stay
near-linear in the number of articles.

Wire copy republished by several outlets (the same text, whitespace aside) is one
node: it counts once for clustering and ranking, and every carrier is cited.
Stories are ranked by distinct outlets, then by articles, then by their first
document; a single-article story comes last. A story's title is the headline of its
most central article (highest similarity to the story's centroid).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .model import Article
from .ranking import sentence_vectors, similarity_graph
from .terms import Stemmer, TermAnalyzer

__all__ = ["Story", "StoryOptions", "group_stories"]

CENTRALITY_DECIMALS = 9


@dataclass(frozen=True)
class StoryOptions:
    """neighbors: edges kept per article. resolution: Louvain's resolution (higher
    gives more, smaller stories). min_similarity: weaker edges are dropped, so
    unrelated articles never share a story just because each needs k neighbours.
    whole_component: a connected group of at most this many articles is one story;
    only larger ones are split by Louvain (whose modularity splits small graphs)."""

    neighbors: int = 10
    resolution: float = 2.0
    min_similarity: float = 0.15
    whole_component: int = 20
    seed: int = 7


@dataclass(frozen=True)
class Story:
    articles: tuple[int, ...]  # indices into the day's articles, copies included
    outlets: tuple[str, ...]
    title: str


def group_stories(
    articles: Sequence[Article], paragraphs: Sequence[Sequence[str]], options: StoryOptions, stemmer: Stemmer
) -> list[Story]:
    """Stories of ``articles`` (with their cleaned ``paragraphs``), best first."""
    representative: dict[str, int] = {}
    copies_of: dict[int, list[int]] = {}
    for index, text in enumerate(paragraphs):
        key = hashlib.sha256(" ".join(" ".join(text).split()).encode()).hexdigest()
        first = representative.setdefault(key, index)
        copies_of.setdefault(first, []).append(index)
    nodes = sorted(copies_of)
    analyzer = TermAnalyzer(stemmer)
    terms = [analyzer.terms(" ".join(paragraphs[i])) for i in nodes]
    vectors = sentence_vectors(terms)  # the same TF-IDF ranking uses, over whole articles
    labels = _communities(vectors, options)
    groups: dict[int, list[int]] = {}
    for node, label in zip(nodes, labels, strict=True):
        groups.setdefault(label, []).append(node)
    row_of = {node: row for row, node in enumerate(nodes)}
    stories = []
    for members in groups.values():
        indices = sorted(i for m in members for i in copies_of[m])
        outlets = tuple(dict.fromkeys(articles[i].outlet for i in indices))
        rows = [row_of[m] for m in members]
        centroid = np.asarray(vectors[rows].mean(axis=0)).ravel()
        # Rounded, so that a tie (both articles of a two-article story are equally central)
        # goes to the earlier article rather than to floating-point noise.
        centrality = np.round(vectors[rows] @ centroid, CENTRALITY_DECIMALS) if vectors.shape[1] else np.zeros(1)
        central = members[int(np.argmax(centrality))]
        title = articles[central].title or _first_words(paragraphs[central])
        stories.append(Story(tuple(indices), outlets, title))
    return sorted(stories, key=lambda s: (len(s.articles) == 1, -len(s.outlets), -len(s.articles), s.articles[0]))


def _communities(vectors: sparse.csr_matrix, options: StoryOptions) -> list[int]:
    import networkx as nx  # only the nightly digest needs it; `summarize` starts faster without

    graph = similarity_graph(vectors, options.neighbors)
    graph.data[graph.data < options.min_similarity] = 0.0
    graph.eliminate_zeros()
    network = nx.from_scipy_sparse_array(graph)
    communities: list[set[int]] = []
    for component in nx.connected_components(network):
        if len(component) <= options.whole_component:
            communities.append(set(component))  # small: modularity would split it needlessly
        else:
            communities.extend(
                nx.community.louvain_communities(
                    network.subgraph(component), weight="weight", resolution=options.resolution, seed=options.seed
                )
            )
    labels = [0] * vectors.shape[0]
    # Number communities by their first member, so labels do not depend on set order.
    for label, community in enumerate(sorted(communities, key=min)):
        for node in community:
            labels[node] = label
    return labels


def _first_words(paragraphs: Sequence[str], count: int = 12) -> str:
    words = " ".join(paragraphs).split()
    return " ".join(words[:count]) + (" ..." if len(words) > count else "")
