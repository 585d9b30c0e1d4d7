from __future__ import annotations

import json
from datetime import UTC, datetime
from html.parser import HTMLParser

from summarizer import Digest, DigestSentence, Notice, Source, render


def digest() -> Digest:
    return Digest(
        summary=(
            DigestSentence(
                text="The *ferry* ran aground <near> Pellan & sank [partly].",
                outlet="Coastal Times",
                document_id="coastal",
                url="https://coastal.example/ferry (1)",
                also_reported_by=("Bayline", "The Islander"),
                score=1.0,
                published_at=datetime(2026, 6, 4, 20, tzinfo=UTC),
            ),
            DigestSentence("All passengers were evacuated.", "Bayline", "wire", None, (), 0.5, None),
        ),
        sources=(
            Source("coastal", "Coastal Times", "Ferry aground", "https://coastal.example/ferry (1)"),
            Source("wire", "Bayline", "", None),
        ),
        warnings=(Notice("single_source", "only one article"),),
    )


def test_json_round_trips_and_keeps_unicode() -> None:
    data = json.loads(render(digest(), "json"))
    assert data["summary"][0]["also_reported_by"] == ["Bayline", "The Islander"]
    assert data["summary"][1]["url"] is None
    assert data["warnings"] == [{"code": "single_source", "message": "only one article", "document_id": None}]
    assert data["stats"] == {"sentences": 2, "words": 13, "input_sentences": 0}


def test_markdown_cites_outlets_as_links_and_escapes_syntax() -> None:
    text = render(digest(), "markdown")
    assert "[Coastal Times](https://coastal.example/ferry%20%281%29)" in text
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
    assert collector.links == ["https://coastal.example/ferry (1)", "https://coastal.example/ferry (1)"]
