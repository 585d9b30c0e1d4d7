"""The daily digest: a day's articles -> stories -> one attributed summary per story.

``build_daily_digest`` is pure (documents and the earlier days' digests in, ``DailyDigest``
out); each story is followed across days by ``days``. ``write_daily_digest``
renders it (``rendering``) and writes its files together, each atomically (temporary
file, fsync, rename): a crash never leaves half a file or half a set, and the same
inputs give byte-identical files.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta, tzinfo
from pathlib import Path

from ..dates import local_day
from ..errors import SummarizerError
from ..model import STORY_ID_RE, CleanArticle, DailyDigest, DailyStory, Digest, DigestSentence, Document
from ..options import SummaryOptions
from ..pipeline import Summarizer, read_document
from ..rendering import SUFFIXES, Format, render_daily
from ..rendering.archive import render_archive, render_story_page
from ..rendering.feeds import render_atom, render_json_feed
from ..stories import StoryOptions, group_stories
from ..terms import Stemmer
from .days import fact_marks, link_stories, read_digest, stated_before, story_id, timeline

# The feeds hold the days of this many days up to the latest digest (issue 16).
FEED_DAYS = 30

__all__ = ["build_daily_digest", "write_daily_digest"]


def build_daily_digest(
    day: date,
    zone: tzinfo,
    documents: Sequence[Document],
    summarizer: Summarizer,
    options: SummaryOptions,
    stories: StoryOptions,
    progress: Callable[[int, int], None] | None = None,
    earlier: Sequence[DailyDigest] = (),
) -> DailyDigest:
    """The stories of ``day`` (in ``zone``). Documents published on another day are left
    out; one without a date (given, or declared by its page) counts as the day's. One
    bad document is skipped with its reason and never sinks the run. Each story is linked
    to the story of ``earlier`` (digests of the days before, oldest first) it continues."""
    read: list[CleanArticle] = []
    skipped: list[tuple[str, str]] = []
    for document in documents:
        try:
            # Each article is read once: the stories are grouped on this cleaned text, and
            # each story is summarized from it. Notices (a cut document) stay per request.
            article = read_document(document, options, [])
        except Exception as error:  # noqa: BLE001 - a broken page is skipped, not fatal
            skipped.append((document.id, f"could not be read: {type(error).__name__}"))
            continue
        published = article.article.published_at
        if published is not None and local_day(published, zone) != day:
            continue
        if not article.paragraphs:
            skipped.append((document.id, "no prose after removing clutter"))
            continue
        read.append(article)
    stemmer = Stemmer()
    groups = group_stories(read, stories, stemmer) if read else []
    daily: list[DailyStory] = []
    members_of: list[list[CleanArticle]] = []
    for number, group in enumerate(groups, start=1):
        members = [read[i] for i in group.articles]
        ids = tuple(m.article.id for m in members)
        try:
            digest = summarizer.summarize_clean_articles(members, options)
        except SummarizerError as error:  # NoSummarizableText included
            skipped.extend((i, f"story could not be summarized: {error}") for i in ids)
        else:
            daily.append(DailyStory(group.title, group.outlets, ids, digest))
            members_of.append(members)
        if progress:
            progress(number, len(groups))  # a skipped story is done too: the bar still reaches its end
    linked = link_stories(daily, earlier, stemmer, options.redundancy_threshold)
    followed = tuple(
        _follow(day, story, members, previous, earlier, summarizer, options, stemmer)
        for story, members, previous in zip(daily, members_of, linked, strict=True)
    )
    return DailyDigest(day, followed, tuple(skipped), len(read) + len(skipped))


def _follow(
    day: date,
    story: DailyStory,
    members: Sequence[CleanArticle],
    previous: DailyStory | None,
    earlier: Sequence[DailyDigest],
    summarizer: Summarizer,
    options: SummaryOptions,
    stemmer: Stemmer,
) -> DailyStory:
    """``story`` with its id, first day, new facts, first reporters and timeline. A
    developing story whose summary repeats earlier facts leads with what changed."""
    digest, new = story.digest, [True] * len(story.digest.summary)
    if previous is not None:
        before = [s.text for d in earlier for x in d.stories if x.id == previous.id for s in x.digest.summary]
        new = _new(digest.summary, before, stemmer, options)
        if not all(new):
            digest, new = _lead_with_new(digest, new, members, before, summarizer, options, stemmer)
    return replace(
        story,
        digest=digest,
        id=previous.id if previous else story_id(day, story.documents),
        first_seen=(previous.first_seen if previous else None) or day,
        developing=previous is not None,
        marks=fact_marks(digest.summary, new, members, len(story.outlets)),
        timeline=timeline(members),
    )


def _new(
    summary: Sequence[DigestSentence], before: Sequence[str], stemmer: Stemmer, options: SummaryOptions
) -> list[bool]:
    """For each sentence, whether no earlier digest of its story stated its fact."""
    found = stated_before([s.text for s in summary], before, stemmer, options.redundancy_threshold)
    return [not stated and s.text not in before for s, stated in zip(summary, found, strict=True)]


def _lead_with_new(
    digest: Digest,
    new: list[bool],
    members: Sequence[CleanArticle],
    before: Sequence[str],
    summarizer: Summarizer,
    options: SummaryOptions,
    stemmer: Stemmer,
) -> tuple[Digest, list[bool]]:
    """The new facts of a summary twice as long, best first, then one line of context
    (the first earlier fact of the plain summary), within the same word budget. The plain
    summary when nothing new fits."""
    wider = summarizer.summarize_clean_articles(members, replace(options, max_words=min(2 * options.max_words, 5000)))
    context = next(s for s, is_new in zip(digest.summary, new, strict=True) if not is_new)
    budget = options.max_words - len(context.text.split())
    fresh: list[DigestSentence] = []
    for sentence, is_new in zip(wider.summary, _new(wider.summary, before, stemmer, options), strict=True):
        words = len(sentence.text.split())
        if is_new and sentence.text != context.text and words <= budget:
            fresh.append(sentence)
            budget -= words
    if not fresh:
        return digest, new
    summary = (*sorted(fresh, key=lambda s: -s.score), context)
    return replace(wider, summary=summary), [True] * len(fresh) + [False]


def write_daily_digest(digest: DailyDigest, out: Path, formats: Sequence[Format]) -> list[Path]:
    """Write ``out/digest-DATE.SUFFIX`` for each of ``formats``, all of them or none; with
    both ``json`` and ``html``, also what is made of every JSON digest in ``out``
    (``history_files``): the feeds, the archive, the story pages, and the pages of the
    days before and after with their links to this one. Returns the day's files.

    Every file is rendered first, then written to a temporary file beside its target
    and synced, and only then are the temporary files renamed into place. When a rename
    fails (a directory in the way, say), the files this run already replaced are put back
    as they were, and the error is raised: a reader never sees Tuesday's JSON beside
    Monday's page."""
    days = written_days(out)
    digest = replace(
        digest,
        neighbours=(
            max((d for d in days if d < digest.day), default=None),
            min((d for d in days if d > digest.day), default=None),
        ),
    )
    targets = [out / f"digest-{digest.day.isoformat()}.{SUFFIXES[fmt]}" for fmt in formats]
    texts = [render_daily(digest, fmt) for fmt in formats]
    history = history_files(out, digest, days) if {"json", "html"} <= set(formats) else []
    if history:
        (out / "stories").mkdir(exist_ok=True)
    staged: list[Path] = []
    try:
        for target, text in [*zip(targets, texts, strict=True), *history]:
            staged.append(_stage(target, text))
        _replace_together(staged, [*targets, *(path for path, _ in history)])
    finally:
        for temporary in staged:
            temporary.unlink(missing_ok=True)
    _sync_directory(out)  # the renames themselves survive a crash
    return targets


