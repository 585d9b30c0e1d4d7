"""The daily digest: a day's articles -> stories -> one attributed summary per story.

``build_daily_digest`` is pure (documents in, ``DailyDigest`` out); ``write_daily_digest``
renders it and writes each file atomically (temporary file, fsync, rename), so a crash
never leaves half a file, and the same inputs give byte-identical files.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from html import escape
from pathlib import Path
from typing import Any

from .errors import SummarizerError
from .model import CleanArticle, Digest, Document
from .options import SummaryOptions
from .pipeline import Summarizer, read_document
from .rendering import digest_to_dict
from .stories import StoryOptions, group_stories
from .terms import Stemmer

__all__ = ["DailyDigest", "DailyStory", "build_daily_digest", "write_daily_digest"]

FORMATS = ("json", "md", "html")


@dataclass(frozen=True)
class DailyStory:
    title: str
    outlets: tuple[str, ...]
    documents: tuple[str, ...]
    digest: Digest


@dataclass(frozen=True)
class DailyDigest:
    day: date
    stories: tuple[DailyStory, ...]
    skipped: tuple[tuple[str, str], ...]  # (document_id, reason)
    documents: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "stories": [
                {
                    "title": s.title,
                    "outlets": list(s.outlets),
                    "documents": list(s.documents),
                    "summary": digest_to_dict(s.digest)["summary"],
                }
                for s in self.stories
            ],
            "skipped": [{"document_id": d, "reason": r} for d, r in self.skipped],
        }


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
        if published is not None and _local_day(published, zone) != day:
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
            digest = summarizer.summarize_read(members, options)
        except SummarizerError as error:  # NoSummarizableText included
            skipped.extend((i, f"story could not be summarized: {error}") for i in ids)
        else:
            daily.append(DailyStory(group.title, group.outlets, ids, digest))
        if progress:
            progress(number, len(groups))  # a skipped story is done too: the bar still reaches its end
    return DailyDigest(day, tuple(daily), tuple(skipped), len(read) + len(skipped))


def _local_day(moment: datetime, zone: tzinfo) -> date:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(zone).date()


def write_daily_digest(digest: DailyDigest, out: Path, formats: Sequence[str]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    renderers = {"json": render_json, "md": render_markdown, "html": render_html}
    written = []
    for fmt in formats:
        path = out / f"digest-{digest.day.isoformat()}.{fmt}"
        _write_atomically(path, renderers[fmt](digest))
        written.append(path)
    return written


def _write_atomically(path: Path, text: str) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(descriptor, 0o666 & ~umask)  # as a plain open() would: readable by the web server
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)  # the rename itself survives a crash
        finally:
            os.close(directory)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def render_json(digest: DailyDigest) -> str:
    return json.dumps(digest.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_markdown(digest: DailyDigest) -> str:
    lines = [f"# News digest, {digest.day.isoformat()}", ""]
    for story in digest.stories:
        lines += [f"## {story.title}", "", f"*Covered by {len(story.outlets)}: {', '.join(story.outlets)}*", ""]
        for s in story.digest.summary:
            cite = f"[{s.outlet}]({s.url})" if s.url else s.outlet
            also = f"; also {', '.join(s.also_reported_by)}" if s.also_reported_by else ""
            lines.append(f"- {s.text} ({cite}{also})")
        lines.append("")
    if digest.skipped:
        lines += ["## Skipped", ""] + [f"- {d}: {r}" for d, r in digest.skipped] + [""]
    return "\n".join(lines)


def render_html(digest: DailyDigest) -> str:
    """A page to read each morning: no script, readable type, coverage badges, links."""
    day = escape(digest.day.strftime("%A, %d %B %Y"))
    widest = max((len(s.outlets) for s in digest.stories), default=1)
    sections = []
    for number, story in enumerate(digest.stories, start=1):
        badges = "".join(f'<li class="badge">{escape(o)}</li>' for o in story.outlets)
        coverage = round(100 * len(story.outlets) / widest)
        sentences = []
        for s in story.digest.summary:
            outlet = escape(s.outlet)
            cite = f'<a href="{escape(s.url)}">{outlet}</a>' if s.url else outlet
            also = f" · also {escape(', '.join(s.also_reported_by))}" if s.also_reported_by else ""
            sentences.append(f"<li><p>{escape(s.text)}</p><cite>{cite}{also}</cite></li>")
        sections.append(
            f'<article class="story" id="story-{number}">\n<h2>{escape(story.title)}</h2>\n'
            f'<div class="coverage" aria-label="covered by {len(story.outlets)} outlets">'
            f'<span class="bar" style="width:{coverage}%"></span>'
            f'<span class="count">{len(story.outlets)} outlet{"s" if len(story.outlets) != 1 else ""}</span></div>\n'
            f'<ul class="outlets">{badges}</ul>\n<ol class="summary">{"".join(sentences)}</ol>\n</article>'
        )
    skipped = (
        "<details><summary>Skipped documents</summary><ul>"
        + "".join(f"<li>{escape(d)}: {escape(r)}</li>" for d, r in digest.skipped)
        + "</ul></details>"
        if digest.skipped
        else ""
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>News digest, {escape(digest.day.isoformat())}</title>\n<style>\n"
        "body{font:18px/1.6 Georgia,'Times New Roman',serif;color:#1b1b1b;background:#fbfaf7;margin:0}\n"
        "main{max-width:44rem;margin:0 auto;padding:2rem 1.25rem 4rem}\n"
        "header h1{font:700 1.9rem/1.2 system-ui,sans-serif;margin:0}header p{color:#666;margin:.3rem 0 2rem}\n"
        ".story{border-top:1px solid #ddd;padding:1.5rem 0}\n"
        ".story h2{font:700 1.3rem/1.3 system-ui,sans-serif;margin:0 0 .6rem}\n"
        ".coverage{position:relative;height:1.4rem;background:#eee;border-radius:.7rem;\n"
        "overflow:hidden;margin:.4rem 0}\n"
        ".coverage .bar{position:absolute;inset:0 auto 0 0;background:#2f6f9f}\n"
        ".coverage .count{position:relative;font:600 .8rem/1.4rem system-ui,sans-serif;color:#fff;padding-left:.7rem}\n"
        ".outlets{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.35rem}\n"
        ".badge{font:600 .75rem system-ui,sans-serif;background:#e8eef4;color:#234;\n"
        "border-radius:1rem;padding:.15rem .6rem}\n"
        ".summary{padding-left:1.2rem}.summary li{margin:.7rem 0}.summary p{margin:0}\n"
        "cite{font:.8rem system-ui,sans-serif;color:#666;font-style:normal}a{color:#2f6f9f}\n"
        "</style>\n</head>\n<body>\n<main>\n"
        f"<header><h1>News digest</h1><p>{day} · {len(digest.stories)} stories from "
        f"{digest.documents} articles</p></header>\n"
        + "\n".join(sections)
        + f"\n{skipped}\n</main>\n</body>\n</html>\n"
    )
