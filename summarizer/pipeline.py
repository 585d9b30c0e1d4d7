"""The one composition of the stages; nothing else calls them in sequence.

    Document --read_document--> CleanArticle --_usable_articles--> usable articles
      --_segment--> Sentence --_term_space (fact_terms, tfidf_vectors)--> TF-IDF vectors
      --similarity_graph--> graph
      --_relevance: textrank (teleport: position_prior x query_similarity)--> centrality
          --corroboration over the candidate pool--> --query blend--> --outnumbered details to 0--> relevance
      --_selection: content_bigrams, select_by_coverage (or select_sentences: MMR), under
          FactIndex's redundancy bar; order_sentences--> ordered picks
      --_attribution: FactRule.stating and .disputing, by_article--> Digest

Input problems that leave something to summarize become ``Notice`` warnings on the
digest; input with nothing to summarize raises ``NoSummarizableText``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .attribution import by_article, corroboration
from .candidates import candidate_verdicts, leaning_pairs, standalone_weight
from .cleaning import clean_article
from .coverage import content_bigrams, select_by_coverage
from .errors import InputError, NoSummarizableText
from .extraction import resolve_article
from .facts import FactRule
from .model import Article, CleanArticle, Digest, DigestSentence, Document, Evidence, Notice, Sentence, Source
from .options import SummaryOptions
from .ordering import order_sentences
from .ranking import position_prior, query_similarity, textrank
from .redundancy import FactIndex
from .segmentation import SentenceSegmenter, load_segmenter, segment_articles
from .selection import select_sentences
from .similarity import similarity_graph, tfidf_vectors
from .terms import Stemmer, TermAnalyzer, stop_word_ratio

__all__ = ["STAGES", "Summarizer", "read_document", "summarize"]

# What ``Summarizer.summarize`` reports to its ``stage_done`` callback, in order.
STAGES = ("clean", "segment", "vectorize", "graph", "rank", "select")

# Below this share of English stop words a text is not English prose (English news
# runs near 0.4); from this many words up the share is a reliable signal.
MIN_ENGLISH_STOP_WORD_RATIO = 0.12
MIN_WORDS_FOR_LANGUAGE_CHECK = 20
# The language check reads this much of a document: a few hundred words decide it.
LANGUAGE_SAMPLE_CHARS = 4000
SPECIFIC_QUERY_SHARE = 0.5


class Summarizer:
    """Holds what is loaded once (the Punkt model, the stem memo) and summarizes any
    number of document sets with it. No call's output depends on an earlier call."""

    def __init__(self, segmenter: SentenceSegmenter | None = None) -> None:
        self._segmenter = segmenter or load_segmenter()
        self._stemmer = Stemmer()

    def __reduce__(self) -> tuple[type[Summarizer], tuple[SentenceSegmenter]]:
        # Sent to a Dask worker with its Punkt model and a fresh stem memo (see ``Stemmer``).
        return (Summarizer, (self._segmenter,))

    def summarize(
        self,
        documents: Sequence[Document],
        options: SummaryOptions,
        stage_done: Callable[[str], None] | None = None,
    ) -> Digest:
        """``stage_done`` is called with each of ``STAGES`` as it finishes, which is how
        ``benchmarks/speed.py`` times them; it cannot change the digest."""
        notices: list[Notice] = []
        articles = [read_document(d, options, notices) for d in documents]
        return self.summarize_clean_articles(articles, options, stage_done, notices)

    def summarize_clean_articles(
        self,
        articles: Sequence[CleanArticle],
        options: SummaryOptions,
        stage_done: Callable[[str], None] | None = None,
        notices: Sequence[Notice] = (),
    ) -> Digest:
        """The digest of articles already through ``read_document`` (with the ``notices``
        that gave): the same digest ``summarize`` gives for the documents themselves."""
        done = stage_done or _ignore_stage
        if not articles:
            raise InputError("no documents to summarize")
        notices = list(notices)
        usable = _usable_articles(list(articles), notices)
        done("clean")
        sentences = _segment(usable, self._segmenter, notices)
        done("segment")
        space = _term_space(sentences, options.query, TermAnalyzer(self._stemmer))
        done("vectorize")
        graph = similarity_graph(space.vectors, options.graph_neighbors)
        done("graph")
        facts = FactIndex(space.fact_terms)
        rule = FactRule(
            [s.text for s in sentences],
            facts,
            self._stemmer.stem,
            options.redundancy_threshold,
            [s.article_index for s in sentences],
        )
        relevance = _relevance(sentences, usable, space, graph, rule, options, notices)
        done("rank")
        ordered = _selection(sentences, usable, relevance, space, facts, options, notices)
        summary, cited = _attribution(ordered, sentences, usable, relevance, rule)
        sources = tuple(Source(a.id, a.outlet, a.title, a.url) for a in (c.article for c in articles) if a.id in cited)
        done("select")
        return Digest(summary, sources, tuple(notices), len(sentences))


