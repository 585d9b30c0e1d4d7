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
from dataclasses import dataclass, replace
from datetime import date, timedelta, tzinfo
from pathlib import Path
from typing import Any

from ..dates import local_day
from ..errors import SummarizerError
from ..model import STORY_ID_RE, CleanArticle, DailyDigest, DailyStory, Digest, DigestSentence, Document
from ..options import SummaryOptions
from ..pipeline import Summarizer, read_document
from ..rendering import SUFFIXES, Format, render_daily
from ..rendering.archive import render_archive, render_story_page
from ..rendering.feeds import render_atom, render_json_feed
from ..stories import Headline, Story, StoryOptions, article_headline, group_partitions
from ..tasks import InProcess, Runner, balanced_batches
from ..terms import Stemmer
from .days import fact_marks, link_stories, read_digest, stated_before, story_id, timeline

# The feeds hold the days of this many days up to the latest digest (issue 16).
FEED_DAYS = 30
# What ``build_daily_digest`` reports to its ``stage_done`` callback, in order.
DAY_STAGES = ("read", "group", "summarize", "follow")
# On a cluster the documents are read in this many partitions per worker, and the stories
# summarized in this many batches per worker (of about the same number of articles).
PARTS_PER_WORKER = 2
STORY_BATCHES_PER_WORKER = 8

__all__ = ["DAY_STAGES", "build_daily_digest", "write_daily_digest"]


