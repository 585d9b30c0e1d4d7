"""The daily digest: a day's articles -> stories -> one attributed summary per story.

``build_daily_digest`` is pure (documents in, ``DailyDigest`` out); ``write_daily_digest``
renders it (``rendering``) and writes its files together, each atomically (temporary
file, fsync, rename): a crash never leaves half a file or half a set, and the same
inputs give byte-identical files.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from datetime import date, tzinfo
from pathlib import Path

from ..dates import local_day
from ..errors import SummarizerError
from ..model import CleanArticle, DailyDigest, DailyStory, Document
from ..options import SummaryOptions
from ..pipeline import Summarizer, read_document
from ..rendering import SUFFIXES, Format, render_daily
from ..stories import StoryOptions, group_stories
from ..terms import Stemmer

__all__ = ["build_daily_digest", "write_daily_digest"]


def build_daily_digest(
    day: date,
    zone: tzinfo,
    documents: Sequence[Document],
    summarizer: Summarizer,
    options: SummaryOptions,
    stories: StoryOptions,
    progress: Callable[[int, int], None] | None = None,
) -> DailyDigest:
    """The stories of ``day`` (in ``zone``). Documents published on another day are left
    out; one without a date (given, or declared by its page) counts as the day's. One
    bad document is skipped with its reason and never sinks the run."""
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
    groups = group_stories(read, stories, Stemmer()) if read else []
    daily: list[DailyStory] = []
    for number, group in enumerate(groups, start=1):
        members = [read[i] for i in group.articles]
        ids = tuple(m.article.id for m in members)
        try:
            digest = summarizer.summarize_clean_articles(members, options)
        except SummarizerError as error:  # NoSummarizableText included
            skipped.extend((i, f"story could not be summarized: {error}") for i in ids)
        else:
            daily.append(DailyStory(group.title, group.outlets, ids, digest))
        if progress:
            progress(number, len(groups))  # a skipped story is done too: the bar still reaches its end
    return DailyDigest(day, tuple(daily), tuple(skipped), len(read) + len(skipped))


def write_daily_digest(digest: DailyDigest, out: Path, formats: Sequence[Format]) -> list[Path]:
    """Write ``out/digest-DATE.SUFFIX`` for each of ``formats``, all of them or none.

    Every format is rendered first, then written to a temporary file beside its target
    and synced, and only then are the temporary files renamed into place. When a rename
    fails (a directory in the way, say), the files this run already replaced are put back
    as they were, and the error is raised: a reader never sees Tuesday's JSON beside
    Monday's page."""
    texts = [render_daily(digest, fmt) for fmt in formats]
    targets = [out / f"digest-{digest.day.isoformat()}.{SUFFIXES[fmt]}" for fmt in formats]
    staged: list[Path] = []
    try:
        for target, text in zip(targets, texts, strict=True):
            staged.append(_stage(target, text))
        _replace_together(staged, targets)
    finally:
        for temporary in staged:
            temporary.unlink(missing_ok=True)
    _sync_directory(out)  # the renames themselves survive a crash
    return targets


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
