"""Digest -> text a person or a program reads: every format of the request digest and
of the daily digest lives here, with one escaping of every field (``markup``).

Request digest formats: ``json`` (the API's contract, see ``data``), ``markdown``,
``text`` and ``html``. Daily digest formats (file suffixes of ``summarizer digest``):
``json``, ``md`` and ``html``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, get_args

from ..model import DailyDigest, Digest
from .data import daily_to_dict, digest_to_dict, render_daily_json, render_json
from .markdown import render_daily_markdown, render_markdown
from .page import render_daily_html, render_html
from .text import render_text

__all__ = ["DAILY_FORMATS", "FORMATS", "Format", "daily_to_dict", "digest_to_dict", "render", "render_daily"]

Format = Literal["json", "markdown", "text", "html"]
FORMATS: tuple[str, ...] = get_args(Format)
DAILY_FORMATS = ("json", "md", "html")

RENDERERS: dict[str, Callable[[Digest], str]] = {
    "json": render_json,
    "markdown": render_markdown,
    "text": render_text,
    "html": render_html,
}
DAILY_RENDERERS: dict[str, Callable[[DailyDigest], str]] = {
    "json": render_daily_json,
    "md": render_daily_markdown,
    "html": render_daily_html,
}


def render(digest: Digest, format: Format) -> str:
    return RENDERERS[format](digest)


def render_daily(daily: DailyDigest, format: str) -> str:
    """``format``: one of ``DAILY_FORMATS``."""
    return DAILY_RENDERERS[format](daily)
