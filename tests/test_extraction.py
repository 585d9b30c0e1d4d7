from __future__ import annotations

from datetime import UTC, datetime

from summarizer.cleaning import clean_text
from summarizer.extraction import resolve_article

from .builders import EXAMPLES, make_document, make_html_document

PAGE = """<html><head><title>Ferry aground | Coast Daily</title>
<meta property="og:site_name" content="Coast Daily">
<meta property="og:title" content="Ferry runs aground off Pellan Island">
<meta property="og:url" content="https://coastdaily.example/ferry">
<meta property="article:published_time" content="2026-06-04T20:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry runs aground</h1>
<p>The ferry Marisol ran aground off Pellan Island on Thursday evening, the coast guard said.</p>
<p>All 212 passengers and 14 crew were taken off by lifeboats before nightfall.</p></article>
<footer>Copyright 2026 Coast Daily</footer></body></html>"""


def test_html_yields_text_and_metadata() -> None:
    article = resolve_article(make_html_document(PAGE))
    assert article.outlet == "Coast Daily"
    assert article.title == "Ferry runs aground off Pellan Island"
    assert article.url == "https://coastdaily.example/ferry"
    assert article.published_at == datetime(2026, 6, 4, 20, tzinfo=UTC)
    assert "ran aground off Pellan Island" in article.text
    assert "Home" not in clean_text(article.text)


def test_given_fields_win_over_page_metadata() -> None:
    article = resolve_article(make_html_document(PAGE, outlet="Wire Desk", url="https://wire.example/1"))
    assert (article.outlet, article.url) == ("Wire Desk", "https://wire.example/1")


def test_outlet_falls_back_to_url_host_then_id() -> None:
    from_url = resolve_article(make_document("Text.", outlet=None, url="https://www.example.org/a"))
    assert from_url.outlet == "example.org"
    from_id = resolve_article(make_document("Text.", id="my-file", outlet=None))
    assert from_id.outlet == "my-file"


def test_page_without_article_gives_empty_text() -> None:
    article = resolve_article(make_html_document("<html><body></body></html>", id="blank"))
    assert article.text == ""
    assert article.outlet == "blank"


def test_bundled_html_example_is_extracted_without_page_furniture() -> None:
    html = (EXAMPLES / "harbor-daily.html").read_text(encoding="utf-8")
    article = resolve_article(make_html_document(html, id="harbor-daily"))
    assert article.outlet == "Harbor Daily"
    paragraphs = clean_text(article.text)
    joined = "\n".join(paragraphs)
    assert paragraphs[0].startswith("The Old Mill Bridge in Carver Falls collapsed")
    for clutter in (
        "Skip to content",
        "Share on",
        "newsletter",
        "Photo:",
        "All rights reserved",
        "City council approves",
    ):
        assert clutter not in joined