def summarize(documents: Sequence[Document], options: SummaryOptions | None = None) -> Digest:
    """Summarize once. Loads the Punkt model on every call: build one ``Summarizer``
    and reuse it when summarizing more than once."""
    return Summarizer().summarize(documents, options or SummaryOptions())


def read_document(document: Document, options: SummaryOptions, notices: list[Notice]) -> CleanArticle:
    """The first stage: ``document`` resolved, cut to ``max_document_chars`` (with a
    notice) and cleaned. The daily digest reads each article once with it, groups the
    day's stories by the cleaned text, and summarizes each with ``summarize_clean_articles``."""
    return clean_article(_truncate(resolve_article(document), options, notices))


@dataclass(frozen=True)
class _TermSpace:
    """The sentences' terms and TF-IDF rows, and the query's in the same space."""

    fact_terms: list[list[str]]  # each sentence's, numbers included (FactIndex, FactRule)
    vectors: sparse.csr_matrix  # each sentence's TF-IDF row
    query_terms: list[str]  # empty without a query, or when it is all stop words
    query_vector: sparse.csr_matrix | None  # the query's row, when it has terms


@dataclass(frozen=True)
class _Relevance:
    """What ranking found: each sentence's relevance (0 outside the candidate pool, and
    for a detail most outlets tell otherwise), and what disputes each pooled sentence."""

    scores: np.ndarray
    disputes: dict[int, np.ndarray]  # pooled row -> the rows telling a detail of it otherwise
    follows: dict[int, int]  # pooled row that leans on the sentence before it -> that sentence
    # pooled row whose fact FactRule.stating reads in parts (FactCores.readings: without a
    # framing opening, or a contrast's two facts) -> the rows stating it; the selection's
    # overlap reads the whole
    restating: dict[int, np.ndarray]


@dataclass(frozen=True)
class _Candidates:
    """Which sentences may be picked: on their own (``alone``), or right after the
    sentence before them, which they lean on (``follows``, issue 12 point 4)."""

    alone: np.ndarray
    follows: dict[int, int]


def _ignore_stage(stage: str) -> None:
    pass


def _segment(
    articles: Sequence[CleanArticle], segmenter: SentenceSegmenter, notices: list[Notice]
) -> tuple[Sentence, ...]:
    """The articles' sentences, with a notice when one outlet alone reports."""
    sentences = segment_articles(articles, segmenter)
    if not sentences:
        raise NoSummarizableText("no summarizable text: every document is empty, clutter only, or not English")
    if len(articles) == 1 and not articles[0].copies:
        notices.append(Notice("single_source", "only one article: no other outlet can confirm its facts"))
    return sentences


def _term_space(sentences: Sequence[Sentence], query: str | None, analyzer: TermAnalyzer) -> _TermSpace:
    fact_terms = [analyzer.fact_terms(s.text) for s in sentences]
    # Ranking uses the same terms without the numbers (see TermAnalyzer.fact_terms).
    term_lists = [[t for t in facts if not t.isdigit()] for facts in fact_terms]
    query_terms = analyzer.query_terms(query) if query else []
    # The query is vectorised in the sentences' TF-IDF space, as one more row.
    space = tfidf_vectors([*term_lists, query_terms] if query_terms else term_lists)
    n = len(sentences)
    return _TermSpace(fact_terms, space[:n], query_terms, space[n] if query_terms else None)


