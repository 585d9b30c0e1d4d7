"""Digest -> text a person or a program reads: every format of the request digest and
of the daily digest lives here, with one escaping of every field (``markup``).

One vocabulary names the formats everywhere (library, CLI, docs): ``json`` (the API's
contract, see ``data``), ``markdown``, ``text`` and ``html``. The request digest comes in
all four; the daily digest in ``DAILY_FORMATS``, each written to a file named with its
``SUFFIXES`` (``.md`` for ``markdown``). ``canonical_format`` reads the other spellings
users may type (``md``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, get_args

from ..model import DailyDigest, Digest
from .data import daily_from_dict, daily_to_dict, digest_to_dict, render_daily_json, render_json
from .markdown import render_daily_markdown, render_markdown
from .page import render_daily_html, render_html
from .text import render_text

__all__ = [
    "DAILY_FORMATS",
    "FORMATS",
    "SUFFIXES",
    "Format",
    "canonical_format",
    "daily_from_dict",
    "daily_to_dict",
    "digest_to_dict",
    "render",
    "render_daily",
]

Format = Literal["json", "markdown", "text", "html"]
FORMATS: tuple[Format, ...] = get_args(Format)
DAILY_FORMATS: tuple[Format, ...] = ("json", "markdown", "html")
# The daily digest's file names: ``digest-DATE.SUFFIX``.
SUFFIXES: dict[Format, str] = {"json": "json", "markdown": "md", "html": "html"}
# Other spellings of a format a user may type: ``summarizer digest --formats`` took the
# suffix ``md`` before the formats had one name each, and still does.
ALIASES: dict[str, Format] = {"md": "markdown"}

RENDERERS: dict[str, Callable[[Digest], str]] = {
    "json": render_json,
    "markdown": render_markdown,
    "text": render_text,
    "html": render_html,
}
DAILY_RENDERERS: dict[str, Callable[[DailyDigest], str]] = {
    "json": render_daily_json,
    "markdown": render_daily_markdown,
    "html": render_daily_html,
}


def render(digest: Digest, format: Format) -> str:
    return RENDERERS[format](digest)


def render_daily(daily: DailyDigest, format: Format) -> str:
    """``format``: one of ``DAILY_FORMATS``."""
    return DAILY_RENDERERS[format](daily)


def canonical_format(name: str) -> str:
    """The format's own name for ``name`` when it is an alias (``md``: ``markdown``);
    any other ``name`` as it is, for the caller to check against its formats."""
    return ALIASES.get(name, name)
