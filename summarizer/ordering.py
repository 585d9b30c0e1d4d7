"""Put the picked sentences in reading order.

- ``narrative`` (default): the best sentence first (the main fact, as a lead), then the
  rest in story order: by how far into its article each sentence stands (relative
  position; background sits late in news articles), then publication time.
- ``rank``: best first, as picked.
- ``chronological``: by the article's publication time (unknown last), then position.
- ``source``: grouped by article in input order, each in article order.

In every order, a sentence picked for leaning on the one before it comes right after it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from .dates import as_utc
from .model import CleanArticle, Sentence
from .options import Order

__all__ = ["order_sentences"]

_LAST = datetime.max.replace(tzinfo=UTC)


def order_sentences(
    picked: Sequence[int],
    sentences: Sequence[Sentence],
    articles: Sequence[CleanArticle],
    order: Order,
    follows: Mapping[int, int],
) -> list[int]:
    """``picked`` in reading ``order``; a sentence that leans on the one before it
    (``follows``) right after that one, whatever the order."""
    ordered = _in_order(picked, sentences, articles, order)
    for row in [row for row in ordered if row in follows]:
        ordered.remove(row)
        ordered.insert(ordered.index(follows[row]) + 1, row)
    return ordered


def _in_order(
    picked: Sequence[int],
    sentences: Sequence[Sentence],
    articles: Sequence[CleanArticle],
    order: Order,
) -> list[int]:
    if order == "rank" or not picked:
        return list(picked)
    lengths: dict[int, int] = {}
    for s in sentences:
        lengths[s.article_index] = max(lengths.get(s.article_index, 0), s.position + 1)

    def published(i: int) -> datetime:
        when = articles[sentences[i].article_index].article.published_at
        if when is None:
            return _LAST
        return as_utc(when)

    def relative_position(i: int) -> float:
        s = sentences[i]
        return s.position / lengths[s.article_index]

    if order == "chronological":
        return sorted(picked, key=lambda i: (published(i), sentences[i].article_index, sentences[i].position))
    if order == "source":
        return sorted(picked, key=lambda i: (sentences[i].article_index, sentences[i].position))
    lead, rest = picked[0], picked[1:]
    return [lead, *sorted(rest, key=lambda i: (relative_position(i), published(i), i))]
