"""The systems the ROUGE harness compares, each a function (cluster, words, query) -> lines.

- ``ours``: this project's digest (``Summarizer``), one sentence per line.
- ``lead``: the leading sentences of the most recent article (NIST's DUC baseline).
- ``design``: the design read literally: TF-IDF cosine, a dense graph, PageRank, MMR at
  lambda 0.7 with cosine redundancy, no cleaning rules beyond ours, no redundancy bar.
- ``lexrank`` / ``textrank``: sumy's implementations (Erkan & Radev 2004; Mihalcea &
  Tarau 2004). sumy's own tokenizer needs NLTK's downloadable Punkt data, so they get
  sentences from our segmenter and words from a regular expression.
- ``lexrank-package``: the ``lexrank`` package on PyPI (crabcamp), IDF from the
  cluster's articles, its English stop words, the 0.1 similarity threshold of its
  README and of Erkan & Radev.

Baselines stop once they reach the word budget; the harness cuts every summary to
exactly N words, as DUC did. Every system sees the same sentences: HTML extracted by
trafilatura, then our cleaning and segmentation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

import networkx as nx
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from summarizer import Summarizer, SummaryOptions
from summarizer.cleaning import clean_text
from summarizer.extraction import resolve_article
from summarizer.segmentation import SentenceSegmenter

from .duc import Cluster

__all__ = ["SYSTEMS", "System", "make_systems"]

System = Callable[[Cluster, int, str | None], list[str]]
SYSTEMS = ("ours", "lead", "design", "lexrank", "textrank", "lexrank-package")
WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True)
class _ArticleSentences:
    published_at: datetime | None
    sentences: tuple[str, ...]


def _articles(cluster: Cluster, segmenter: SentenceSegmenter) -> list[_ArticleSentences]:
    return [
        _ArticleSentences(
            d.published_at,
            tuple(s for p in clean_text(resolve_article(d).text) for s in segmenter.split(p)),
        )
        for d in cluster.documents
    ]


def _fill(ranked: list[str], words: int) -> list[str]:
    chosen, total = [], 0
    for sentence in ranked:
        if total >= words:
            break
        chosen.append(sentence)
        total += len(sentence.split())
    return chosen


def make_systems(
    summarizer: Summarizer, segmenter: SentenceSegmenter, tuning: Mapping[str, object] | None = None
) -> dict[str, System]:
    """The systems by name; ``tuning`` sets library options of ``ours`` (``--option``)."""
    settings = dict(tuning or {})

    def ours(cluster: Cluster, words: int, query: str | None) -> list[str]:
        options = SummaryOptions.from_mapping({**settings, "max_words": words, "query": query})
        return [s.text for s in summarizer.summarize(cluster.documents, options).summary]

    def lead(cluster: Cluster, words: int, query: str | None) -> list[str]:
        articles = _articles(cluster, segmenter)
        latest = max(range(len(articles)), key=lambda i: (articles[i].published_at or datetime.min, -i))
        return _fill(list(articles[latest].sentences), words)

    def design(cluster: Cluster, words: int, query: str | None) -> list[str]:
        sentences = [s for a in _articles(cluster, segmenter) for s in a.sentences]
        vectors = TfidfVectorizer().fit_transform(sentences)
        similarity = (vectors @ vectors.T).toarray()
        np.fill_diagonal(similarity, 0.0)
        ranks = nx.pagerank(nx.from_numpy_array(similarity))
        relevance = np.array([ranks[i] for i in range(len(sentences))])
        relevance /= relevance.max()
        chosen: list[int] = []
        total = 0
        while total < words and len(chosen) < len(sentences):
            redundancy = similarity[:, chosen].max(axis=1) if chosen else np.zeros(len(sentences))
            mmr = 0.7 * relevance - 0.3 * redundancy
            mmr[chosen] = -np.inf
            best = int(np.argmax(mmr))
            chosen.append(best)
            total += len(sentences[best].split())
        return [sentences[i] for i in chosen]

    def sumy_system(kind: str) -> System:
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
        from sumy.nlp.stemmers import Stemmer
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.summarizers.text_rank import TextRankSummarizer
        from sumy.utils import get_stop_words

        class RegexTokenizer:
            language = "english"

            def to_words(self, text: str) -> tuple[str, ...]:
                return tuple(WORD_RE.findall(text))

        tokenizer = RegexTokenizer()
        implementation = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer}[kind]

        def run(cluster: Cluster, words: int, query: str | None) -> list[str]:
            paragraphs = [
                Paragraph([Sentence(s, tokenizer) for s in a.sentences])
                for a in _articles(cluster, segmenter)
                if a.sentences
            ]
            engine = implementation(Stemmer("english"))
            engine.stop_words = get_stop_words("english")

            def best_until_budget(infos: list) -> list:  # type: ignore[type-arg]
                chosen, total = [], 0
                for info in infos:  # sumy passes them best first
                    if total >= words:
                        break
                    chosen.append(info)
                    total += len(str(info.sentence).split())
                return chosen

            ranked = engine(ObjectDocumentModel(paragraphs), best_until_budget)
            return [str(s) for s in ranked]

        return run

    def lexrank_package(cluster: Cluster, words: int, query: str | None) -> list[str]:
        from lexrank import STOPWORDS, LexRank

        articles = [list(a.sentences) for a in _articles(cluster, segmenter) if a.sentences]
        sentences = [s for a in articles for s in a]
        scores = LexRank(articles, stopwords=STOPWORDS["en"]).rank_sentences(sentences, threshold=0.1)
        best_first = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
        return _fill([sentences[i] for i in best_first], words)

    return {
        "ours": ours,
        "lead": lead,
        "design": design,
        "lexrank": sumy_system("lexrank"),
        "textrank": sumy_system("textrank"),
        "lexrank-package": lexrank_package,
    }
