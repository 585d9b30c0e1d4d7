"""Story grouping judged by its worst day: days of several shapes, several draws each (issue 14).

    python -m benchmarks.daily --shapes --data ../shared/eval/duc2006

Each shape is a kind of day built from the DUC 2006 articles (the large one from the
synthetic generator of ``benchmarks.daily``), drawn several times with seeded randomness.
Each day is grouped with the shipped ``StoryOptions()`` and scored against the true
topics: the adjusted Rand index, B-cubed precision and recall (Bagga and Baldwin 1998;
precision falls when two events share a story, recall when one event is spread over
several), and the stories found against the true number. A shape is reported by its
mean and its worst draw.

The draws come in two sets from separate seeds: the tuning draws, on which methods and
settings were compared, and the held-out draws, looked at only to confirm a choice.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sklearn.metrics import adjusted_rand_score

from summarizer import Document, SummaryOptions
from summarizer.model import CleanArticle
from summarizer.pipeline import read_document
from summarizer.stories import StoryOptions, group_stories
from summarizer.terms import Stemmer

__all__ = ["SHAPES", "DayDraw", "Score", "bcubed", "draw_days", "score_grouping", "shapes_report"]

TUNING_SEED = 14
HELD_OUT_SEED = 1014  # a separate stream: the held-out days share no draw with the tuning ones
LARGE_DAY_ARTICLES = 2_000  # the large shape's size; the 10,000-article day is timed by --synthetic


@dataclass(frozen=True)
class DayDraw:
    """One drawn day: ``articles`` are the ``read`` articles it carries, ``topics`` their true topics."""

    shape: str
    draw: int
    held_out: bool
    articles: tuple[CleanArticle, ...]
    topics: tuple[int, ...]


@dataclass(frozen=True)
class Score:
    ari: float
    precision: float  # B-cubed
    recall: float  # B-cubed
    found: int  # stories found
    true: int  # true topics
    seconds: float


def bcubed(truth: Sequence[int], predicted: Sequence[int]) -> tuple[float, float]:
    """B-cubed precision and recall (Bagga and Baldwin 1998), averaged over items: an
    item's precision is the share of its predicted group that shares its true topic, its
    recall the share of its true topic that shares its predicted group."""
    if len(truth) != len(predicted):
        raise ValueError("truth and predicted differ in length")
    if not truth:
        return 1.0, 1.0
    pair_count: dict[tuple[int, int], int] = {}
    true_size: dict[int, int] = {}
    predicted_size: dict[int, int] = {}
    for t, p in zip(truth, predicted, strict=True):
        pair_count[t, p] = pair_count.get((t, p), 0) + 1
        true_size[t] = true_size.get(t, 0) + 1
        predicted_size[p] = predicted_size.get(p, 0) + 1
    # Every item of one (topic, group) cell has the same precision and recall.
    precision = sum(count * count / predicted_size[p] for (_, p), count in pair_count.items())
    recall = sum(count * count / true_size[t] for (t, _), count in pair_count.items())
    return precision / len(truth), recall / len(truth)


Picker = Callable[[random.Random, dict[int, list[int]]], list[int]]


def _whole(rng: random.Random, by_topic: dict[int, list[int]]) -> list[int]:
    everything = [i for members in by_topic.values() for i in members]
    rng.shuffle(everything)  # the same mixture in another order: grouping must not depend on it
    return everything


def _per_topic(count: int) -> Picker:
    def pick(rng: random.Random, by_topic: dict[int, list[int]]) -> list[int]:
        return [i for t in sorted(by_topic) for i in rng.sample(by_topic[t], min(count, len(by_topic[t])))]

    return pick


def _uneven(rng: random.Random, by_topic: dict[int, list[int]]) -> list[int]:
    return [i for t in sorted(by_topic) for i in rng.sample(by_topic[t], rng.randint(1, len(by_topic[t])))]


def _lone_third(rng: random.Random, by_topic: dict[int, list[int]]) -> list[int]:
    """A fifth of the topics keep 8 articles each; every other topic gives one lone
    article: a third of the day's articles are stories of their own."""
    names = sorted(by_topic)
    rng.shuffle(names)
    full = len(names) // 5
    kept = [i for t in names[:full] for i in rng.sample(by_topic[t], min(8, len(by_topic[t])))]
    return kept + [rng.choice(by_topic[t]) for t in names[full:]]


