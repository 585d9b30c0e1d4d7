"""Stories followed across days (issue 16): which earlier story a story of today continues,
which of its facts are new, who reported each first, and its timeline.

- **The same fact** is ``facts.FactRule.stating``, the rule credit and redundancy use,
  over the union of today's sentences and the earlier days' (``stated_before``).
- **Linking.** A story of today continues an earlier story (one of the ``WINDOW_DAYS``
  before, by its ``id``) when they share an article, or when a sentence of today's summary
  states a fact of that story's summaries. Each earlier story is continued by at most one
  story of today: the pairs are taken strongest first (shared articles, then shared facts,
  then the later earlier day, then the id), so the result does not depend on input order.
- **Ids.** A new story's id is its first day and a hash of its article ids: the same
  input gives the same id, and a continuing story keeps the id of the story it continues.
- **First reported by.** Among the outlets carrying a sentence's fact (its own and
  ``also_reported_by``, which the same rule decided), the one whose article was published
  earliest; ``exclusive`` when one outlet alone carries it in a story of three or more.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from ..dates import as_utc
from ..facts import FactRule
from ..model import CleanArticle, DailyDigest, DailyStory, DigestSentence, FactMarks, Timeline
from ..rendering import daily_from_dict
from ..terms import Stemmer

__all__ = [
    "EXCLUSIVE_MIN_OUTLETS",
    "WINDOW_DAYS",
    "fact_marks",
    "link_stories",
    "read_digest",
    "read_earlier",
    "stated_before",
    "story_id",
    "timeline",
]

WINDOW_DAYS = 7
EXCLUSIVE_MIN_OUTLETS = 3


def read_digest(path: Path) -> DailyDigest:
    """A JSON digest ``summarizer digest`` wrote; ``ValueError`` when it is not one."""
    try:
        return daily_from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, KeyError, TypeError, ValueError, AttributeError) as error:
        raise ValueError(f"{path.name}: not a digest this version can read ({type(error).__name__})") from None


def read_earlier(out: Path, day: date, window: int) -> tuple[list[DailyDigest], list[str]]:
    """The digests of the ``window`` days before ``day`` in ``out``, oldest first, and a
    line for each one that could not be read (it is left as it is, and not linked)."""
    found, problems = [], []
    for back in range(window, 0, -1):
        path = out / f"digest-{(day - timedelta(days=back)).isoformat()}.json"
        if path.is_file():
            try:
                found.append(read_digest(path))
            except ValueError as error:
                problems.append(str(error))
    return found, problems


def story_id(day: date, documents: Sequence[str]) -> str:
    """``DAY-HASH`` (``model.STORY_ID_RE``): the story's first day and the first 8 hex
    digits of the SHA-256 of its articles' ids."""
    digest = hashlib.sha256("\n".join(sorted(documents)).encode()).hexdigest()
    return f"{day.isoformat()}-{digest[:8]}"


def stated_before(today: Sequence[str], before: Sequence[str], stemmer: Stemmer, threshold: float) -> list[list[int]]:
    """For each sentence of ``today``, the indices of the sentences of ``before`` that
    state its fact (``FactRule.stating`` over the union of both)."""
    if not today or not before:
        return [[] for _ in today]
    rule = FactRule.for_texts([*today, *before], stemmer, threshold)
    offset = len(today)
    return [[int(i) - offset for i in found if i >= offset] for found in rule.stating(range(len(today)))]


def link_stories(
    stories: Sequence[DailyStory], earlier: Sequence[DailyDigest], stemmer: Stemmer, threshold: float
) -> list[DailyStory | None]:
    """For each of ``stories``, the latest appearance of the earlier story it continues, or None."""
    latest: dict[str, DailyStory] = {}
    last_day: dict[str, date] = {}
    documents: dict[str, set[str]] = {}
    for daily in earlier:  # oldest first: the latest appearance wins
        for story in daily.stories:
            latest[story.id], last_day[story.id] = story, daily.day
            documents.setdefault(story.id, set()).update(story.documents)
    ids = sorted(latest)
    texts = [(i, s.text) for i in ids for s in latest[i].digest.summary]
    today = [(n, s.text) for n, story in enumerate(stories) for s in story.digest.summary]
    facts: dict[tuple[int, str], int] = {}
    found_before = stated_before([t for _, t in today], [t for _, t in texts], stemmer, threshold)
    for (n, _), found in zip(today, found_before, strict=True):
        for earlier_id in {texts[i][0] for i in found}:
            facts[n, earlier_id] = facts.get((n, earlier_id), 0) + 1
    pairs = []
    for n, story in enumerate(stories):
        for earlier_id in ids:
            shared = len(documents[earlier_id].intersection(story.documents))
            if shared or facts.get((n, earlier_id)):
                pairs.append(
                    (-shared, -facts.get((n, earlier_id), 0), -last_day[earlier_id].toordinal(), earlier_id, n)
                )
    linked: list[DailyStory | None] = [None] * len(stories)
    taken: set[str] = set()
    for *_, earlier_id, n in sorted(pairs):
        if linked[n] is None and earlier_id not in taken:
            linked[n] = latest[earlier_id]
            taken.add(earlier_id)
    return linked


def fact_marks(
    summary: Sequence[DigestSentence], new: Sequence[bool], members: Sequence[CleanArticle], outlets: int
) -> tuple[FactMarks, ...]:
    """Each sentence's marks: ``new`` as given, who reported its fact first, and whether it is exclusive."""
    first: dict[str, datetime] = {}
    for article in _articles(members):
        if article[1] is not None and (article[0] not in first or article[1] < first[article[0]]):
            first[article[0]] = article[1]
    marks = []
    for sentence, is_new in zip(summary, new, strict=True):
        carriers = sorted({sentence.outlet, *sentence.also_reported_by})
        dated = sorted((first[o], o) for o in carriers if o in first)
        at, outlet = dated[0] if dated else (None, None)
        exclusive = len(carriers) == 1 and outlets >= EXCLUSIVE_MIN_OUTLETS
        marks.append(FactMarks(is_new, outlet, at, exclusive))
    return tuple(marks)


def timeline(members: Sequence[CleanArticle]) -> Timeline:
    """The first and last article times, and each outlet's articles (wire copies
    included), outlets in the order they first published (undated last, then by name)."""
    counts: dict[str, int] = {}
    first: dict[str, datetime | None] = {}
    for outlet, at in _articles(members):
        counts[outlet] = counts.get(outlet, 0) + 1
        known = first.get(outlet)
        first[outlet] = at if known is None or (at is not None and at < known) else known
    times = [at for _, at in _articles(members) if at is not None]
    far = datetime.max.replace(tzinfo=as_utc(datetime.min).tzinfo)
    order = sorted(counts, key=lambda o: (first[o] or far, o))
    return Timeline(min(times, default=None), max(times, default=None), tuple((o, counts[o], first[o]) for o in order))


def _articles(members: Sequence[CleanArticle]) -> list[tuple[str, datetime | None]]:
    return [
        (a.outlet, as_utc(a.published_at) if a.published_at else None) for m in members for a in (m.article, *m.copies)
    ]
