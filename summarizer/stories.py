"""A day's articles -> stories: groups of articles about one event.

Documents become TF-IDF vectors of their cleaned text (terms as in ``terms``). Stories
are found in three steps, none of which needs the number of stories in advance:

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
   stories has c eigenvalues near zero, then a jump. k-means on the first c
   eigenvectors (seeded) assigns the articles.

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

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse
from scipy.sparse import csgraph
from sklearn.preprocessing import normalize

from .errors import OptionsError
from .model import CleanArticle
from .options import require_float, require_int
from .similarity import Edges, edge_graph, exact_top_k, nearest_edges, tfidf_vectors
from .terms import Stemmer, TermAnalyzer

__all__ = ["Story", "StoryOptions", "group_stories"]

CENTRALITY_DECIMALS = 9
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


def group_stories(articles: Sequence[CleanArticle], options: StoryOptions, stemmer: Stemmer) -> list[Story]:
    """Stories of the cleaned ``articles``, best first."""
    representative: dict[str, int] = {}
    copies_of: dict[int, list[int]] = {}
    for index, cleaned in enumerate(articles):
        first = representative.setdefault(cleaned.text_key, index)
        copies_of.setdefault(first, []).append(index)
    nodes = sorted(copies_of)
    analyzer = TermAnalyzer(stemmer)
    terms = [analyzer.terms(" ".join(articles[i].paragraphs)) for i in nodes]
    vectors = tfidf_vectors(terms)  # the same TF-IDF ranking uses, over whole articles
    labels, nearest = _story_labels(vectors, options)
    grouped_rows: dict[int, list[int]] = {}
    for row, label in enumerate(labels):
        grouped_rows.setdefault(int(label), []).append(row)
    loose_apart = _without_loose_members(vectors, nearest, grouped_rows.values(), options)
    groups = [[nodes[r] for r in rows] for rows in loose_apart]
    row_of = {node: row for row, node in enumerate(nodes)}
    stories = []
    for members in groups:
        indices = sorted(i for m in members for i in copies_of[m])
        outlets = tuple(dict.fromkeys(articles[i].article.outlet for i in indices))
        rows = [row_of[m] for m in members]
        centroid = np.asarray(vectors[rows].mean(axis=0)).ravel()
        # Rounded, so that a tie (both articles of a two-article story are equally central)
        # goes to the earlier article rather than to floating-point noise.
        centrality = np.round(vectors[rows] @ centroid, CENTRALITY_DECIMALS) if vectors.shape[1] else np.zeros(1)
        central = members[int(np.argmax(centrality))]
        title = articles[central].article.title or _first_words(articles[central].paragraphs)
        stories.append(Story(tuple(indices), outlets, title))
    return sorted(stories, key=lambda s: (len(s.articles) == 1, -len(s.outlets), -len(s.articles), s.articles[0]))


def _story_labels(vectors: sparse.csr_matrix, options: StoryOptions) -> tuple[np.ndarray, sparse.csr_matrix]:
    """A story label per row of ``vectors``, and the day's nearest-neighbour lists: row i
    of the second holds ones at the day's neighbour count of articles nearest to i."""
    n = vectors.shape[0]
    edges = nearest_edges(vectors, options.neighbors)
    graph = edge_graph(edges, n)
    neighbors = _day_neighbours(graph, options)
    if neighbors < options.neighbors:
        options = replace(options, neighbors=neighbors)
        edges = nearest_edges(vectors, neighbors)
        graph = edge_graph(edges, n)
    rows, cols, _ = edges
    nearest = sparse.csr_matrix((np.ones(rows.size), (rows, cols)), shape=(n, n))
    graph.data[graph.data < options.min_similarity] = 0.0
    graph.eliminate_zeros()
    return _label_parts(graph, lambda rows: _split_group(vectors[rows], options)), nearest


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
    vectors: sparse.csr_matrix, nearest: sparse.csr_matrix, groups: Iterable[list[int]], options: StoryOptions
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
    eigenvalues before its largest gap (one when the first gap is the largest)."""
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
    stories = int(np.argmax(np.diff(values))) + 1
    if stories == 1:
        return np.zeros(n, dtype=np.int64)
    from sklearn.cluster import KMeans  # only the nightly digest needs it

    embedding = normalize(vectors[:, :stories])
    labels = KMeans(stories, n_init=K_MEANS_RESTARTS, random_state=options.seed).fit_predict(embedding)
    return np.asarray(labels, dtype=np.int64)


def _first_words(paragraphs: Sequence[str], count: int = 12) -> str:
    words = " ".join(paragraphs).split()
    return " ".join(words[:count]) + (" ..." if len(words) > count else "")
