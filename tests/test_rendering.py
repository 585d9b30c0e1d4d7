from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest

from summarizer import Digest, DigestSentence, Notice, Source, render
from summarizer.model import DailyDigest, DailyStory, Evidence, FactMarks
from summarizer.rendering import DAILY_FORMATS, FORMATS, SUFFIXES, canonical_format, render_daily
from summarizer.rendering.archive import render_archive, render_story_page


def digest() -> Digest:
    return Digest(
        summary=(
            DigestSentence(
                text="The *ferry* ran aground <near> Pellan & sank [partly].",
                outlet="Coastal Times",
                document_id="coastal",
                url="https://coastal.example/ferry_(1)",
                also_reported_by=("Bayline", "The Islander"),
                score=1.0,
                published_at=datetime(2026, 6, 4, 20, tzinfo=UTC),
            ),
            DigestSentence("All passengers were evacuated.", "Bayline", "wire", None, (), 0.5, None),
        ),
        sources=(
            Source("coastal", "Coastal Times", "Ferry aground", "https://coastal.example/ferry_(1)"),
            Source("wire", "Bayline", "", None),
        ),
        warnings=(Notice("single_source", "only one article"),),
    )


def test_one_vocabulary_of_formats_with_md_as_another_spelling_of_markdown() -> None:
    assert set(DAILY_FORMATS) <= set(FORMATS)
    assert [SUFFIXES[f] for f in DAILY_FORMATS] == ["json", "md", "html"]  # the daily digest's file names
    assert canonical_format("md") == canonical_format("markdown") == "markdown"
    assert canonical_format("pdf") == "pdf"  # not a format: left for the caller to refuse


def test_json_round_trips_and_keeps_unicode() -> None:
    data = json.loads(render(digest(), "json"))
    assert data["summary"][0]["also_reported_by"] == ["Bayline", "The Islander"]
    assert data["summary"][1]["url"] is None
    assert data["warnings"] == [{"code": "single_source", "message": "only one article", "document_id": None}]
    assert data["stats"] == {"sentences": 2, "words": 13, "input_sentences": 0}


def test_markdown_cites_outlets_as_links_and_escapes_syntax() -> None:
    text = render(digest(), "markdown")
    assert "[Coastal Times](https://coastal.example/ferry_%281%29)" in text
    assert "also reported by Bayline, The Islander" in text
    assert "\\*ferry\\*" in text
    assert "\\[partly\\]" in text
    assert "- All passengers were evacuated. (Bayline)" in text


def test_text_lists_sentences_with_citations() -> None:
    text = render(digest(), "text")
    assert text.startswith(
        "1. The *ferry* ran aground <near> Pellan & sank [partly]. [Coastal Times; also: Bayline, The Islander]\n"
    )
    assert "2. All passengers were evacuated. [Bayline]" in text


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.extend(v or "" for k, v in attrs if k == "href")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_escaped_and_links_sources() -> None:
    page = render(digest(), "html")
    assert page.startswith("<!DOCTYPE html>")
    assert "&lt;near&gt;" in page
    assert "<near>" not in page
    collector = _Collector()
    collector.feed(page)
    assert "The *ferry* ran aground <near> Pellan & sank [partly]." in "".join(collector.text)
    assert collector.links == ["https://coastal.example/ferry_(1)", "https://coastal.example/ferry_(1)"]


HOSTILE_URLS = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example/x",
)


def hostile_sentence(url: str) -> DigestSentence:
    # What the store may hold from before the URL rule, or a page may declare.
    return DigestSentence(
        "A <script>alert(1)</script> [x](javascript:alert(1)) sentence.",
        "Evil\n<script>alert(1)</script>\n# Outlet",
        "evil",
        url,
        ("<img src=x onerror=alert(1)>", "Good\n<script>x</script>"),
        1.0,
        None,
    )


