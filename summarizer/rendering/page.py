"""Digests as standalone HTML pages: the request digest and the daily page.

No script, no external resource (the service's Content-Security-Policy allows only the
inline style). Every field goes through ``markup.html`` or ``markup.html_link``. The
style sheets are package data beside this module.
"""

from __future__ import annotations

from importlib.resources import files

from ..model import STORY_ID_RE, DailyDigest, DailyStory, Digest, DigestSentence, Evidence, FactMarks
from .markup import html, html_link

__all__ = ["daily_main", "first_reported", "page", "render_daily_html", "render_html"]


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
    """A page to read each morning: readable type, coverage badges, links, and links to
    the days before and after (``daily.neighbours``) and to the archive."""
    before, after = daily.neighbours
    links = [f'<a rel="prev" href="/digests/{d.isoformat()}">← {d.isoformat()}</a>' for d in (before,) if d]
    links.append('<a href="/digests/">All days</a>')
    links += [f'<a rel="next" href="/digests/{d.isoformat()}">{d.isoformat()} →</a>' for d in (after,) if d]
    nav = f'<nav aria-label="days">{" · ".join(links)}</nav>\n'
    return page(f"News digest, {html(daily.day.isoformat())}", nav + daily_main(daily))


def daily_main(daily: DailyDigest) -> str:
    """The day's digest as an HTML fragment: the page's content, and each feed entry's."""
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
        f"<header><h1>News digest</h1><p>{html(daily.day.strftime('%A, %d %B %Y'))} · "
        + f"{len(daily.stories)} stories from {daily.documents} articles</p></header>\n"
        + "\n".join(sections)
        + f"\n{skipped}\n"
    )


def page(title: str, body: str) -> str:
    """A daily page around ``body`` (HTML already), as is ``title``."""
    return _head(title, "daily.css") + "<main>\n" + body + "</main>\n</body>\n</html>\n"


def _story(number: int, story: DailyStory, widest: int) -> str:
    badges = "".join(f'<li class="badge">{html(o)}</li>' for o in story.outlets)
    coverage = round(100 * len(story.outlets) / widest)
    marks = story.marks or tuple(FactMarks() for _ in story.digest.summary)
    sentences = []
    for s, m in zip(story.digest.summary, marks, strict=True):
        also = f" · also {_also(s, story.digest)}" if s.also_reported_by else ""
        sentences.append(
            f"<li>{_fact_labels(m, story.developing)}<p>{html(s.text)}</p>"
            f"<cite>{html_link(s.outlet, s.url)}{also}{first_reported(m)}</cite>{_disputed(s, story.digest)}</li>"
        )
    count = len(story.outlets)
    # A path on the service, not a web URL (``html_link`` links only those), and only for an id that fits.
    linked = STORY_ID_RE.fullmatch(story.id)
    title = f'<a href="/stories/{story.id}">{html(story.title)}</a>' if linked else html(story.title)
    since = (
        f'<p class="since">Developing since {html(story.first_seen.isoformat())}</p>\n'
        if story.developing and story.first_seen
        else ""
    )
    return (
        f'<article class="story" id="story-{number}">\n<h2>{title}</h2>\n{since}'
        f'<div class="coverage" aria-label="covered by {count} outlets">'
        f'<span class="track"><span class="bar" style="width:{coverage}%"></span></span>'
        f'<span class="count">{count} outlet{"s" if count != 1 else ""}</span></div>\n'
        f'<ul class="outlets">{badges}</ul>\n<ol class="summary">{"".join(sentences)}</ol>\n</article>'
    )


def _fact_labels(marks: FactMarks, developing: bool) -> str:
    labels = (["new"] if developing and marks.new else []) + (["exclusive"] if marks.exclusive else [])
    return "".join(f'<span class="label {label}">{label}</span> ' for label in labels)


def first_reported(marks: FactMarks) -> str:
    """`` · first: OUTLET, TIME`` when the fact's first reporter is known."""
    if not marks.first_reported_by:
        return ""
    at = f", {marks.first_reported_at:%d %b %H:%M} UTC" if marks.first_reported_at else ""
    return f" · first: {html(marks.first_reported_by)}{html(at)}"


def _head(title: str, style_sheet: str) -> str:
    """``title`` is HTML already."""
    style = files(__package__).joinpath(style_sheet).read_text(encoding="utf-8")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>\n{style}</style>\n</head>\n<body>\n"
    )
