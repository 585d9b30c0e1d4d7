"""A day's articles -> stories: groups of articles about one event.

Documents become TF-IDF vectors of their cleaned text (terms as in ``terms``), the lead
paragraph counted twice: it says which event a report is about, the body adds background
that reports of other events share. Stories are found in three steps, none of which needs
the number of stories in advance:

1. Articles are linked to their ``neighbors`` most similar articles (cosine at least
   ``min_similarity``; the sparse graph of ``similarity.similarity_graph``). Articles in
   different connected groups share no close neighbour, so they never share a story.
2. Within a group, latent semantic analysis (a truncated SVD to ``dimensions``, the
   customary size for LSA) folds words that occur together into one direction, so two
   articles on one event agree even where they word it differently. Each article keeps
   its nearest neighbours in that space, and a link is weighted by how many neighbours
   its two ends share (Jarvis and Patrick 1973): two articles in one story have the
   same neighbours, an article bridging two stories has few in common with either. In
   a group of at most ``2 * neighbors`` articles, where every neighbour list holds most
   of the group, the links are the cosines themselves.
3. The number of stories in a group is where the spectrum of that graph's normalised
   Laplacian has its largest gap (von Luxburg 2007): a graph of c loosely joined
   stories has c eigenvalues near zero, then a jump. Only a c whose eigenvalue is below 1
   is read: from 1 up, any c sets of articles hold one that sends half its links out (Lee,
   Oveis Gharan and Trevisan 2012), and the spectrum's upper end can hold its widest gap.
   k-means on the first c eigenvectors (seeded) assigns the articles.

Three guards keep this working on days of any shape (issue 14: judged by the worst of seven
day shapes, ``benchmarks/shapes.py``):

- The neighbour count follows the day. Shared neighbours only tell stories apart when
  a neighbour list is about a story's size: fifteen neighbours on a day of five-article
  stories link every story to its neighbours' (a 250-article day collapsed into two
  stories). So the day's typical story size is read off its own similarities: the median
  count of articles each article has at cosine ``story_similarity`` or more, kept within
  ``min_neighbors`` to ``neighbors``.
- An article that does not belong with the rest of its story leaves it, as a story of
  its own: its mean cosine to the other members is below ``member_share`` of the
  story's median member, or below ``min_member_similarity``. Spectral clustering puts
  every article somewhere; on a day where a third of the articles are lone reports, it
  put them into the nearest story.

- A member of a story of at most ``2 * neighbors`` articles also leaves when no other
  member counts it among its nearest articles of the day (the day's neighbour count of
  them, over whole-day TF-IDF). A lone report's nearest articles may be a related
  story's, but that story's articles have nearer ones among themselves, while each of
  its own articles is near at least one fellow. This is the rule of mutual neighbours
  (Jarvis and Patrick again) applied to the finished story; it raised the worst B-cubed
  precision over the day shapes from 0.860 to 0.904 (issue 14, ``benchmarks/README.md``).

Wire copy republished by several outlets (the same text, whitespace aside) is one
node: it counts once for clustering and ranking, and every carrier is cited.
Stories are ranked by distinct outlets, then by articles, then by their first
document; a single-article story comes last. A story's title is the headline of its
most central article (highest similarity to the story's centroid).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from scipy import sparse
from scipy.sparse import csgraph
from sklearn.preprocessing import normalize

from .errors import OptionsError
from .model import CleanArticle
from .options import require_float, require_int
from .similarity import (
    SIMILARITY_BLOCK_ROWS,
    Edges,
    document_frequencies,
    exact_top_k,
    graph_from_edges,
    tfidf_vectors,
    top_k_edges,
)
from .tasks import InProcess, Runner, balanced_batches
from .terms import Stemmer, TermAnalyzer

__all__ = ["Headline", "Story", "StoryOptions", "article_headline", "group_partitions", "group_stories"]

CENTRALITY_DECIMALS = 9
# How many of an article's first paragraphs count twice in its vector (``_node_terms``): the lead.
LEAD_PARAGRAPHS = 1
# A group is cut into c stories only where the c-th smallest eigenvalue of its normalised
# Laplacian is below this (``_spectral_stories``).
STORY_EIGENVALUE_MAX = 1.0
# Up to this many articles the Laplacian's spectrum is computed whole (LAPACK is exact
# and fast there); above, ARPACK computes only the smallest eigenvalues.
DENSE_SPECTRUM_MAX = 500
K_MEANS_RESTARTS = 4
# Up to this many articles a group's LSA comes from its dense Gram matrix (32 MB at 2,000);
# above, from ARPACK's truncated SVD, whose memory grows with the group alone.
GRAM_SVD_MAX = 2_000
# In a group of at most this many times ``neighbors`` articles, each neighbour list
# holds much of the group, so shared neighbours say little: the cosines are used.
SMALL_GROUP_NEIGHBOURS = 2
# A story of more than this many times ``neighbors`` articles keeps members no fellow
# lists among its nearest: in a large story of alike articles, which ones make the short
# lists is chance (a plain report of a 150-article event was left on none).
MUTUAL_RULE_MAX_NEIGHBOURS = 2
# On a cluster, the similarity graph's rows and the connected groups are cut into this
# many tasks per worker: a few, so that one slow task does not leave a worker idle.
BLOCKS_PER_WORKER = 4


@dataclass(frozen=True)
class StoryOptions:
    """neighbors: nearest articles each article keeps, in both graphs. min_similarity:
    weaker links are dropped, so unrelated articles never share a story just because
    each needs neighbours. dimensions: LSA's size. max_stories_per_group: how many of
    the spectrum's smallest eigenvalues are examined, the most stories one connected
    group can be split into. seed: the SVD's start vector and k-means' first centres.
    member_share, min_member_similarity: how loosely an article may sit in its story
    before it leaves it (module docstring).
    Each is checked on construction (``OptionsError``), as ``SummaryOptions`` is."""

    neighbors: int = 15
    min_similarity: float = 0.1
    dimensions: int = 100
    max_stories_per_group: int = 150
    seed: int = 0
    min_neighbors: int = 5
    story_similarity: float = 0.15
    member_share: float = 0.5
    min_member_similarity: float = 0.1

    def __post_init__(self) -> None:
        require_int("neighbors", self.neighbors, 1, 1000)
        require_float("min_similarity", self.min_similarity, 0.0, 1.0)
        require_int("min_neighbors", self.min_neighbors, 1, 1000)
        if self.min_neighbors > self.neighbors:
            raise OptionsError(f"min_neighbors must be at most neighbors ({self.neighbors}), not {self.min_neighbors}")
        require_float("story_similarity", self.story_similarity, 0.0, 1.0)
        require_float("member_share", self.member_share, 0.0, 1.0)
        require_float("min_member_similarity", self.min_member_similarity, 0.0, 1.0)
        require_int("dimensions", self.dimensions, 1, 10_000)
        require_int("max_stories_per_group", self.max_stories_per_group, 1, 100_000)
        require_int("seed", self.seed, 0, 2**32 - 1)  # numpy's and scikit-learn's seed range


@dataclass(frozen=True)
class Story:
    articles: tuple[int, ...]  # indices into the day's articles, copies included
    outlets: tuple[str, ...]
    title: str


@dataclass(frozen=True)
class Headline:
    """What grouping needs of an article besides its words: which text it is (copies share
    ``text_key``), its outlet, and the title a story led by it gets."""

    text_key: str
    outlet: str
    title: str


def article_headline(cleaned: CleanArticle) -> Headline:
    title = cleaned.article.title or _first_words(cleaned.paragraphs)
    return Headline(cleaned.text_key, cleaned.article.outlet, title)


def group_stories(articles: Sequence[CleanArticle], options: StoryOptions, stemmer: Stemmer) -> list[Story]:
    """Stories of the cleaned ``articles``, best first."""
    return group_partitions(InProcess(), [articles], [[article_headline(a) for a in articles]], options, stemmer)


def group_partitions(
    runner: Runner,
    parts: Sequence[Any],
    headlines: Sequence[Sequence[Headline]],
    options: StoryOptions,
    stemmer: Stemmer,
) -> list[Story]:
    """Stories of a day cut into partitions: ``parts`` are the partitions' articles (or
    ``runner`` handles of them), ``headlines`` theirs; a story's articles are indices into
    the partitions laid end to end. The stories are ``group_stories``' of all the articles
    at once, whatever the cut: the words are read per partition, the IDF is the sum of the
    partitions' document frequencies, each block of the similarity graph is computed on
    its own, and each connected group of the graph is split into stories on its own."""
    flat = [h for part in headlines for h in part]
    representative: dict[str, int] = {}
    copies_of: dict[int, list[int]] = {}
    for index, headline in enumerate(flat):
        first = representative.setdefault(headline.text_key, index)
        copies_of.setdefault(first, []).append(index)
    nodes = sorted(copies_of)
    offsets = np.cumsum([0, *(len(part) for part in headlines)])
    terms = [
        runner.submit(_node_terms, part, [n - start for n in nodes if start <= n < stop], stemmer)
        for part, start, stop in zip(parts, offsets[:-1], offsets[1:], strict=True)
    ]
    frequencies = sum(runner.gather([runner.submit(document_frequencies, t) for t in terms]), Counter[str]())
    day_frequencies = runner.share(frequencies)
    rows = runner.gather([runner.submit(tfidf_vectors, t, day_frequencies, len(nodes)) for t in terms])
    vectors = sparse.csr_matrix(sparse.vstack(rows, format="csr")) if len(rows) > 1 else rows[0]
    stories = []
    for members, central in _story_rows(vectors, options, runner):
        indices = sorted(i for m in members for i in copies_of[nodes[m]])
        outlets = tuple(dict.fromkeys(flat[i].outlet for i in indices))
        stories.append(Story(tuple(indices), outlets, flat[nodes[central]].title))
    return sorted(stories, key=lambda s: (len(s.articles) == 1, -len(s.outlets), -len(s.articles), s.articles[0]))


def _node_terms(articles: Sequence[CleanArticle], chosen: Sequence[int], stemmer: Stemmer) -> list[list[str]]:
    """Each chosen article's terms, its lead paragraph's counted twice: news is written as an
    inverted pyramid, the lead says which event it is (who, what, where), and the body adds
    background that reports of other events share (issue 14). An article of one paragraph
    has no body to set its lead against: its terms count once."""
    analyzer = TermAnalyzer(stemmer)
    node_terms = []
    for i in chosen:
        paragraphs = [analyzer.terms(paragraph) for paragraph in articles[i].paragraphs]
        lead = paragraphs[:LEAD_PARAGRAPHS] if len(paragraphs) > LEAD_PARAGRAPHS else []
        node_terms.append([term for terms in [*paragraphs, *lead] for term in terms])
    return node_terms


def _story_rows(vectors: sparse.csr_matrix, options: StoryOptions, runner: Runner) -> list[tuple[list[int], int]]:
    """Each story's rows of ``vectors``, with its most central row (highest similarity to
    the story's centroid), in no particular order."""
    n = vectors.shape[0]
    shared = runner.share(vectors)
    # Blocks of whole similarity blocks, so that each row is scored as in one call.
    step = max(1, -(-n // (BLOCKS_PER_WORKER * runner.workers) // SIMILARITY_BLOCK_ROWS)) * SIMILARITY_BLOCK_ROWS
    blocks = [(start, min(start + step, n)) for start in range(0, n, step)] if runner.workers > 1 else [(0, n)]

    def day_edges(neighbors: int) -> Edges:
        edges = runner.gather([runner.submit(top_k_edges, shared, neighbors, a, b) for a, b in blocks])
        return tuple(np.concatenate(e) for e in zip(*edges, strict=True))  # type: ignore[return-value]

    edges = day_edges(options.neighbors)
    graph = graph_from_edges(edges, n)
    neighbors = _day_neighbours(graph, options)
    if neighbors < options.neighbors:
        options = replace(options, neighbors=neighbors)
        edges = day_edges(neighbors)
        graph = graph_from_edges(edges, n)
    # Each article's nearest articles of the day, at the day's neighbour count: the lists
    # the mutual-neighbour rule of ``_without_loose_members`` reads.
    nearest = sparse.csr_matrix((np.ones(edges[0].size), (edges[0], edges[1])), shape=(n, n))
    graph.data[graph.data < options.min_similarity] = 0.0
    graph.eliminate_zeros()
    # The connected groups: articles in different groups share no close neighbour, so
    # each group is split into stories on its own, as a task.
    count, part_of = csgraph.connected_components(graph, directed=False)
    by_part = np.argsort(part_of, kind="stable")
    groups = np.split(by_part, np.cumsum(np.bincount(part_of, minlength=count))[:-1])
    batches = balanced_batches([len(g) for g in groups], BLOCKS_PER_WORKER * runner.workers)
    handles = [
        runner.submit(
            _group_stories,
            runner.send([vectors[groups[i]] for i in batch]),
            runner.send([nearest[groups[i]][:, groups[i]] for i in batch]),
            [groups[i] for i in batch],
            options,
        )
        for batch in batches
    ]
    return [story for done in runner.gather(handles) for story in done]


def _group_stories(
    vectors: Sequence[sparse.csr_matrix],
    nearest: Sequence[sparse.csr_matrix],
    groups: Sequence[np.ndarray],
    options: StoryOptions,
) -> list[tuple[list[int], int]]:
    """The stories of connected groups (each group's rows of the day, their vectors and
    their nearest-article lists within the group): each story's rows and its most central row."""
    stories = []
    for members, group_nearest, rows in zip(vectors, nearest, groups, strict=True):
        labels = _split_group(members, options)
        grouped: dict[int, list[int]] = {}
        for local, label in enumerate(labels):
            grouped.setdefault(int(label), []).append(local)
        for story in _without_loose_members(members, group_nearest, grouped.values(), options):
            centroid = np.asarray(members[story].mean(axis=0)).ravel()
            # Rounded, so that a tie (both articles of a two-article story are equally central)
            # goes to the earlier article rather than to floating-point noise.
            centrality = np.round(members[story] @ centroid, CENTRALITY_DECIMALS) if members.shape[1] else np.zeros(1)
            stories.append(([int(rows[m]) for m in story], int(rows[story[int(np.argmax(centrality))]])))
    return stories


def _day_neighbours(graph: sparse.csr_matrix, options: StoryOptions) -> int:
    """The day's typical story size, as a neighbour count: the median number of close
    articles (cosine ``story_similarity`` or more) per article, within ``min_neighbors``
    to ``neighbors``. ``graph`` holds each article's ``neighbors`` nearest, which is all
    the count needs: a count above ``neighbors`` is cut to it anyway."""
    if graph.shape[0] == 0:
        return options.neighbors
    close = np.minimum(np.diff((graph >= options.story_similarity).tocsr().indptr), options.neighbors)
    return int(np.clip(np.median(close), options.min_neighbors, options.neighbors))


def _without_loose_members(
    vectors: sparse.csr_matrix,
    nearest: sparse.csr_matrix,
    groups: Iterable[list[int]],
    options: StoryOptions,
) -> list[list[int]]:
    """``groups`` of rows, each article that sits loosely in its group moved to a group of
    its own: its mean cosine to the other members is below ``member_share`` of the
    group's median member or below ``min_member_similarity``; or, among the members that
    stay (at most ``MUTUAL_RULE_MAX_NEIGHBOURS * neighbors`` of them), none of the others
    counts it among its ``nearest``. Linear in the group's size:
    a member's mean cosine to the others comes from the group's summed vector."""
    kept: list[list[int]] = []
    for rows in groups:
        if len(rows) < 2:
            kept.append(rows)
            continue
        members = vectors[rows]
        total = np.asarray(members.sum(axis=0)).ravel()
        self_similarity = np.asarray(members.multiply(members).sum(axis=1)).ravel()
        to_others = np.round((members @ total - self_similarity) / (len(rows) - 1), CENTRALITY_DECIMALS)
        floor = max(options.member_share * float(np.median(to_others)), options.min_member_similarity)
        staying = [row for row, to_rest in zip(rows, to_others, strict=True) if to_rest >= floor]
        if 1 < len(staying) <= MUTUAL_RULE_MAX_NEIGHBOURS * options.neighbors:
            # Wanted by no fellow member: a lone report that found the nearest story, not one of its articles.
            chosen_by_fellows = np.asarray(nearest[staying][:, staying].sum(axis=0)).ravel()
            staying = [row for row, chosen in zip(staying, chosen_by_fellows, strict=True) if chosen > 0]
        stays = set(staying)
        kept.extend([row] for row in rows if row not in stays)
        if staying:
            kept.append(staying)
    return kept


def _split_group(vectors: sparse.csr_matrix, options: StoryOptions) -> np.ndarray:
    if vectors.shape[0] <= 2:
        return np.zeros(vectors.shape[0], dtype=np.int64)  # linked, and too few to split
    embedded = _latent_semantic(vectors, options)
    if vectors.shape[0] <= SMALL_GROUP_NEIGHBOURS * options.neighbors:
        graph = _cosine_graph(embedded, options)
    else:
        graph = _shared_neighbour_graph(embedded, options)
    return _label_parts(graph, lambda rows: _spectral_stories(graph[rows][:, rows], options))


def _label_parts(graph: sparse.csr_matrix, split: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """Labels over ``graph``'s nodes: each connected part is ``split`` on its own, and
    the parts' labels are numbered one after the other."""
    count, part_of = csgraph.connected_components(graph, directed=False)
    labels = np.zeros(graph.shape[0], dtype=np.int64)
    next_label = 0
    for part in range(count):
        rows = np.flatnonzero(part_of == part)
        local = split(rows)
        labels[rows] = local + next_label
        next_label += int(local.max()) + 1
    return labels


def _latent_semantic(vectors: sparse.csr_matrix, options: StoryOptions) -> sparse.csr_matrix | np.ndarray:
    """Rows projected on the group's ``dimensions`` strongest term directions, L2-normalised."""
    vectors = vectors[:, np.unique(vectors.indices)]  # the group's own vocabulary
    if min(vectors.shape) <= options.dimensions:
        return vectors  # its rank is within ``dimensions`` already: the projection keeps every cosine
    if vectors.shape[0] <= GRAM_SVD_MAX:
        # The rows' Gram matrix X Xᵀ = U S² Uᵀ gives the projection U S exactly, in one dense
        # eigendecomposition of a group-sized matrix: ARPACK's iterations over a vocabulary
        # of thousands of terms took 0.7 s a group (41 s of the 10,000-article day).
        gram = (vectors @ vectors.T).toarray()
        values, directions = np.linalg.eigh(gram)  # ascending
        strongest = slice(-options.dimensions, None)
        return np.asarray(normalize(directions[:, strongest] * np.sqrt(np.maximum(values[strongest], 0.0))))
    from sklearn.decomposition import TruncatedSVD  # only the nightly digest needs it

    # ARPACK rather than the randomised solver: it converges to the exact subspace, so the
    # stories do not depend on a random projection.
    svd = TruncatedSVD(options.dimensions, algorithm="arpack", random_state=options.seed)
    return np.asarray(normalize(svd.fit_transform(vectors)))


def _shared_neighbour_graph(vectors: sparse.csr_matrix | np.ndarray, options: StoryOptions) -> sparse.csr_matrix:
    """Links to each row's nearest rows (cosine at least ``min_similarity``), weighted by
    the share of their neighbour lists (each including itself) the two ends have in common."""
    n = vectors.shape[0]
    neighbors = min(options.neighbors, n - 1)
    rows, cols, _ = _close_neighbours(vectors, neighbors, options)
    chosen = sparse.csr_matrix((np.ones(rows.size), (rows, cols)), shape=(n, n))
    with_self = chosen + sparse.identity(n, format="csr")
    shared = sparse.csr_matrix((with_self @ with_self.T).multiply((chosen + chosen.T) > 0), dtype=np.float64)
    shared.setdiag(0.0)
    shared.eliminate_zeros()
    return sparse.csr_matrix(shared / (neighbors + 1))


def _cosine_graph(vectors: sparse.csr_matrix | np.ndarray, options: StoryOptions) -> sparse.csr_matrix:
    """Every pair's cosine, where at least ``min_similarity``."""
    n = vectors.shape[0]
    rows, cols, cosines = _close_neighbours(vectors, n - 1, options)
    return sparse.csr_matrix((cosines, (rows, cols)), shape=(n, n))


def _close_neighbours(vectors: sparse.csr_matrix | np.ndarray, neighbors: int, options: StoryOptions) -> Edges:
    """Each row's ``neighbors`` nearest rows, those at cosine ``min_similarity`` or more."""
    rows, cols, cosines = exact_top_k(vectors, neighbors)
    close = cosines >= options.min_similarity
    return rows[close], cols[close], cosines[close]


def _spectral_stories(graph: sparse.csr_matrix, options: StoryOptions) -> np.ndarray:
    """Stories of one connected graph: as many as the normalised Laplacian's smallest
    eigenvalues before its largest gap (one when the first gap is the largest), counting
    only gaps after an eigenvalue below ``STORY_EIGENVALUE_MAX``."""
    n = graph.shape[0]
    if n <= 2:
        return np.zeros(n, dtype=np.int64)
    laplacian = csgraph.laplacian(graph, normed=True)
    examined = min(options.max_stories_per_group, n - 2) + 1
    if n <= DENSE_SPECTRUM_MAX:
        values, vectors = np.linalg.eigh(laplacian.toarray())
        values, vectors = values[:examined], vectors[:, :examined]
    else:
        from scipy.sparse.linalg import eigsh

        # The largest eigenvalues of 2I - L are the smallest of L (whose spectrum lies in
        # [0, 2]); ARPACK finds the largest quickly and the smallest slowly.
        flipped, vectors = eigsh(2.0 * sparse.identity(n) - laplacian, k=examined, which="LA", v0=np.ones(n))
        order = np.argsort(-flipped)
        values, vectors = 2.0 - flipped[order], vectors[:, order]
    # c stories need the c-th eigenvalue below 1: it is at most twice the largest conductance of
    # the best c disjoint sets (Lee, Oveis Gharan and Trevisan 2012), so from 1 up any c sets hold
    # one that sends half its links out, not a story. The spectrum's upper end, above 1, can
    # hold its widest gap: without this, a group of 99 articles was cut into 96 (issue 14).
    gaps = np.diff(values)
    gaps[values[:-1] >= STORY_EIGENVALUE_MAX] = -np.inf
    stories = int(np.argmax(gaps)) + 1
    if stories == 1:
        return np.zeros(n, dtype=np.int64)
    from sklearn.cluster import KMeans  # only the nightly digest needs it

    embedding = normalize(vectors[:, :stories])
    labels = KMeans(stories, n_init=K_MEANS_RESTARTS, random_state=options.seed).fit_predict(embedding)
    return np.asarray(labels, dtype=np.int64)


def _first_words(paragraphs: Sequence[str], count: int = 12) -> str:
    words = " ".join(paragraphs).split()
    return " ".join(words[:count]) + (" ..." if len(words) > count else "")