def _relevance(
    sentences: Sequence[Sentence],
    articles: Sequence[CleanArticle],
    space: _TermSpace,
    graph: sparse.csr_matrix,
    rule: FactRule,
    options: SummaryOptions,
    notices: list[Notice],
) -> _Relevance:
    """Centrality (TextRank, restarting near the lead and the query), raised for facts
    more outlets carry, blended with the query, over the candidate pool only."""
    focus = _query_focus(space, options.query, notices)
    centrality = textrank(graph, _teleport_prior(sentences, focus, options.position_weight), options.damping)
    candidates = _candidates(sentences, options, notices)
    eligible = candidates.alone.copy()
    eligible[list(candidates.follows)] = True
    pool = _candidate_pool(centrality, eligible, options.candidate_pool)
    scores = _corroborated(centrality, pool, corroboration(pool, sentences, articles, rule), sentences, options)
    if space.query_terms:
        # MMR's relevance to the query (Carbonell & Goldstein 1998), blended with the
        # graph's centrality so that an isolated but on-subject fact can lead.
        scores = _blend_query(scores, focus, _query_share(len(set(space.query_terms)), options.query_weight))
    # Where outlets tell a detail differently, the version most of them carry is told.
    disputes = dict(zip(pool, rule.disputing(pool), strict=True))
    for row in _outnumbered_rows(pool, disputes, sentences, articles, rule):
        scores[row] = 0.0
    pooled = set(pool)
    follows = {row: before for row, before in candidates.follows.items() if row in pooled and before in pooled}
    for row in pooled.intersection(candidates.follows).difference(follows):
        scores[row] = 0.0  # leans on a sentence that cannot be picked
    read_apart = [row for row in pool if rule.cores.readings(row)]
    return _Relevance(scores, disputes, follows, dict(zip(read_apart, rule.stating(read_apart), strict=True)))


def _query_focus(space: _TermSpace, query: str | None, notices: list[Notice]) -> np.ndarray:
    """Each sentence's similarity to the query, the closest 1 (all 0 without a query)."""
    if space.query_vector is None:
        focus = np.zeros(space.vectors.shape[0])
    else:
        focus = query_similarity(space.vectors, space.query_vector)
    if query and not focus.any():
        notices.append(Notice("query_unmatched", "no sentence shares a word with the query; digest is generic"))
    return focus


def _teleport_prior(sentences: Sequence[Sentence], focus: np.ndarray, position_weight: float) -> np.ndarray:
    """Where TextRank's random walk restarts: near the top of an article, and, with a
    query, near the sentences that match it (topic-sensitive LexRank)."""
    # Unnormalised: textrank makes it a distribution.
    return position_prior(sentences, position_weight) * (1.0 + focus)


def _candidates(sentences: Sequence[Sentence], options: SummaryOptions, notices: list[Notice]) -> _Candidates:
    """Which sentences read well enough on their own to be picked, and which with the one
    before them; all of them, with a notice, when none does."""
    verdicts = candidate_verdicts(sentences, options)
    alone = np.array([verdict is None for verdict in verdicts])
    if alone.any():
        return _Candidates(alone, leaning_pairs(sentences, verdicts))
    notices.append(
        Notice(
            "no_clean_candidates",
            "no sentence reads well on its own (length, pronoun openings, questions); the digest uses what there is",
        )
    )
    return _Candidates(np.ones(len(sentences), dtype=bool), {})


def _candidate_pool(scores: np.ndarray, eligible: np.ndarray, size: int) -> list[int]:
    """The ``size`` best-scored eligible rows; ties go to the earlier sentence."""
    rows = np.flatnonzero(eligible)
    best_first = rows[np.lexsort((rows, -scores[rows]))]
    return [int(r) for r in best_first[:size]]


def _corroborated(
    centrality: np.ndarray,
    pool: Sequence[int],
    support: dict[int, float],
    sentences: Sequence[Sentence],
    options: SummaryOptions,
) -> np.ndarray:
    """The pool's centrality raised by the share of outlets carrying each fact (and
    lowered for a quote opening), the best 1; 0 outside the pool."""
    scores = np.zeros(len(sentences))
    for row in pool:
        scores[row] = (
            centrality[row] * (1.0 + options.support_weight * support[row]) * standalone_weight(sentences[row])
        )
    scores /= scores.max()
    return scores


