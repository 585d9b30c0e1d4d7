"""Coverage selection: the budget, the redundancy bar, and concepts weighted by how many outlets carry them."""

from __future__ import annotations

import numpy as np

from summarizer.coverage import content_bigrams, select_by_coverage
from summarizer.model import Sentence
from summarizer.options import SummaryOptions
from summarizer.redundancy import FactIndex
from summarizer.similarity import tfidf_vectors
from summarizer.terms import TermAnalyzer

from .builders import make_clean_article


def pick(
    texts: list[str],
    relevance: list[float],
    options: SummaryOptions,
    articles: list[int] | None = None,
    positions: list[int] | None = None,
) -> list[int]:
    """The coverage picks among ``texts``, sentence i from article ``articles[i]`` (its own by default)."""
    articles = articles or list(range(len(texts)))
    positions = positions or [1] * len(texts)
    sentences = [Sentence(i, a, p, t) for i, (t, a, p) in enumerate(zip(texts, articles, positions, strict=True))]
    clean = [make_clean_article(f"a{a}", f"Article {a}.") for a in range(max(articles) + 1)]
    analyzer = TermAnalyzer()
    terms = [analyzer.fact_terms(t) for t in texts]
    return select_by_coverage(
        sentences,
        np.array(relevance),
        tfidf_vectors([[t for t in ts if not t.isdigit()] for ts in terms]),
        content_bigrams(terms, sentences, clean),
        FactIndex(terms),
        np.ones(len(texts), dtype=bool),
        {},
        {},
        options,
    )


def words_of(texts: list[str], picked: list[int]) -> int:
    return sum(len(texts[i].split()) for i in picked)


FERRY = [
    "The ferry Marisol ran aground off Pellan Island on Thursday with 212 passengers aboard.",  # article 0
    "All 212 passengers were evacuated after the ferry Marisol ran aground off Pellan Island.",  # article 1
    "Salvage crews will try to refloat the Marisol at high tide on Saturday, the operator said.",  # article 2
    "Crews hope to refloat the Marisol at high tide on Saturday, officials said.",  # article 3
    "The island's mayor once ran a bakery famous for its almond tarts across the whole region.",  # article 0
    "The coast guard opened an inquiry into why the ferry Marisol ran aground.",  # article 3
]
FERRY_ARTICLES = [0, 1, 2, 3, 0, 3]


def test_budget_is_never_exceeded() -> None:
    for budget in (10, 13, 16, 25, 40, 80):
        picked = pick(FERRY, [1.0, 0.9, 0.8, 0.7, 0.6, 0.5], SummaryOptions(max_words=budget), FERRY_ARTICLES)
        assert words_of(FERRY, picked) <= budget
        assert picked or budget < min(len(t.split()) for t in FERRY)


def test_budget_is_filled_with_a_shorter_sentence_that_fits() -> None:
    texts = [
        "The ferry ran aground off Pellan Island on Thursday evening with 212 passengers aboard.",  # 14 words
        # 19 words:
        "Salvage crews from three ports worked through the night to pump water from the damaged hull of the vessel.",
        "The coast guard opened an inquiry.",  # 6
    ]
    # The second sentence does not fit beside the first (14 + 19 > 22); the third does.
    assert sorted(pick(texts, [1.0, 0.9, 0.5], SummaryOptions(max_words=22))) == [0, 2]


def test_cap_is_never_exceeded_even_when_the_best_sentence_is_too_long() -> None:
    texts = ["One two three four five six seven eight nine ten eleven twelve.", "Crews pumped water out overnight."]
    assert pick(texts, [1.0, 0.2], SummaryOptions(max_words=8)) == [1]


def test_no_fact_twice_however_much_it_covers() -> None:
    texts = [
        "The ferry Marisol ran aground off Pellan Island on Thursday.",
        "On Thursday the Marisol ferry ran aground near Pellan Island.",
        "The coast guard opened an inquiry into the grounding of the Marisol.",
    ]
    picked = pick(texts, [1.0, 0.99, 0.5], SummaryOptions(max_words=100), articles=[0, 1, 2])
    assert not {0, 1} <= set(picked)
    assert 2 in picked


def test_prefers_what_many_outlets_carry_over_one_article_side_topic() -> None:
    # The bakery sentence is the most relevant by itself, but only article 0 carries its words;
    # the refloating is told by two outlets, and its concepts tip the choice.
    relevance = [0.3, 0.3, 0.8, 0.8, 0.85, 0.3]
    picked = pick(FERRY, relevance, SummaryOptions(max_words=16), FERRY_ARTICLES)
    assert picked[0] in (2, 3)
    without_coverage = pick(FERRY, relevance, SummaryOptions(max_words=16, coverage_weight=0.0), FERRY_ARTICLES)
    assert without_coverage[0] == 4


def test_relevance_decides_between_equal_coverage() -> None:
    texts = ["The river flooded the old town.", "The river flooded the old town again."]
    assert pick(texts, [0.2, 1.0], SummaryOptions(max_words=7), articles=[0, 0])[0] == 1


def test_deterministic_and_ties_go_to_the_earlier_sentence() -> None:
    texts = ["Rain fell on the coast all week.", "Snow fell on the hills all week."]
    first = pick(texts, [1.0, 1.0], SummaryOptions(max_words=7), articles=[0, 1])
    assert first == pick(texts, [1.0, 1.0], SummaryOptions(max_words=7), articles=[0, 1]) == [0]


def test_stops_at_max_sentences() -> None:
    options = SummaryOptions(max_words=500, max_sentences=2)
    assert len(pick(FERRY, [1.0, 0.9, 0.8, 0.7, 0.6, 0.5], options, FERRY_ARTICLES)) == 2


def test_nothing_eligible_picks_nothing() -> None:
    sentences = [Sentence(0, 0, 0, "The ferry ran aground.")]
    terms = [TermAnalyzer().fact_terms(sentences[0].text)]
    concepts = content_bigrams(terms, sentences, [make_clean_article()])
    vectors = tfidf_vectors(terms)
    picked = select_by_coverage(
        sentences, np.ones(1), vectors, concepts, FactIndex(terms), np.zeros(1, dtype=bool), {}, {}, SummaryOptions()
    )
    assert picked == []


def test_concepts_count_outlets_not_sentences() -> None:
    texts = ["Pellan Island ferry.", "Pellan Island again, Pellan Island.", "Pellan Island too."]
    sentences = [Sentence(i, a, i, t) for i, (t, a) in enumerate(zip(texts, [0, 0, 1], strict=True))]
    terms = [TermAnalyzer().fact_terms(t) for t in texts]
    concepts = content_bigrams(terms, sentences, [make_clean_article("a"), make_clean_article("b")])
    column = concepts.incidence[0].indices[np.argmax(concepts.outlets[concepts.incidence[0].indices])]
    assert concepts.outlets[column] == 2
    assert concepts.total_outlets == 2