def build_daily_digest(
    day: date,
    zone: tzinfo,
    documents: Sequence[Document],
    summarizer: Summarizer,
    options: SummaryOptions,
    stories: StoryOptions,
    progress: Callable[[int, int], None] | None = None,
    earlier: Sequence[DailyDigest] = (),
    runner: Runner | None = None,
    stage_done: Callable[[str], None] | None = None,
) -> DailyDigest:
    """The stories of ``day`` (in ``zone``). Documents published on another day are left
    out; one without a date (given, or declared by its page) counts as the day's. One
    bad document is skipped with its reason and never sinks the run. Each story is linked
    to the story of ``earlier`` (digests of the days before, oldest first) it continues.

    ``runner`` runs the stages' pieces (``tasks``: here by default, or on a Dask cluster,
    ``distributed``); the digest is the same either way. ``stage_done`` is called with
    each of ``DAY_STAGES`` as it finishes (``benchmarks/scale_day.py`` times them)."""
    runner = runner or InProcess()
    done = stage_done or _ignore_stage
    cut = -(-len(documents) // (1 if runner.workers == 1 else runner.workers * PARTS_PER_WORKER))
    parts = [
        runner.submit(_read_part, runner.send(documents[start : start + cut]), day, zone, options)
        for start in range(0, len(documents), max(1, cut))
    ]
    read = runner.gather([runner.submit(_part_headlines, part) for part in parts])
    headlines = [h for h, _ in read]
    skipped = [s for _, part_skipped in read for s in part_skipped]
    articles = [runner.submit(_part_articles, part) for part in parts]
    done("read")
    count = sum(len(h) for h in headlines)
    groups = group_partitions(runner, articles, headlines, stories, Stemmer()) if count else []
    done("group")
    where = [(p, local) for p, part in enumerate(headlines) for local in range(len(part))]
    tools = runner.share(summarizer)
    batches = balanced_batches([len(g.articles) for g in groups], STORY_BATCHES_PER_WORKER * runner.workers)
    if runner.workers == 1:
        batches = [range(n, n + 1) for n in range(len(groups))]  # one at a time: the progress bar moves
    members = [_batch_members(batch, groups, where, runner, articles) for batch in batches]
    summaries = [
        runner.submit(_summarize, [groups[n] for n in batch], m, tools, options)
        for batch, m in zip(batches, members, strict=True)
    ]
    daily: list[DailyStory] = []
    kept: list[list[int]] = [[] for _ in batches]  # per batch, the positions in it of the stories summarized
    for number, (batch, handle) in enumerate(zip(batches, summaries, strict=True)):
        for position, result in enumerate(runner.gather([handle])[0]):
            if isinstance(result, DailyStory):
                daily.append(result)
                kept[number].append(position)
            else:
                skipped.extend(result)
        if progress:
            progress(batch.stop, len(groups))  # a skipped story is done too: the bar still reaches its end
    done("summarize")
    linked = iter(zip(daily, link_stories(daily, earlier, Stemmer(), options.redundancy_threshold), strict=True))
    context = runner.share((day, tuple(earlier), options))
    followed = runner.gather(
        [
            runner.submit(_follow_batch, [(*next(linked), p) for p in positions], batch_members, tools, context)
            for positions, batch_members in zip(kept, members, strict=True)
        ]
    )
    done("follow")
    return DailyDigest(day, tuple(s for batch in followed for s in batch), tuple(skipped), count + len(skipped))


def _ignore_stage(stage: str) -> None:
    pass


@dataclass(frozen=True)
class _Part:
    """A partition of the day's documents, read: the day's articles, and the documents skipped with their reasons."""

    articles: tuple[CleanArticle, ...]
    skipped: tuple[tuple[str, str], ...]


def _read_part(documents: Sequence[Document], day: date, zone: tzinfo, options: SummaryOptions) -> _Part:
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
    return _Part(tuple(read), tuple(skipped))


def _part_headlines(part: _Part) -> tuple[list[Headline], tuple[tuple[str, str], ...]]:
    return [article_headline(a) for a in part.articles], part.skipped


def _part_articles(part: _Part) -> tuple[CleanArticle, ...]:
    return part.articles


def _batch_members(
    batch: range, groups: Sequence[Story], where: Sequence[tuple[int, int]], runner: Runner, articles: Sequence[Any]
) -> Any:
    """A handle of each story's articles, for a batch of stories: picked from the
    partitions that hold them (on the workers, never through this process)."""
    wanted: dict[int, list[int]] = {}
    for n in batch:
        for index in groups[n].articles:
            wanted.setdefault(where[index][0], []).append(index)
    parts = sorted(wanted)
    picks = [runner.submit(_pick, articles[p], [where[i][1] for i in wanted[p]]) for p in parts]
    return runner.submit(_members, [groups[n].articles for n in batch], [wanted[p] for p in parts], *picks)


def _pick(articles: Sequence[CleanArticle], chosen: Sequence[int]) -> list[CleanArticle]:
    return [articles[i] for i in chosen]


def _members(
    stories: Sequence[Sequence[int]], owners: Sequence[Sequence[int]], *picked: list[CleanArticle]
) -> list[list[CleanArticle]]:
    """Each story's articles, in its order, from the picks (``owners``: their indices in the day)."""
    by_index = {i: a for indices, pick in zip(owners, picked, strict=True) for i, a in zip(indices, pick, strict=True)}
    return [[by_index[i] for i in story] for story in stories]


def _summarize(
    stories: Sequence[Story], members: Sequence[Sequence[CleanArticle]], summarizer: Summarizer, options: SummaryOptions
) -> list[DailyStory | list[tuple[str, str]]]:
    """Each story summarized, or its articles' skip reasons when it could not be."""
    done: list[DailyStory | list[tuple[str, str]]] = []
    for story, articles in zip(stories, members, strict=True):
        ids = tuple(m.article.id for m in articles)
        try:
            digest = summarizer.summarize_clean_articles(articles, options)
        except SummarizerError as error:  # NoSummarizableText included
            done.append([(i, f"story could not be summarized: {error}") for i in ids])
        else:
            done.append(DailyStory(story.title, story.outlets, ids, digest))
    return done


def _follow_batch(
    stories: Sequence[tuple[DailyStory, DailyStory | None, int]],
    members: Sequence[Sequence[CleanArticle]],
    summarizer: Summarizer,
    context: tuple[date, Sequence[DailyDigest], SummaryOptions],
) -> list[DailyStory]:
    """``_follow`` for a batch's summarized stories (each with the story it continues and its place in the batch)."""
    day, earlier, options = context
    stemmer = Stemmer()
    return [
        _follow(day, story, members[position], previous, earlier, summarizer, options, stemmer)
        for story, previous, position in stories
    ]


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