def _blend_query(scores: np.ndarray, focus: np.ndarray, share: float) -> np.ndarray:
    """``share`` of each pooled sentence's relevance from the query, the rest from ``scores``; the best 1."""
    blended = np.where(scores > 0, (1 - share) * scores + share * focus, 0.0)
    blended /= blended.max()
    return blended


def _query_share(terms: int, weight: float) -> float:
    """How much of MMR's relevance the query decides. A short query names a subject
    precisely ("salvage of the ferry"), so up to 4 terms get SPECIFIC_QUERY_SHARE; a long
    narrative spreads over many aspects and its similarity is a noisier signal, so it
    falls to ``weight`` (the share tuned on DUC's topic narratives, which run 5 to 19
    terms) from 8 terms on."""
    if terms <= 4:
        return max(weight, SPECIFIC_QUERY_SHARE)
    if terms >= 8:
        return weight
    return max(weight, SPECIFIC_QUERY_SHARE - (SPECIFIC_QUERY_SHARE - weight) * (terms - 4) / 4)


def _outnumbered_rows(
    pool: Sequence[int],
    disputes: dict[int, np.ndarray],
    sentences: Sequence[Sentence],
    articles: Sequence[CleanArticle],
    rule: FactRule,
) -> list[int]:
    """The pooled rows with a detail that more outlets tell otherwise than tell as it does."""
    disputed = [row for row in pool if len(disputes[row])]
    return [
        row
        for row, stating in zip(disputed, rule.stating(disputed), strict=True)
        if _outnumbered(row, stating, disputes[row], sentences, articles)
    ]


def _selection(
    sentences: Sequence[Sentence],
    articles: Sequence[CleanArticle],
    relevance: _Relevance,
    space: _TermSpace,
    facts: FactIndex,
    options: SummaryOptions,
    notices: list[Notice],
) -> list[int]:
    """The picks (the most concepts many outlets carry, or MMR, under the word budget,
    never a fact twice), in the digest's order."""
    eligible = relevance.scores > 0
    scores, follows = relevance.scores, relevance.follows
    # Never printed together: two tellings of a detail, and a sentence whose fact is read in
    # parts and a restatement of it (few rows: most of the pool is read whole).
    disputes = relevance.disputes | {
        row: np.union1d(relevance.disputes.get(row, ()), stated).astype(int)
        for row, stated in relevance.restating.items()
    }
    if options.selection == "coverage":
        concepts = content_bigrams(space.fact_terms, sentences, articles)
        picked = select_by_coverage(
            sentences, scores, space.vectors, concepts, facts, eligible, disputes, follows, options
        )
    else:
        picked = select_sentences(sentences, scores, space.vectors, facts, eligible, disputes, follows, options)
    if not picked:
        notices.append(Notice("budget_too_small", f"no sentence fits within max_words={options.max_words}"))
    return order_sentences(picked, sentences, articles, options.order, follows)


def _attribution(
    ordered: Sequence[int],
    sentences: Sequence[Sentence],
    articles: Sequence[CleanArticle],
    relevance: _Relevance,
    rule: FactRule,
) -> tuple[tuple[DigestSentence, ...], set[str]]:
    """Each pick cited to its outlet, with the other outlets that state its fact and those
    that tell a detail of it otherwise, each with its sentence as evidence; and the ids of
    every article cited, wire copies included."""
    summary: list[DigestSentence] = []
    cited: set[str] = set()
    reporting = by_article(rule.stating(ordered), ordered, sentences)
    # The picks come from the pool, whose disagreements are already known.
    telling_otherwise = by_article([relevance.disputes[row] for row in ordered], ordered, sentences)
    for row, reporters, disputers in zip(ordered, reporting, telling_otherwise, strict=True):
        own = articles[sentences[row].article_index]
        # Wire copies carry the very sentence; another article, its own sentence of the fact.
        carried = [(a, row) for a in own.copies] + _carriers(reporters, articles)
        evidence = _first_per_outlet(
            Evidence(a.outlet, a.id, sentences[support].text)
            for a, support in carried
            if a.outlet != own.article.outlet
        )
        crediting = {own.article.outlet, *(e.outlet for e in evidence)}
        disputed_by = _first_per_outlet(
            Evidence(a.outlet, a.id, sentences[other].text)
            for a, other in _carriers(disputers, articles)
            if a.outlet not in crediting
        )
        cited.update(a.id for a in (own.article, *(a for a, _ in carried)))
        summary.append(
            DigestSentence(
                text=sentences[row].text,
                outlet=own.article.outlet,
                document_id=own.article.id,
                url=own.article.url,
                also_reported_by=tuple(e.outlet for e in evidence),
                score=round(float(relevance.scores[row]), 4),
                published_at=own.article.published_at,
                evidence=evidence,
                disputed_by=disputed_by,
            )
        )
    return tuple(summary), cited


