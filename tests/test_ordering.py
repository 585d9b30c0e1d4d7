"""Reading order of the picked sentences, and pairs kept together in every order."""

from __future__ import annotations

import pytest

from summarizer.model import Sentence
from summarizer.options import Order
from summarizer.ordering import order_sentences

from .builders import make_clean_article

# Two articles of four sentences; sentence 6 leans on sentence 5, the one before it.
SENTENCES = [Sentence(i, i // 4, i % 4, f"Sentence {i} of the story.") for i in range(8)]
ARTICLES = [make_clean_article("a0"), make_clean_article("a1")]


@pytest.mark.parametrize("order", ["narrative", "rank", "chronological", "source"])
def test_a_leaning_sentence_comes_right_after_the_one_it_leans_on(order: Order) -> None:
    picked = [1, 5, 3, 6, 0]  # the order MMR picked them in
    ordered = order_sentences(picked, SENTENCES, ARTICLES, order, {6: 5})
    assert sorted(ordered) == sorted(picked)
    assert ordered.index(6) == ordered.index(5) + 1


def test_in_rank_order_only_the_leaning_sentence_moves() -> None:
    assert order_sentences([1, 5, 3, 6, 0], SENTENCES, ARTICLES, "rank", {6: 5}) == [1, 5, 6, 3, 0]


def test_narrative_order_leads_with_the_best_then_story_order() -> None:
    assert order_sentences([5, 2, 0, 7], SENTENCES, ARTICLES, "narrative", {}) == [5, 0, 2, 7]