def hostile_daily(url: str) -> DailyDigest:
    summary = Digest((hostile_sentence(url),), (Source("evil", "Evil\n<script>", "<b>t</b>\n# h", url),), ())
    story = DailyStory(
        "Title\n<script>alert(1)</script>",
        ("<img src=x onerror=alert(1)>",),
        ("evil",),
        summary,
        id='"><script>alert(1)</script>',  # a digest edited by hand: the id is not linked
        first_seen=date(2026, 6, 3),
        developing=True,
        marks=(FactMarks(True, "Evil\n<script>", None, True),),
    )
    return DailyDigest(date(2026, 6, 4), (story,), (("bad\n<script>", "reason\n<iframe>"),), 2)


def assert_safe_markdown(text: str) -> None:
    # No raw "<" (a Markdown renderer passes HTML through; "\\<" is a literal "<"), no link
    # to anything but the web, and no field on a line of its own.
    assert not re.search(r"(?<!\\)<", text), text
    assert all(link.startswith(("http://", "https://")) for link in re.findall(r"(?<!\\)\]\(([^)]*)", text)), text
    assert all(line[:2] in {"", "- ", "# ", "##", "*C", "**"} for line in text.split("\n")), text


SERVICE_PATH = re.compile(r"/(digests/[0-9-]*|stories/[0-9a-f-]+)")


def assert_safe_html(page: str) -> None:
    collector = _Collector()
    collector.feed(page)
    # Web links, or the daily page's own paths on the service (the days, the archive, the stories).
    assert all(link.startswith(("http://", "https://")) or SERVICE_PATH.fullmatch(link) for link in collector.links)
    for tag in ("<script", "<img", "<iframe", "<b>"):
        assert tag not in page


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_unsafe_urls_and_markup_never_reach_the_request_digest(url: str) -> None:
    # Issue 11.4 and 11.5: javascript: and data: became links; a newline put a raw <script> line out.
    digest = Digest((hostile_sentence(url),), (Source("evil", "Evil\n<script>", "<b>t</b>\n# h", url),), ())
    assert_safe_markdown(render(digest, "markdown"))
    assert_safe_html(render(digest, "html"))
    assert all(line[:1] in {"", "1", "S", "-"} for line in render(digest, "text").split("\n"))


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_unsafe_urls_and_markup_never_reach_the_daily_digest(url: str) -> None:
    # The daily .md escaped nothing: outlet, title and URL went in raw.
    assert_safe_markdown(render_daily(hostile_daily(url), "markdown"))
    assert_safe_html(render_daily(hostile_daily(url), "html"))
    assert_safe_html(render_archive([hostile_daily(url)]))
    assert_safe_html(render_story_page('"><script>alert(1)</script>', [hostile_daily(url)]))


def test_web_urls_are_linked_in_both_digests() -> None:
    daily = hostile_daily("https://news.example/a?b=1&c=(2)")
    assert "[Evil <script>alert\\(1\\)" not in render_daily(daily, "markdown")
    assert "](https://news.example/a?b=1&c=%282%29)" in render_daily(daily, "markdown")
    collector = _Collector()
    collector.feed(render_daily(daily, "html"))
    assert [link for link in collector.links if not SERVICE_PATH.fullmatch(link)] == [
        "https://news.example/a?b=1&c=(2)"
    ]


def disputed_digest() -> Digest:
    told, other = digest().summary
    disputed = replace(
        other,
        text="All 212 passengers were evacuated.",
        disputed_by=(Evidence("The Islander", "islander", "All 180 passengers were evacuated."),),
    )
    return replace(digest(), summary=(told, disputed))


def test_every_format_says_who_tells_a_detail_otherwise() -> None:
    data = json.loads(render(disputed_digest(), "json"))
    assert data["summary"][1]["disputed_by"] == [
        {"outlet": "The Islander", "document_id": "islander", "text": "All 180 passengers were evacuated."}
    ]
    assert data["summary"][0]["disputed_by"] == []
    assert "(Bayline; told otherwise by The Islander)" in render(disputed_digest(), "markdown")
    assert "[Bayline; told otherwise by: The Islander]" in render(disputed_digest(), "text")
    page = render(disputed_digest(), "html")
    assert '<span class="disputed">told otherwise by ' in page
    assert 'title="The Islander: All 180 passengers were evacuated."' in page
