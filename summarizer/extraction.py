"""Document -> Article: extract the article from HTML and resolve its citation fields.

HTML goes through trafilatura (Barbaresi 2021), a maintained main-content extractor
that also reads the page's title, site name, date and canonical URL. We never strip
tags by hand: boilerplate detection is trafilatura's job, and what it lets through is
caught by ``cleaning``.

Resolution order, the first that is known wins:
- outlet: the document's own field, the page's site name, the URL's host, the id;
- title, url, published_at: the document's own field, then the page's metadata.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from .dates import parse_timestamp
from .errors import InputError
from .links import is_web_url
from .model import Article, Document

__all__ = ["resolve_article"]


def resolve_article(document: Document) -> Article:
    title, url, published_at = document.title, document.url, document.published_at
    site_name = None
    text = document.text or ""
    if document.html is not None:
        # Imported here: trafilatura and lxml take a tenth of the CLI's start-up, and
        # plain-text input never needs them.
        import trafilatura
        import trafilatura.settings

        page = trafilatura.bare_extraction(
            document.html,
            url=document.url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            # Date guessing from the URL or the page's text would vary with the page's
            # structure; only dates the page declares are taken.
            # The page's time and offset, not only its day (trafilatura's default format).
            date_extraction_params={
                "extensive_search": False,
                "original_date": True,
                "outputformat": "%Y-%m-%dT%H:%M:%S%z",
            },
        )
        if isinstance(page, trafilatura.settings.Document):
            text = page.text or ""
            site_name = page.sitename or None
            title = title or page.title or None
            # A page may declare any canonical URL; only a web URL is taken as its address.
            url = url or (page.url if is_web_url(page.url) else None)
            published_at = published_at or _parse_date(page.date)
        else:
            text = ""
    return Article(
        id=document.id,
        outlet=document.outlet or site_name or _host(url) or document.id,
        title=title or "",
        url=url,
        published_at=published_at,
        text=text,
    )


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _parse_date(value: str | None) -> datetime | None:
    """The page's declared date, when it is one we can place on a day (else unknown)."""
    try:
        return parse_timestamp(value, "page")
    except InputError:
        return None