def _small(rng: random.Random, by_topic: dict[int, list[int]]) -> list[int]:
    return [i for t in rng.sample(sorted(by_topic), 5) for i in by_topic[t]]


SHAPES: dict[str, Picker | None] = {
    "whole mixture": _whole,
    "10 per topic": _per_topic(10),
    "5 per topic": _per_topic(5),
    "1 to 25 per topic": _uneven,
    "a third lone": _lone_third,
    "5 topics": _small,
    f"large synthetic ({LARGE_DAY_ARTICLES:,})": None,  # drawn from the synthetic generator
}


def read_articles(documents: Sequence[Document], topics: Sequence[int]) -> tuple[list[CleanArticle], list[int]]:
    """The articles as the digest reads them; one with no prose is skipped, as the digest does."""
    read, truth = [], []
    for document, topic in zip(documents, topics, strict=True):
        article = read_document(document, SummaryOptions(), [])
        if article.paragraphs:
            read.append(article)
            truth.append(topic)
    return read, truth


def draw_days(
    read: Sequence[CleanArticle], truth: Sequence[int], draws: int, held_out: int, shapes: Sequence[str] | None = None
) -> list[DayDraw]:
    """``draws`` tuning days and ``held_out`` held-out days of every shape (or of ``shapes``)."""
    from .daily import synthetic_day

    by_topic: dict[int, list[int]] = {}
    for index, topic in enumerate(truth):
        by_topic.setdefault(topic, []).append(index)
    days = []
    for shape, pick in SHAPES.items():
        if shapes is not None and shape not in shapes:
            continue
        for draw in range(1, draws + held_out + 1):
            is_held_out = draw > draws
            seed = (HELD_OUT_SEED if is_held_out else TUNING_SEED) * 1000 + draw
            if pick is None:
                articles, topics = read_articles(*synthetic_day(LARGE_DAY_ARTICLES, seed=seed))
            else:
                indices = pick(random.Random(f"{shape} {seed}"), by_topic)
                articles, topics = [read[i] for i in indices], [truth[i] for i in indices]
            days.append(DayDraw(shape, draw, is_held_out, tuple(articles), tuple(topics)))
    return days


def score_grouping(day: DayDraw, options: StoryOptions, stemmer: Stemmer) -> Score:
    started = time.perf_counter()
    stories = group_stories(day.articles, options, stemmer)
    seconds = time.perf_counter() - started
    predicted = [0] * len(day.articles)
    for number, story in enumerate(stories):
        for member in story.articles:
            predicted[member] = number
    precision, recall = bcubed(day.topics, predicted)
    ari = adjusted_rand_score(day.topics, predicted)
    return Score(float(ari), precision, recall, len(stories), len(set(day.topics)), seconds)


def shapes_report(days: Sequence[DayDraw], options: StoryOptions) -> dict[tuple[str, bool], list[Score]]:
    """Print the shapes table of ``options``: per shape, tuning and held-out draws apart."""
    stemmer = Stemmer()
    scores: dict[tuple[str, bool], list[Score]] = {}
    for day in days:
        scores.setdefault((day.shape, day.held_out), []).append(score_grouping(day, options, stemmer))
    print(
        "shape | draws | articles | ARI mean (worst) | B3 precision mean (worst) | B3 recall mean (worst)"
        " | stories found / true, mean (worst draw) | seconds, mean"
    )
    for (shape, held_out), group in scores.items():
        articles = sum(len(d.articles) for d in days if d.shape == shape and d.held_out == held_out) / len(group)
        worst = min(group, key=lambda s: s.ari)
        found = sum(s.found for s in group) / len(group)
        true = sum(s.true for s in group) / len(group)
        print(
            f"{shape}{' (held out)' if held_out else ''} | {len(group)} | {articles:.0f}"
            f" | {_mean(s.ari for s in group):.3f} ({min(s.ari for s in group):.3f})"
            f" | {_mean(s.precision for s in group):.3f} ({min(s.precision for s in group):.3f})"
            f" | {_mean(s.recall for s in group):.3f} ({min(s.recall for s in group):.3f})"
            f" | {found:.1f} / {true:.1f} ({worst.found} / {worst.true})"
            f" | {_mean(s.seconds for s in group):.2f}"
        )
    return scores


def _mean(values: Iterable[float]) -> float:
    collected = list(values)
    return sum(collected) / len(collected)
