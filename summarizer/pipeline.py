"""The one composition of the stages; nothing else calls them in sequence.

    Document --resolve_article--> Article --clean_article--> CleanArticle
      --segment_articles--> Sentence --terms--> TF-IDF vectors --similarity_graph-->
      graph --textrank--> relevance --select_sentences (MMR, FactIndex)--> picks
      --order_sentences--> ordered picks --reporting_articles--> Digest

Input problems that leave something to summarize become ``Notice`` warnings on the
digest; input with nothing to summarize raises ``NoSummarizableText``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

from .attribution import by_article, corroboration
from .candidates import candidate_flags, standalone_weight
from .cleaning import clean_article
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

    def summarize(
        self,
        documents: Sequence[Document],
        options: SummaryOptions,
        stage_done: Callable[[str], None] | None = None,
    ) -> Digest:
        """``stage_done`` is called with each of ``STAGES`` as it finishes, which is how
        ``benchmarks/speed.py`` times them; it cannot change the digest."""
        notices: list[Notice] = []
        read = [read_document(d, options, notices) for d in documents]
        return self.summarize_read(read, options, stage_done, notices)

    def summarize_read(
        self,
        read: Sequence[CleanArticle],
        options: SummaryOptions,
        stage_done: Callable[[str], None] | None = None,
        notices: Sequence[Notice] = (),
    ) -> Digest:
        """The digest of documents already through ``read_document`` (with the ``notices``
        that gave): the same digest ``summarize`` gives for the documents themselves."""
        done = stage_done or _ignore_stage
        if not read:
            raise InputError("no documents to summarize")
        notices = list(notices)
        cleaned = _usable_articles(list(read), notices)
        done("clean")
        sentences = segment_articles(cleaned, self._segmenter)
        if not sentences:
            raise NoSummarizableText("no summarizable text: every document is empty, clutter only, or not English")
        if len(cleaned) == 1 and not cleaned[0].copies:
            notices.append(Notice("single_source", "only one article: no other outlet can confirm its facts"))
        done("segment")

        analyzer = TermAnalyzer(self._stemmer)
        fact_lists = [analyzer.fact_terms(s.text) for s in sentences]
        # Ranking uses the same terms without the numbers (see TermAnalyzer.fact_terms).
        term_lists = [[t for t in facts if not t.isdigit()] for facts in fact_lists]
        query_terms = analyzer.query_terms(options.query) if options.query else []
        # The query is vectorised in the sentences' TF-IDF space, as one more row.
        space = tfidf_vectors([*term_lists, query_terms] if query_terms else term_lists)
        vectors = space[: len(sentences)]
        done("vectorize")
        graph = similarity_graph(vectors, options.graph_neighbors)
        done("graph")
        prior = position_prior(sentences, options.position_weight)
        focus = query_similarity(vectors, space[len(sentences)]) if query_terms else np.zeros(len(sentences))
        if options.query and not focus.any():
            notices.append(Notice("query_unmatched", "no sentence shares a word with the query; digest is generic"))
        prior = prior * (1.0 + focus)
        prior /= prior.sum()
        textrank_scores = textrank(graph, prior, options.damping)
        facts = FactIndex(fact_lists)
        rule = FactRule([s.text for s in sentences], facts, self._stemmer.stem, options.redundancy_threshold)

        eligible = np.array(candidate_flags(sentences, options))
        if not eligible.any():
            notices.append(
                Notice(
                    "no_clean_candidates",
                    "no sentence reads well on its own (length, pronoun openings, questions); "
                    "the digest uses what there is",
                )
            )
            eligible = np.ones(len(sentences), dtype=bool)
        pool = _candidate_pool(textrank_scores, eligible, options.candidate_pool)
        support = corroboration(pool, sentences, cleaned, rule)
        relevance = np.zeros(len(sentences))
        for row in pool:
            relevance[row] = (
                textrank_scores[row] * (1.0 + options.support_weight * support[row]) * standalone_weight(sentences[row])
            )
        relevance /= relevance.max()
        if query_terms:
            # MMR's relevance to the query (Carbonell & Goldstein 1998), blended with the
            # graph's centrality so that an isolated but on-subject fact can lead.
            share = _query_share(len(set(query_terms)), options.query_weight)
            in_pool = relevance > 0
            relevance = np.where(in_pool, (1 - share) * relevance + share * focus, 0.0)
            relevance /= relevance.max()
        # Where outlets tell a detail differently, the version most of them carry is told.
        disputes = dict(zip(pool, rule.disputing(pool), strict=True))
        disputed = [row for row in pool if len(disputes[row])]
        for row, stating in zip(disputed, rule.stating(disputed), strict=True):
            if _outnumbered(row, stating, disputes[row], sentences, cleaned):
                relevance[row] = 0.0
        eligible = relevance > 0
        done("rank")
        picked = select_sentences(sentences, relevance, vectors, facts, eligible, disputes, options)
        if not picked:
            notices.append(Notice("budget_too_small", f"no sentence fits within max_words={options.max_words}"))
        ordered = order_sentences(picked, sentences, cleaned, options.order)

        summary: list[DigestSentence] = []
        cited: set[str] = set()
        reporting = by_article(rule.stating(ordered), ordered, sentences)
        # The picks come from the pool, whose disagreements are already known.
        telling_otherwise = by_article([disputes[row] for row in ordered], ordered, sentences)
        for row, reporters, disputers in zip(ordered, reporting, telling_otherwise, strict=True):
            own = cleaned[sentences[row].article_index]
            # Wire copies carry the very sentence; another article, its own sentence of the fact.
            carried = [(a, row) for a in own.copies] + _carriers(reporters, cleaned)
            evidence = _first_per_outlet(
                Evidence(a.outlet, a.id, sentences[support].text)
                for a, support in carried
                if a.outlet != own.article.outlet
            )
            crediting = {own.article.outlet, *(e.outlet for e in evidence)}
            disputed_by = _first_per_outlet(
                Evidence(a.outlet, a.id, sentences[other].text)
                for a, other in _carriers(disputers, cleaned)
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
                    score=round(float(relevance[row]), 4),
                    published_at=own.article.published_at,
                    evidence=evidence,
                    disputed_by=disputed_by,
                )
            )
        articles = [r.article for r in read]
        sources = tuple(Source(a.id, a.outlet, a.title, a.url) for a in articles if a.id in cited)
        done("select")
        return Digest(tuple(summary), sources, tuple(notices), len(sentences))


def summarize(documents: Sequence[Document], options: SummaryOptions | None = None) -> Digest:
    """Summarize once. Loads the Punkt model on every call: build one ``Summarizer``
    and reuse it when summarizing more than once."""
    return Summarizer().summarize(documents, options or SummaryOptions())


def read_document(document: Document, options: SummaryOptions, notices: list[Notice]) -> CleanArticle:
    """The first stage: ``document`` resolved, cut to ``max_document_chars`` (with a
    notice) and cleaned. The daily digest reads each article once with it, groups the
    day's stories by the cleaned text, and summarizes each with ``summarize_read``."""
    return clean_article(_truncate(resolve_article(document), options, notices))


def _ignore_stage(stage: str) -> None:
    pass


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


def _candidate_pool(scores: np.ndarray, eligible: np.ndarray, size: int) -> list[int]:
    """The ``size`` best-scored eligible rows; ties go to the earlier sentence."""
    rows = np.flatnonzero(eligible)
    best_first = rows[np.lexsort((rows, -scores[rows]))]
    return [int(r) for r in best_first[:size]]


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
