"""Builders for test data, so each test states only what it is about."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from summarizer import Document
from summarizer.model import Article, CleanArticle

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parent.parent / "summarizer" / "examples"


def make_document(
    text: str = "The council approved the new budget on Monday. It takes effect in July.",
    *,
    id: str = "doc-1",
    outlet: str | None = "Test Outlet",
    title: str | None = None,
    url: str | None = None,
    published_at: datetime | None = None,
) -> Document:
    return Document(id=id, outlet=outlet, title=title, url=url, published_at=published_at, text=text)


def make_clean_article(id: str = "a0", text: str = "The council approved the budget.", title: str = "") -> CleanArticle:
    """An article already cleaned to the one paragraph ``text``."""
    return CleanArticle(Article(id, f"Outlet {id}", title, None, None, text), (text,))


def make_html_document(html: str, *, id: str = "page", outlet: str | None = None, url: str | None = None) -> Document:
    return Document(id=id, outlet=outlet, url=url, html=html)


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def ferry_documents() -> list[Document]:
    """Three outlets' articles about one ferry grounding, with scraped clutter."""
    outlets = {"coastal-times.txt": "Coastal Times", "islander.md": "The Islander", "wire.txt": "Bayline"}
    return [
        make_document(fixture_text(f"ferry/{name}"), id=Path(name).stem, outlet=outlet)
        for name, outlet in outlets.items()
    ]
