"""A fetched feed's bytes -> ``ParsedFeed``: RSS 0.9x, 1.0 and 2.0 and Atom through
feedparser, JSON Feed 1.0 and 1.1 (plain JSON) here.

feedparser is lenient, as every feed reader must be: a feed with a stray ``&`` still
gives its items (its ``bozo`` flag is set). A document that gives no feed at all (an
HTML page served at the feed's address, XML too broken to recover, invalid JSON) raises
``FeedError``, which the run records as the feed's failure.

Each item gets a ``key`` that identifies it within its feed (its GUID, else its link,
else a hash of its title and text), an absolute link (relative ones are resolved
against the feed's URL), its date when the feed gives one, and its own text (content,
else summary), used when the linked page cannot be had.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from ..dates import from_struct_time, parse_timestamp
from ..errors import InputError
from ..links import is_web_url

__all__ = ["FeedError", "FeedItem", "ParsedFeed", "fragment_text", "looks_english", "parse_feed"]


class FeedError(Exception):
    """The document is not a feed we can read (one line, for the feed's health)."""


@dataclass(frozen=True)
class FeedItem:
    key: str
    link: str | None  # absolute http(s), else None
    title: str | None
    published_at: datetime | None
    text: str  # the item's own content, else its summary, as plain paragraphs
    language: str | None  # the item's or the feed's declared language, lower case


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    language: str | None
    items: tuple[FeedItem, ...]


def parse_feed(body: bytes, content_type: str | None, url: str) -> ParsedFeed:
    """The feed in ``body``, fetched from ``url`` with ``content_type``."""
    media = (content_type or "").split(";")[0].strip().lower()
    if media.endswith("json") or body.lstrip()[:1] == b"{":
        return _json_feed(body, url)
    import feedparser  # imported here: only ingest needs it

    # A BytesIO, never the bytes themselves: feedparser would take a string that looks
    # like a URL or a path for one, and fetch or open it.
    parsed = feedparser.parse(
        io.BytesIO(body), response_headers={"content-type": content_type or "", "content-location": url}
    )
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        if media in ("text/html", "application/xhtml+xml") or b"<html" in body[:2048].lower():
            raise FeedError(f"not a feed: an HTML page (served as {media or 'no type'})")
        problem = parsed.get("bozo_exception")
        raise FeedError(f"not a feed: {_one_line(problem) if problem else 'no RSS, Atom or JSON Feed found'}")
    feed_language = _language(parsed.feed.get("language"))
    items = []
    for entry in parsed.entries:
        link = _link(entry.get("link"), url)
        contents = entry.get("content") or []
        html = contents[0].get("value", "") if contents else ""
        text = fragment_text(html) or fragment_text(entry.get("summary", ""))
        title = " ".join(str(entry.get("title", "")).split()) or None
        # dict.get, not FeedParserDict's: it maps a missing updated_parsed onto published_parsed, with a warning.
        published = from_struct_time(dict.get(entry, "published_parsed")) or from_struct_time(
            dict.get(entry, "updated_parsed")
        )
        language = _language(contents[0].get("language") if contents else None) or feed_language
        if not (link or text):
            continue  # nothing to fetch and nothing to store (a truncated feed's last item, say)
        key = str(entry.get("id") or "").strip() or link or _hash_key(title, text)
        items.append(_without_nul(FeedItem(key, link, title, published, text, language)))
    return ParsedFeed(" ".join(str(parsed.feed.get("title", "")).split()) or None, feed_language, tuple(items))


def _json_feed(body: bytes, url: str) -> ParsedFeed:
    """JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/)."""
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise FeedError(f"not a feed: invalid JSON ({_one_line(error)})") from None
    if not (isinstance(data, dict) and str(data.get("version", "")).startswith("https://jsonfeed.org/version/")):
        raise FeedError("not a feed: JSON without a jsonfeed.org version")
    raw_items = data.get("items")
    if not isinstance(raw_items, list):
        raise FeedError("not a feed: JSON Feed without an items list")
    feed_language = _language(_string(data.get("language")))
    items = []
    for raw in raw_items:
        if not isinstance(raw, dict):
            continue
        link = _link(_string(raw.get("url")) or _string(raw.get("external_url")), url)
        text = fragment_text(_string(raw.get("content_html")) or "") or _paragraphs(
            (_string(raw.get("content_text")) or _string(raw.get("summary")) or "").splitlines()
        )
        title = " ".join((_string(raw.get("title")) or "").split()) or None
        if not (link or text):
            continue
        identifier = raw.get("id")
        key = (str(identifier).strip() if isinstance(identifier, str | int) else "") or link or _hash_key(title, text)
        published = _json_date(raw.get("date_published")) or _json_date(raw.get("date_modified"))
        language = _language(_string(raw.get("language"))) or feed_language
        items.append(_without_nul(FeedItem(key, link, title, published, text, language)))
    return ParsedFeed(" ".join((_string(data.get("title")) or "").split()) or None, feed_language, tuple(items))


# Elements whose end ends a paragraph of a feed's HTML fragment.
_BLOCKS = ("p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "tr", "section", "article")


def fragment_text(html: str) -> str:
    """A feed's HTML fragment (an item's content or summary) as plain paragraphs, one
    per line pair. Scripts and styles are dropped; no tag is stripped by hand: lxml
    parses the fragment and gives its text."""
    if not html.strip():
        return ""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.LxmlError, ValueError):
        return ""
    for element in root.xpath(".//script|.//style|.//noscript|.//iframe|.//template"):
        element.drop_tree()
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    return _paragraphs(root.text_content().split("\n"))


def _paragraphs(lines: list[str]) -> str:
    """Lines -> paragraphs separated by a blank line; a blank line ends a paragraph."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            current.append(" ".join(line.split()))
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return "\n\n".join(paragraphs)


# The most frequent English words: running English prose is made of them for about a
# third of its words; French, German or Spanish prose for a few percent (shared forms
# such as "a", "in", "die" aside).
_ENGLISH = frozenset(
    "the of and to a in that is was he for it with as his on be at by i this had not are but from or have an "
    "they which one you were her all she there would their we him been has when who will more no if out so said "
    "what up its about into than them can only other new some could time these two may then do first any my now "
    "such like our over man me even most made after also did many before must through years where much your way".split()
)


def looks_english(text: str) -> bool | None:
    """Whether ``text`` reads as English prose (``None``: too short to tell). A rough
    guess for items whose feed declares no language; a declared one always wins."""
    words = [w.strip(".,;:!?\"'()[]“”‘’«»-").lower() for w in text.split()[:400]]
    words = [w for w in words if w]
    if len(words) < 20:
        return None
    return sum(w in _ENGLISH for w in words) / len(words) >= 0.15


def _without_nul(item: FeedItem) -> FeedItem:
    """``item`` without U+0000, which no text means and PostgreSQL cannot store."""
    return replace(
        item,
        key=item.key.replace("\x00", ""),
        title=item.title.replace("\x00", "") if item.title else item.title,
        text=item.text.replace("\x00", ""),
    )


def _link(value: object, base: str) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        link = urljoin(base, value.strip())
    except ValueError:  # an invalid IPv6 host, for one: the item is read without its link
        return None
    return link if is_web_url(link) else None


def _language(value: object) -> str | None:
    """A language tag, lower case (``en-US`` -> ``en-us``); ``None`` when absent."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().lower().replace("_", "-")[:35]


def _string(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _json_date(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return parse_timestamp(value, "feed")
    except InputError:
        return None


def _hash_key(title: str | None, text: str) -> str:
    """The key of an item with neither GUID nor link: its title and text."""
    return "sha256:" + hashlib.sha256(f"{title or ''}\n{text}".encode()).hexdigest()


def _one_line(error: Any) -> str:
    return " ".join(str(error).split())[:200] or type(error).__name__
