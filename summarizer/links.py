"""Which URLs may become links: absolute ``http`` and ``https`` URLs, nothing else.

A document's ``url`` is shown as a link in every rendering. ``javascript:`` or
``data:`` would run or show what the sender chose in the reader's browser, and a
control character or a space could break out of a Markdown link or an HTML
attribute. Input is checked with ``is_web_url`` at the boundary (a request with any
other URL is refused); renderers check again, because the store and pages extracted
before this rule may hold such URLs: those are shown as text, never as a link.
"""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["WEB_SCHEMES", "is_web_url"]

WEB_SCHEMES = frozenset({"http", "https"})
# Characters RFC 3986 never allows unencoded, and that end a link or an attribute.
_FORBIDDEN = frozenset('<>"\\^`{|}')


def is_web_url(url: str | None) -> bool:
    """Whether ``url`` is an absolute http(s) URL with a host, safe to put in an ``href``."""
    if not url or any(c <= " " or c == "\x7f" or c in _FORBIDDEN for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:  # an invalid IPv6 host, for one
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)
