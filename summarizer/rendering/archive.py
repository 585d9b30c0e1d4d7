"""The pages a reader comes back to: the archive of days, and a page per story that shows
its days, each day's new facts and the outlets' timeline. Static pages (no script),
escaped by ``markup``, styled like the day's page."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ..model import DailyDigest, DailyStory, FactMarks
from .markup import html, html_link
from .page import first_reported, page

__all__ = ["render_archive", "render_story_page"]


def render_archive(days: Sequence[DailyDigest]) -> str:
    """Every day, newest first, with its story count and first headlines."""
    items = [
        f'<li><a href="/digests/{d.day.isoformat()}">{html(d.day.strftime("%A, %d %B %Y"))}</a>'
        f" · {len(d.stories)} stories: {html('; '.join(s.title for s in d.stories[:3]))}</li>"
        for d in days
    ]
    body = '<header><h1>All days</h1></header>\n<ul class="archive">' + "".join(items) + "</ul>\n"
    return page("News digest: all days", body)


def render_story_page(story_id: str, days: Sequence[DailyDigest]) -> str:
    """The story ``story_id`` on each of ``days`` (oldest first) that carries it."""
    appearances = [(d, s) for d in days for s in d.stories if s.id == story_id]
    latest = appearances[-1][1]
    sections = [_day(d, s) for d, s in appearances]
    body = (
        f"<header><h1>{html(latest.title)}</h1><p>First seen {html(str(latest.first_seen))} · "
        f"{len(appearances)} day{'s' if len(appearances) != 1 else ''} · "
        '<a href="/digests/">All days</a></p></header>\n' + "\n".join(sections) + "\n"
    )
    return page(f"Story: {html(latest.title)}", body)


def _day(daily: DailyDigest, story: DailyStory) -> str:
    marks = story.marks or tuple(FactMarks() for _ in story.digest.summary)
    facts = [
        f"<li><p>{html(s.text)}</p><cite>{html_link(s.outlet, s.url)}{first_reported(m)}</cite></li>"
        for s, m in zip(story.digest.summary, marks, strict=True)
        if m.new
    ]
    told = f'<ol class="summary">{"".join(facts)}</ol>' if facts else "<p>Nothing new that day.</p>"
    rows = "".join(
        f"<tr><td>{html(outlet)}</td><td>{count}</td><td>{_time(first)}</td></tr>"
        for outlet, count, first in story.timeline.outlets
    )
    sources = "".join(
        f"<li>{html(s.outlet)}: {html_link(s.title or s.document_id, s.url)}</li>" for s in story.digest.sources
    )
    when = f"{_time(story.timeline.first)} to {_time(story.timeline.last)}"
    day = daily.day.isoformat()
    return (
        f'<section class="story">\n<h2><a href="/digests/{day}">{html(daily.day.strftime("%A, %d %B %Y"))}</a></h2>\n'
        f"<h3>New that day</h3>\n{told}\n<h3>Timeline</h3>\n<p>Articles from {html(when)}</p>\n"
        f"<table><thead><tr><th>outlet</th><th>articles</th><th>first</th></tr></thead><tbody>{rows}</tbody></table>\n"
        f'<h3>Sources</h3>\n<ul class="sources">{sources}</ul>\n</section>'
    )


def _time(moment: datetime | None) -> str:
    return html(f"{moment:%d %b %H:%M} UTC") if moment else "undated"
