from __future__ import annotations

import numpy as np

from summarizer.model import Sentence
from summarizer.options import SummaryOptions
from summarizer.redundancy import FactIndex
from summarizer.selection import select_sentences
from summarizer.similarity import tfidf_vectors
from summarizer.terms import TermAnalyzer


def pick(
    texts: list[str],
    relevance: list[float],
    options: SummaryOptions,
    positions: list[int] | None = None,
    follows: dict[int, int] | None = None,
) -> list[int]:
    positions = positions or [1] * len(texts)
    sentences = [Sentence(i, i, p, t) for i, (t, p) in enumerate(zip(texts, positions, strict=True))]
    analyzer = TermAnalyzer()
    terms = [analyzer.terms(t) for t in texts]
    return select_sentences(
        sentences,
        np.array(relevance),
        tfidf_vectors(terms),
        FactIndex(terms),
        np.ones(len(texts), dtype=bool),
        {},
        follows or {},
        options,
    )


def test_budget_is_filled_with_a_shorter_sentence_that_fits() -> None:
    texts = [
        "The ferry ran aground off Pellan Island on Thursday evening with 212 passengers aboard.",  # 14 words
        # 19 words:
        "Salvage crews from three ports worked through the night to pump water from the damaged hull of the vessel.",
        "The coast guard opened an inquiry.",  # 6
    ]
    picked = pick(texts, [1.0, 0.9, 0.5], SummaryOptions(max_words=22))
    # The second sentence does not fit after the first (14 + 19 > 22); the third does.
    assert picked == [0, 2]


def test_cap_is_never_exceeded_even_when_the_best_sentence_is_too_long() -> None:
    texts = [
        "One two three four five six seven eight nine ten eleven twelve.",
        "Crews pumped water out overnight.",
    ]
    assert pick(texts, [1.0, 0.2], SummaryOptions(max_words=8)) == [1]


def test_a_paraphrase_of_a_picked_fact_is_never_picked_however_relevant() -> None:
    texts = [
        "The ferry Marisol ran aground off Pellan Island on Thursday.",
        "On Thursday the Marisol ferry ran aground near Pellan Island.",
        "The coast guard opened an inquiry into the grounding.",
    ]
    assert pick(texts, [1.0, 0.99, 0.1], SummaryOptions(max_words=100)) == [0, 2]


def test_only_one_lead_tells_the_main_event() -> None:
    texts = [
        "The ferry Marisol ran aground off Pellan Island on Thursday, and all passengers were evacuated.",
        "A ferry carrying 212 passengers struck a sandbar near Pellan Island during an evening crossing.",
        "Blue Strait Lines said the ferry had passed a safety inspection in March.",
    ]
    leads = pick(texts, [1.0, 0.95, 0.3], SummaryOptions(max_words=100), positions=[0, 0, 3])
    assert leads == [0, 2]
    # The same two sentences deep inside their articles are judged by the normal bar only.
    assert pick(texts, [1.0, 0.95, 0.3], SummaryOptions(max_words=100), positions=[4, 4, 3]) == [0, 1, 2]


def test_selection_stops_at_max_sentences() -> None:
    texts = [
        "The ferry ran aground off Pellan Island.",
        "Four passengers were treated for minor injuries.",
        "Salvage crews will refloat the vessel at high tide.",
        "The coast guard opened an inquiry into the depth sounder.",
    ]
    assert len(pick(texts, [1.0, 0.9, 0.8, 0.7], SummaryOptions(max_words=500, max_sentences=2))) == 2


PAIR = [
    "The Marisol ferry ran aground off Pellan Island on Thursday with 212 passengers aboard.",  # 14 words
    "It had left Port Ellis two hours late because of a storm warning.",  # 13: leans on the one before
    "Salvage crews pumped water from the damaged hull through the night.",  # 11
]


def test_a_sentence_that_leans_on_the_one_before_is_picked_only_after_it() -> None:
    # The leaning sentence is the most relevant, but waits for the sentence before it.
    assert pick(PAIR, [0.9, 1.0, 0.5], SummaryOptions(max_words=100), follows={1: 0}) == [0, 1, 2]
    # Alone, never: with room for one sentence, the sentence before it is picked.
    assert pick(PAIR, [0.9, 1.0, 0.5], SummaryOptions(max_words=100, max_sentences=1), follows={1: 0}) == [0]


def test_a_pair_costs_both_sentences_words() -> None:
    # 14 + 13 > 26: the pair does not fit; the first and the third (14 + 11) do.
    assert pick(PAIR, [0.9, 1.0, 0.5], SummaryOptions(max_words=26), follows={1: 0}) == [0, 2]
