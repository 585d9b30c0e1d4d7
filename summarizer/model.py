"""The frozen records that flow through the pipeline, in the order they appear.

Document -> Article (text extracted, outlet resolved) -> CleanArticle (paragraphs)
-> Sentence -> DigestSentence / Digest; a day's Digests -> DailyStory / DailyDigest.

``text_key`` is what "the same text" means everywhere: wire copy is found by it in a
request, among a day's stories and in the document store.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime

__all__ = [
    "STORY_ID_RE",
    "Article",
    "CleanArticle",
    "DailyDigest",
    "DailyStory",
    "Digest",
    "DigestSentence",
    "Document",
    "Evidence",
    "FactMarks",
    "Notice",
    "Sentence",
    "Source",
    "Timeline",
    "text_key",
]


def text_key(text: str) -> str:
    """The key two texts share when they are the same text, whitespace aside (line breaks
    and paragraphing included): the SHA-256 of their words joined by single spaces. The
    store keeps it as ``content_hash``, so it must not change."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


@dataclass(frozen=True)
class Document:
    """A document as a client or a file gave it: ``text`` or ``html``, never both."""

    id: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published_at: datetime | None = None
    text: str | None = None
    html: str | None = None


@dataclass(frozen=True)
class Article:
    """A document with its text extracted and every citation field resolved."""

    id: str
    outlet: str
    title: str
    url: str | None
    published_at: datetime | None
    text: str


@dataclass(frozen=True)
class CleanArticle:
    """An article reduced to its prose paragraphs; clutter is gone."""

    article: Article
    paragraphs: tuple[str, ...]
    # Later articles with the same cleaned text (``text_key``: wire copy carried by
    # several outlets): counted once, cited for every carrier.
    copies: tuple[Article, ...] = ()

    @property
    def text_key(self) -> str:
        """``text_key`` of the cleaned text: articles that share it are copies of one another."""
        return text_key(" ".join(self.paragraphs))


@dataclass(frozen=True)
class Sentence:
    index: int  # position in the whole cluster, the row of every matrix
    article_index: int  # which CleanArticle it comes from
    position: int  # sentence number within its article, from 0
    text: str  # verbatim from the cleaned article

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Notice:
    """A warning: the input was usable, but not all of it, or not as given."""

    code: str
    message: str
    document_id: str | None = None


@dataclass(frozen=True)
class Evidence:
    """Why an outlet is credited with a digest sentence: its own sentence of that fact."""

    outlet: str
    document_id: str
    text: str


@dataclass(frozen=True)
class DigestSentence:
    text: str
    outlet: str
    document_id: str
    url: str | None
    also_reported_by: tuple[str, ...]
    score: float
    published_at: datetime | None
    # One for each outlet of ``also_reported_by``, in its order: a reader can check every credit.
    evidence: tuple[Evidence, ...] = ()
    # Outlets that tell a detail of this sentence otherwise (another number, day, place or
    # polarity), each with its sentence; the digest tells the version most outlets carry.
    disputed_by: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Source:
    document_id: str
    outlet: str
    title: str
    url: str | None


@dataclass(frozen=True)
class Digest:
    summary: tuple[DigestSentence, ...]
    sources: tuple[Source, ...]
    warnings: tuple[Notice, ...]
    input_sentences: int = 0  # sentences read from the input, after cleaning

    @property
    def words(self) -> int:
        return sum(len(s.text.split()) for s in self.summary)


@dataclass(frozen=True)
class FactMarks:
    """What the daily digest says of one summary sentence's fact beyond the request digest."""

    new: bool = True  # not in this story's digest of an earlier day (``daily.days``)
    first_reported_by: str | None = None  # the carrying outlet with the earliest published_at
    first_reported_at: datetime | None = None
    exclusive: bool = False  # one outlet alone carries it, in a story of three or more


@dataclass(frozen=True)
class Timeline:
    """When a story's articles appeared: the first and last, and (outlet, articles, its first)."""

    first: datetime | None = None
    last: datetime | None = None
    outlets: tuple[tuple[str, int, datetime | None], ...] = ()


# A daily story's id, ``FIRSTDAY-HASH`` (``daily.days.story_id`` makes them): pages link
# to it and it names a file, so an id read back from a digest is used only when it fits.
STORY_ID_RE = re.compile(r"\d{4}-\d{2}-\d{2}-[0-9a-f]{8}")


@dataclass(frozen=True)
class DailyStory:
    title: str
    outlets: tuple[str, ...]
    documents: tuple[str, ...]
    digest: Digest
    id: str = ""  # the same on every day of one story (``daily.days``)
    first_seen: date | None = None
    developing: bool = False  # continues a story of an earlier day
    marks: tuple[FactMarks, ...] = ()  # one per sentence of ``digest.summary``
    timeline: Timeline = Timeline()


@dataclass(frozen=True)
class DailyDigest:
    day: date
    stories: tuple[DailyStory, ...]
    skipped: tuple[tuple[str, str], ...]  # (document_id, reason)
    documents: int
    # The days before and after this one with a digest beside it: the page's links.
    # Where it stands among the written days, not part of its JSON.
    neighbours: tuple[date | None, date | None] = (None, None)
