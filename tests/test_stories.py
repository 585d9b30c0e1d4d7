from __future__ import annotations

import random
from typing import Any

import pytest

from summarizer import OptionsError
from summarizer.model import Article, CleanArticle
from summarizer.stories import StoryOptions, group_stories
from summarizer.terms import Stemmer

FERRY = (
    "The ferry ran aground off the island on Tuesday with 212 passengers aboard, "
    "and coast guard crews rescued them all."
)
BRIDGE = "The old mill bridge collapsed into the river on Monday, and divers searched the wreckage for three vehicles."


def article(index: int, title: str, text: str) -> CleanArticle:
    """Article ``index``, already cleaned to the one paragraph ``text``."""
    return CleanArticle(Article(f"a{index}", f"Outlet {index}", title, None, None, text), (text,))


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"neighbors": 0}, "neighbors must be between 1 and 1000, not 0"),
        ({"neighbors": 2.5}, "neighbors must be an integer"),
        ({"min_similarity": 1.5}, "min_similarity must be between 0.0 and 1.0"),
        ({"min_similarity": "0.1"}, "min_similarity must be a number"),
        ({"dimensions": 0}, "dimensions must be between"),
        ({"max_stories_per_group": 0}, "max_stories_per_group must be between"),
        ({"seed": -1}, "seed must be between 0 and 4294967295"),
        ({"seed": True}, "seed must be an integer"),
    ],
)
def test_story_options_are_validated_on_construction(values: dict[str, Any], message: str) -> None:
    with pytest.raises(OptionsError, match=message):
        StoryOptions(**values)


def test_story_options_take_every_value_in_range() -> None:
    StoryOptions(neighbors=1, min_similarity=0.0, dimensions=1, max_stories_per_group=1, seed=2**32 - 1)
    StoryOptions(neighbors=1000, min_similarity=1, dimensions=10_000, max_stories_per_group=100_000)


# Pairs whose two centralities, equal in exact arithmetic, differ in the last bit, in
# both directions (found by search; unrounded, the second article won the first pair).
TIED_PAIRS = [("evening", "morning"), ("morning", "again"), ("quickly", "evening")]


@pytest.mark.parametrize(("first", "second"), TIED_PAIRS)
def test_a_two_article_story_is_titled_by_its_earlier_article(first: str, second: str) -> None:
    # Both articles of a two-article story are equally central; the tie goes to the
    # earlier one rather than to floating-point noise.
    articles = [
        article(0, "First headline", FERRY.replace("Tuesday", f"Tuesday {first}")),
        article(1, "Second headline", FERRY.replace("all.", f"{second} all.")),
    ]
    (story,) = group_stories(articles, StoryOptions(), Stemmer())
    assert story.title == "First headline"
    assert story.articles == (0, 1)


def test_two_events_are_two_stories() -> None:
    texts = [FERRY, BRIDGE, FERRY.replace("all", "every one"), BRIDGE.replace("three", "two")]
    articles = [article(i, f"Headline {i}", text) for i, text in enumerate(texts)]
    stories = group_stories(articles, StoryOptions(), Stemmer())
    assert sorted(s.articles for s in stories) == [(0, 2), (1, 3)]


EVENT_WORDS = {
    "ferry": "ferry island passengers aground lifeboats harbour captain vessel hull tugboat deck crew",
    "bridge": "bridge river collapse divers wreckage vehicles engineers girder span inspection concrete cables",
    "election": "election ballots candidates turnout polling mayor council campaign votes recount precincts runoff",
}
# Words every local story uses: they link the three events into one connected group,
# which the spectral step then has to split.
SHARED_WORDS = "city officials residents police spokesman statement morning local emergency county authorities week"


def event_articles(
    sizes: dict[str, int], seed: int = 3, background: int = 0, crossing: int = 0
) -> tuple[list[CleanArticle], list[str]]:
    """Articles of each event: six sentences of four event words and four shared words,
    plus one of ``background`` rarer words (topic-free, like any article's asides). The
    first ``crossing`` articles of an event also mention the next event, in two words of
    four, as a report may mention the day's other news."""
    rng = random.Random(seed)
    articles: list[CleanArticle] = []
    events: list[str] = []
    rare = [f"aside{n}" for n in range(background)]
    names = list(sizes)
    for event, size in sizes.items():
        own, shared = EVENT_WORDS[event].split(), SHARED_WORDS.split()
        other = EVENT_WORDS[names[(names.index(event) + 1) % len(names)]].split()
        for number in range(size):
            mentions = 2 if number < crossing else 0
            sentences = []
            for aside in [rng.sample(rare, 1) if rare else [] for _ in range(6)]:
                words = rng.sample(own, 4 - mentions) + rng.sample(other, mentions) + rng.sample(shared, 4) + aside
                sentences.append(" ".join(words).capitalize() + ".")
            articles.append(article(len(articles), f"{event} report {len(articles)}", " ".join(sentences)))
            events.append(event)
    return articles, events


def test_events_joined_by_shared_words_are_split_into_their_stories() -> None:
    articles, events = event_articles({"ferry": 12, "bridge": 9, "election": 7})
    stories = group_stories(articles, StoryOptions(), Stemmer())
    assert [{events[i] for i in s.articles} for s in stories] == [{"ferry"}, {"bridge"}, {"election"}]
    assert [len(s.articles) for s in stories] == [12, 9, 7]
    assert group_stories(articles, StoryOptions(), Stemmer()) == stories  # the same, run again


@pytest.mark.slow
def test_large_events_joined_by_crossing_reports_are_split() -> None:
    # 550 articles over 250 words in one connected group (ten reports per event also
    # mention the next event): the group is reduced by LSA, linked by shared neighbours,
    # and its spectrum computed by ARPACK. Every article that reports one event only
    # ends in that event's story; where a crossing report goes is a judgement call.
    sizes = {"ferry": 220, "bridge": 180, "election": 150}
    articles, events = event_articles(sizes, background=200, crossing=10)
    stories = group_stories(articles, StoryOptions(), Stemmer())
    assert len(stories) == 3
    story_of = {i: n for n, s in enumerate(stories) for i in s.articles}
    first = 0
    for event, size in sizes.items():
        plain = range(first + 10, first + size)
        assert len({story_of[i] for i in plain}) == 1, event
        assert [events[i] for i in plain] == [event] * (size - 10)
        first += size
    assert len({story_of[first_plain] for first_plain in (10, 230, 410)}) == 3


def test_one_large_event_stays_one_story() -> None:
    articles, _ = event_articles({"bridge": 40})
    (story,) = group_stories(articles, StoryOptions(), Stemmer())
    assert story.articles == tuple(range(40))


def test_an_unrelated_article_is_a_story_of_its_own_ranked_last() -> None:
    articles, _ = event_articles({"ferry": 5})
    concerts = "The symphony orchestra announced its autumn season of Brahms and Mahler concerts."
    articles.append(article(5, "Orchestra season", concerts))
    stories = group_stories(articles, StoryOptions(), Stemmer())
    assert [s.articles for s in stories] == [(0, 1, 2, 3, 4), (5,)]
