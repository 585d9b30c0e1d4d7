"""Digests as Markdown: the request digest and the daily digest's ``.md``, one citation.

Every field goes through ``markup.md`` or ``markup.md_link``; nothing is written raw.
"""

from __future__ import annotations

from ..model import DailyDigest, Digest, DigestSentence, FactMarks
from .markup import md, md_link

__all__ = ["render_daily_markdown", "render_markdown"]


def render_markdown(digest: Digest) -> str:
    lines = [f"- {md(s.text)} ({_cite(s, 'also reported by')})" for s in digest.summary]
    if digest.sources:
        lines += ["", "**Sources**", ""]
        lines += [f"- {md(s.outlet)}: {md_link(s.title or s.document_id, s.url)}" for s in digest.sources]
    return "\n".join(lines) + "\n"


def render_daily_markdown(daily: DailyDigest) -> str:
    lines = [f"# News digest, {daily.day.isoformat()}", ""]
    for story in daily.stories:
        covered = ", ".join(md(o) for o in story.outlets)
        lines += [f"## {md(story.title)}", "", f"*Covered by {len(story.outlets)}: {covered}*", ""]
        marks = story.marks or tuple(FactMarks() for _ in story.digest.summary)
        lines += [
            f"- {'**New:** ' if story.developing and m.new else ''}{md(s.text)} ({_cite(s, 'also')}{_first(m)})"
            for s, m in zip(story.digest.summary, marks, strict=True)
        ]
        lines.append("")
    if daily.skipped:
        lines += ["## Skipped", ""] + [f"- {md(d)}: {md(r)}" for d, r in daily.skipped] + [""]
    return "\n".join(lines)


def _cite(s: DigestSentence, also_label: str) -> str:
    also = f"; {also_label} {', '.join(md(o) for o in s.also_reported_by)}" if s.also_reported_by else ""
    otherwise = f"; told otherwise by {', '.join(md(e.outlet) for e in s.disputed_by)}" if s.disputed_by else ""
    return f"{md_link(s.outlet, s.url)}{also}{otherwise}"


def _first(m: FactMarks) -> str:
    first = f"; first: {md(m.first_reported_by)}" if m.first_reported_by else ""
    return first + ("; exclusive" if m.exclusive else "")
