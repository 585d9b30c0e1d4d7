from __future__ import annotations

import pytest

from summarizer.model import Article
from summarizer.stories import StoryOptions, group_stories
from summarizer.terms import Stemmer

FERRY = (
    "The ferry ran aground off the island on Tuesday with 212 passengers aboard, "
    "and coast guard crews rescued them all."
)
BRIDGE = "The old mill bridge collapsed into the river on Monday, and divers searched the wreckage for three vehicles."


def article(index: int, title: str) -> Article:
    return Article(f"a{index}", f"Outlet {index}", title, None, None, "")


# Pairs whose two centralities, equal in exact arithmetic, differ in the last bit, in
# both directions (found by search; unrounded, the second article won the first pair).
TIED_PAIRS = [("evening", "morning"), ("morning", "again"), ("quickly", "evening")]


@pytest.mark.parametrize(("first", "second"), TIED_PAIRS)
def test_a_two_article_story_is_titled_by_its_earlier_article(first: str, second: str) -> None:
    # Both articles of a two-article story are equally central; the tie goes to the
    # earlier one rather than to floating-point noise.
    articles = [article(0, "First headline"), article(1, "Second headline")]
    paragraphs = [(FERRY.replace("Tuesday", f"Tuesday {first}"),), (FERRY.replace("all.", f"{second} all."),)]
    (story,) = group_stories(articles, paragraphs, StoryOptions(), Stemmer())
    assert story.title == "First headline"
    assert story.articles == (0, 1)


def test_two_events_are_two_stories() -> None:
    articles = [article(i, f"Headline {i}") for i in range(4)]
    paragraphs = [(FERRY,), (BRIDGE,), (FERRY.replace("all", "every one"),), (BRIDGE.replace("three", "two"),)]
    stories = group_stories(articles, paragraphs, StoryOptions(), Stemmer())
    assert sorted(s.articles for s in stories) == [(0, 2), (1, 3)]
