"""A feed item (and its page, when it could be had) -> the ``Document`` to store.

- Text: the page's article as trafilatura extracts it (``extraction.resolve_article``),
  unless the item's own content is longer: a page that needs JavaScript, or a paywall,
  gives almost nothing, and the feed's text is then the better record.
- URL: the page's ``<link rel=canonical>`` when it names the same site, else the URL
  the page was fetched from after redirects, else the item's link.
- Date: the feed's, else the page's, else the time the item was first seen.
- Outlet: the subscription's name, always (the page's site name may differ in spelling).
- Language: declared by the item or its feed, else by the subscription, else by the
  page's ``<html lang>``, else guessed from the words; non-English items are stored,
  and flagged in the store.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from ..extraction import resolve_article
from ..links import is_web_url
from ..model import Document
from .feeds import FeedItem, looks_english
from .fetch import Fetched, decode_page
from .subscriptions import Subscription

__all__ = ["ItemDocument", "document_id", "item_document"]


@dataclass(frozen=True)
class ItemDocument:
    document: Document | None  # None: neither the page nor the item had any text
    language: str | None
    english: bool


def item_document(
    subscription: Subscription, item: FeedItem, page: Fetched | None, first_seen: datetime
) -> ItemDocument:
    text, title, url, published = item.text, item.title, None, item.published_at
    page_language = None
    if page is not None:
        html = decode_page(page.body, page.headers.get("content-type"))
        url, page_language = _page_facts(html, page.url)
        article = resolve_article(Document(id="page", html=html, url=url))
        if len(article.text.split()) >= len(text.split()):
            text = article.text
        title = title or article.title or None
        published = published or article.published_at
    url = url or item.link
    language = item.language or subscription.language or page_language
    english = language.startswith("en") if language else looks_english(text) is not False
    if not text.strip():
        return ItemDocument(None, language, english)
    document = Document(
        id=document_id(subscription, item),
        outlet=subscription.outlet,
        title=title,
        url=url,
        published_at=published or first_seen,
        text=text,
    )
    return ItemDocument(document, language, english)


def document_id(subscription: Subscription, item: FeedItem) -> str:
    """The outlet's name and a hash of the feed and the item's key: the same on every
    run, and the same item in two feeds gets two ids."""
    slug = "-".join("".join(c if c.isalnum() else " " for c in subscription.outlet.lower()).split())[:40]
    digest = hashlib.sha256(f"{subscription.url}\n{item.key}".encode()).hexdigest()[:12]
    return f"{slug or 'feed'}-{digest}"


def _page_facts(html: str, fetched_url: str) -> tuple[str, str | None]:
    """The page's URL (its canonical link when on the same site, else where it was
    fetched from) and its declared language."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.LxmlError, ValueError):
        return fetched_url, None
    language = (root.get("lang") or "").strip().lower() or None
    for link in root.iterfind(".//head//link[@rel]"):
        if "canonical" not in (link.get("rel") or "").lower().split():
            continue
        try:
            canonical = urljoin(fetched_url, (link.get("href") or "").strip())
        except ValueError:  # an invalid IPv6 host, for one
            break
        if is_web_url(canonical) and _site(canonical) == _site(fetched_url):
            return canonical, language
        break
    return fetched_url, language


def _site(url: str) -> str:
    """The host without ``www.``: a page may name its ``www`` twin as canonical, but not
    another site (which would let it shadow that site's article in the store)."""
    return (urlsplit(url).hostname or "").removeprefix("www.")
