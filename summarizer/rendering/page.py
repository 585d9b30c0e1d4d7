"""Digests as standalone HTML pages: the request digest and the daily page.

No script, no external resource (the service's Content-Security-Policy allows only the
inline style). Every field goes through ``markup.html`` or ``markup.html_link``. The
style sheets are package data beside this module.
"""

from __future__ import annotations

from importlib.resources import files

from ..model import DailyDigest, DailyStory, Digest, DigestSentence, Evidence
from .markup import html, html_link

__all__ = ["render_daily_html", "render_html"]


def render_html(digest: Digest) -> str:
    items = []
    for s in digest.summary:
        also = f' <span class="also">also reported by {_also(s, digest)}</span>' if s.also_reported_by else ""
        items.append(
            f"<li><p>{html(s.text)}</p><cite>{html_link(s.outlet, s.url)}</cite>{also}{_disputed(s, digest)}</li>"
        )
    sources = [f"<li>{html(s.outlet)}: {html_link(s.title or s.document_id, s.url)}</li>" for s in digest.sources]
    return (
        _head("Digest", "digest.css")
        + '<main>\n<ol class="digest">\n'
        + "\n".join(items)
        + '\n</ol>\n<h2>Sources</h2>\n<ul class="sources">\n'
        + "\n".join(sources)
        + "\n</ul>\n</main>\n</body>\n</html>\n"
    )


def _also(sentence: DigestSentence, digest: Digest) -> str:
    """The other outlets, each linked to its article with its own sentence of the fact on
    hover, so a reader can check a credit in one click."""
    if not sentence.evidence:
        return html(", ".join(sentence.also_reported_by))
    return _linked(sentence.evidence, digest)


def _disputed(sentence: DigestSentence, digest: Digest) -> str:
    """The outlets that tell a detail otherwise, linked with their sentence on hover."""
    if not sentence.disputed_by:
        return ""
    return f' <span class="disputed">told otherwise by {_linked(sentence.disputed_by, digest)}</span>'


def _linked(evidence: tuple[Evidence, ...], digest: Digest) -> str:
    urls = {s.document_id: s.url for s in digest.sources}
    return ", ".join(html_link(e.outlet, urls.get(e.document_id), f"{e.outlet}: {e.text}") for e in evidence)


def render_daily_html(daily: DailyDigest) -> str:
    """A page to read each morning: readable type, coverage badges, links."""
    widest = max((len(s.outlets) for s in daily.stories), default=1)
    sections = [_story(number, story, widest) for number, story in enumerate(daily.stories, start=1)]
    skipped = (
        "<details><summary>Skipped documents</summary><ul>"
        + "".join(f"<li>{html(d)}: {html(r)}</li>" for d, r in daily.skipped)
        + "</ul></details>"
        if daily.skipped
        else ""
    )
    return (
        _head(f"News digest, {html(daily.day.isoformat())}", "daily.css")
        + "<main>\n"
        + f"<header><h1>News digest</h1><p>{html(daily.day.strftime('%A, %d %B %Y'))} · "
        + f"{len(daily.stories)} stories from {daily.documents} articles</p></header>\n"
        + "\n".join(sections)
        + f"\n{skipped}\n</main>\n</body>\n</html>\n"
    )


def _story(number: int, story: DailyStory, widest: int) -> str:
    badges = "".join(f'<li class="badge">{html(o)}</li>' for o in story.outlets)
    coverage = round(100 * len(story.outlets) / widest)
    sentences = []
    for s in story.digest.summary:
        also = f" · also {_also(s, story.digest)}" if s.also_reported_by else ""
        sentences.append(
            f"<li><p>{html(s.text)}</p><cite>{html_link(s.outlet, s.url)}{also}</cite>{_disputed(s, story.digest)}</li>"
        )
    count = len(story.outlets)
    return (
        f'<article class="story" id="story-{number}">\n<h2>{html(story.title)}</h2>\n'
        f'<div class="coverage" aria-label="covered by {count} outlets">'
        f'<span class="bar" style="width:{coverage}%"></span>'
        f'<span class="count">{count} outlet{"s" if count != 1 else ""}</span></div>\n'
        f'<ul class="outlets">{badges}</ul>\n<ol class="summary">{"".join(sentences)}</ol>\n</article>'
    )


def _head(title: str, style_sheet: str) -> str:
    """``title`` is HTML already."""
    style = files(__package__).joinpath(style_sheet).read_text(encoding="utf-8")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>\n{style}</style>\n</head>\n<body>\n"
    )
