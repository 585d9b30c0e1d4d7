"""The request digest as plain text, for a terminal: numbered sentences with citations.

Fields are put on one line each (``markup.one_line``), so no field can forge a line.
"""

from __future__ import annotations

from ..model import Digest
from .markup import one_line

__all__ = ["render_text"]


def render_text(digest: Digest) -> str:
    lines = []
    for number, s in enumerate(digest.summary, start=1):
        also = f"; also: {one_line(', '.join(s.also_reported_by))}" if s.also_reported_by else ""
        otherwise = (
            f"; told otherwise by: {one_line(', '.join(e.outlet for e in s.disputed_by))}" if s.disputed_by else ""
        )
        lines.append(f"{number}. {one_line(s.text)} [{one_line(s.outlet)}{also}{otherwise}]")
    if digest.sources:
        lines += ["", "Sources:"]
        lines += [
            f"- {one_line(s.outlet)}: {one_line(s.title or s.document_id)}" + (f" <{one_line(s.url)}>" if s.url else "")
            for s in digest.sources
        ]
    return "\n".join(lines) + "\n"