def written_days(out: Path) -> list[date]:
    """The days with a JSON digest in ``out``, in order."""
    days = []
    for path in out.glob("digest-*.json"):
        try:
            days.append(date.fromisoformat(path.stem.removeprefix("digest-")))
        except ValueError:
            continue
    return sorted(days)


def history_files(out: Path, today: DailyDigest, days: Sequence[date]) -> list[tuple[Path, str]]:
    """What is made of all the JSON digests of ``out`` and ``today``: ``feed.atom`` and
    ``feed.json`` (the ``FEED_DAYS`` days up to the latest digest), ``index.html`` (every
    day), ``stories/ID.html`` for each story of those days, and the pages of the days
    before and after ``today``, whose links to it change. A digest that cannot be read is
    left out (and left as it is)."""
    by_day = {}
    for day in days:
        if day != today.day:
            try:
                by_day[day] = read_digest(out / f"digest-{day.isoformat()}.json")
            except ValueError:
                continue
    by_day[today.day] = today
    order = sorted(by_day)
    placed = {
        day: replace(
            by_day[day], neighbours=(order[i - 1] if i else None, order[i + 1] if i + 1 < len(order) else None)
        )
        for i, day in enumerate(order)
    }
    files = [
        (out / f"digest-{day.isoformat()}.html", render_daily(placed[day], "html"))
        for day in (today.neighbours)
        if day is not None and day in placed and (out / f"digest-{day.isoformat()}.html").is_file()
    ]
    recent = [placed[d] for d in reversed(order) if d > order[-1] - timedelta(days=FEED_DAYS)]
    files += [
        (out / "feed.atom", render_atom(recent)),
        (out / "feed.json", render_json_feed(recent)),
        (out / "index.html", render_archive([placed[d] for d in reversed(order)])),
    ]
    ids = dict.fromkeys(s.id for d in reversed(recent) for s in d.stories if STORY_ID_RE.fullmatch(s.id))
    files += [(out / "stories" / f"{i}.html", render_story_page(i, list(reversed(recent)))) for i in ids]
    return files


def _stage(path: Path, text: str) -> Path:
    """``text`` in a synced temporary file beside ``path``."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(descriptor, 0o666 & ~umask)  # as a plain open() would: readable by the web server
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def _replace_together(staged: Sequence[Path], targets: Sequence[Path]) -> None:
    """Rename each staged file onto its target; on any failure, undo the renames done."""
    done: list[tuple[Path, Path | None]] = []  # (target, a hard link to what it held before)
    try:
        for temporary, target in zip(staged, targets, strict=True):
            previous = None
            if target.exists():
                previous = temporary.with_suffix(".previous")
                os.link(target, previous)
            done.append((target, previous))
            os.replace(temporary, target)
    except BaseException:
        for target, previous in reversed(done):
            if previous is not None:
                os.replace(previous, target)
            elif target.is_file():
                target.unlink()
        raise
    finally:
        for _, previous in done:
            if previous is not None:
                previous.unlink(missing_ok=True)


def _sync_directory(path: Path) -> None:
    directory = os.open(path, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