def _truncate(article: Article, options: SummaryOptions, notices: list[Notice]) -> Article:
    limit = options.max_document_chars
    if len(article.text) <= limit:
        return article
    cut = article.text.rfind("\n", 0, limit)
    text = article.text[: cut if cut > limit // 2 else limit]
    notices.append(
        Notice(
            "truncated",
            f"document is {len(article.text):,} characters; only the first {len(text):,} were read",
            article.id,
        )
    )
    return Article(article.id, article.outlet, article.title, article.url, article.published_at, text)


def _usable_articles(articles: list[CleanArticle], notices: list[Notice]) -> list[CleanArticle]:
    """Drop empty and non-English articles, and fold copies of the same text (``text_key``) into their first carrier."""
    usable: list[CleanArticle] = []
    first_by_text: dict[str, int] = {}
    for clean in articles:
        article = clean.article
        if not article.text.strip():
            notices.append(Notice("empty_document", "document has no text; skipped", article.id))
            continue
        if not _looks_english(article.text):
            notices.append(Notice("not_english", "text does not look like English; skipped", article.id))
            continue
        if not clean.paragraphs:
            notices.append(
                Notice(
                    "no_prose",
                    "no prose left after removing clutter (no sentence punctuation?); skipped",
                    article.id,
                )
            )
            continue
        key = clean.text_key
        if key in first_by_text:
            index = first_by_text[key]
            first = usable[index]
            usable[index] = CleanArticle(first.article, first.paragraphs, (*first.copies, article))
            notices.append(
                Notice(
                    "duplicate_text",
                    f"same text as document {first.article.id!r}; counted once, cited for both",
                    article.id,
                )
            )
            continue
        first_by_text[key] = len(usable)
        usable.append(clean)
    return usable


def _looks_english(text: str) -> bool:
    text = text[:LANGUAGE_SAMPLE_CHARS]
    if not any(c.isascii() and c.isalpha() for c in text):
        return False
    return len(text.split()) < MIN_WORDS_FOR_LANGUAGE_CHECK or stop_word_ratio(text) >= MIN_ENGLISH_STOP_WORD_RATIO


def _carriers(found: Sequence[tuple[int, int]], cleaned: Sequence[CleanArticle]) -> list[tuple[Article, int]]:
    """Each (article, sentence) of ``found`` with the article's wire copies, which carry it too."""
    return [(a, sentence) for article, sentence in found for a in (cleaned[article].article, *cleaned[article].copies)]


def _outnumbered(
    row: int, stating: np.ndarray, disputing: np.ndarray, sentences: Sequence[Sentence], cleaned: Sequence[CleanArticle]
) -> bool:
    """Whether more outlets tell ``row``'s detail otherwise than tell it as it does."""
    own = [(sentences[row].article_index, row)]
    telling = {a.outlet for a, _ in _carriers(own + by_article([stating], [row], sentences)[0], cleaned)}
    otherwise = {a.outlet for a, _ in _carriers(by_article([disputing], [row], sentences)[0], cleaned)} - telling
    return len(otherwise) > len(telling)


def _first_per_outlet(evidence: Iterable[Evidence]) -> tuple[Evidence, ...]:
    first: dict[str, Evidence] = {}
    for item in evidence:
        first.setdefault(item.outlet, item)
    return tuple(first.values())
