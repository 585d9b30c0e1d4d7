"""The one escaping of every field that reaches Markdown or HTML, and the one citation.

Every string in a digest came from a client or a scraped page: an outlet, a title, a
URL, a sentence, a document id. Each goes through exactly one of these helpers on its
way out, in both the request digest and the daily digest:

- ``md``: a field as Markdown text. Syntax characters are backslash-escaped, and line
  breaks and other control characters become spaces, so no field can start a line of
  its own (a raw ``<script>`` line is HTML to most Markdown renderers).
- ``md_link`` / ``html_link``: a label linked to a URL only when the URL is an
  absolute http(s) URL (``links.is_web_url``); any other URL is not linked at all.
- ``html``: ``html.escape`` with quotes, for text and attributes alike.
"""

from __future__ import annotations

import html as _html
import re
from urllib.parse import quote

from ..links import is_web_url

__all__ = ["html", "html_link", "md", "md_link", "one_line"]

# C0 and C1 controls and the Unicode line and paragraph separators.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_MARKDOWN_SYNTAX = frozenset("\\`*_[]<>#|")
# Characters kept as they are in a Markdown link destination: RFC 3986's unreserved and
# reserved ones, and "%" (already encoded). Parentheses and spaces would end it.
_URL_SAFE = "!#$&'*+,/:;=?@[]~%-._"


def one_line(text: str) -> str:
    """``text`` with every run of line breaks and control characters as one space."""
    return _CONTROL_RE.sub(" ", text)


def md(text: str) -> str:
    return "".join("\\" + c if c in _MARKDOWN_SYNTAX else c for c in one_line(text))


def md_link(label: str, url: str | None) -> str:
    """``[label](url)``, or the escaped label alone when ``url`` is not a web URL."""
    if url is None or not is_web_url(url):
        return md(label)
    return f"[{md(label)}]({quote(url, safe=_URL_SAFE)})"


def html(text: str) -> str:
    return _html.escape(text, quote=True)


def html_link(label: str, url: str | None, title: str | None = None) -> str:
    """``<a href="url">label</a>``, or the escaped label alone when ``url`` is not a web URL;
    ``title``, when given, is shown on hover (as a ``<span>`` around an unlinked label)."""
    hover = f' title="{html(one_line(title))}"' if title else ""
    if url is None or not is_web_url(url):
        return f"<span{hover}>{html(label)}</span>" if hover else html(label)
    return f'<a href="{html(url)}"{hover}>{html(label)}</a>'
