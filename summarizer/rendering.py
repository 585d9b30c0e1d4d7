"""Digest -> bytes a person or a program reads: JSON, Markdown, plain text, HTML.

The JSON shape is the contract shared by the CLI and the HTTP API::

    {"summary": [{"text", "outlet", "document_id", "url", "also_reported_by": [...],
                  "score", "published_at"}],
     "sources": [{"document_id", "outlet", "title", "url"}],
     "warnings": [{"code", "message", "document_id"}],
     "stats": {"sentences", "words", "input_sentences"}}

Output is deterministic: keys in a fixed order, scores rounded when the digest is
built, no timestamps of the run.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from typing import Any, Literal, get_args

from .model import Digest, DigestSentence

__all__ = ["FORMATS", "Format", "digest_to_dict", "render"]

Format = Literal["json", "markdown", "text", "html"]
FORMATS: tuple[str, ...] = get_args(Format)


def digest_to_dict(digest: Digest) -> dict[str, Any]:
    return {
        "summary": [
            {
                "text": s.text,
                "outlet": s.outlet,
                "document_id": s.document_id,
                "url": s.url,
                "also_reported_by": list(s.also_reported_by),
                "score": s.score,
                "published_at": s.published_at.isoformat() if s.published_at else None,
            }
            for s in digest.summary
        ],
        "sources": [
            {"document_id": s.document_id, "outlet": s.outlet, "title": s.title, "url": s.url} for s in digest.sources
        ],
        "warnings": [{"code": n.code, "message": n.message, "document_id": n.document_id} for n in digest.warnings],
        "stats": {"sentences": len(digest.summary), "words": digest.words, "input_sentences": digest.input_sentences},
    }


def render(digest: Digest, format: Format) -> str:
    return RENDERERS[format](digest)


def render_json(digest: Digest) -> str:
    return json.dumps(digest_to_dict(digest), ensure_ascii=False, indent=2) + "\n"


def render_markdown(digest: Digest) -> str:
    def cite(s: DigestSentence) -> str:
        outlet = _markdown_text(s.outlet)
        link = f"[{outlet}]({_markdown_url(s.url)})" if s.url else outlet
        also = f"; also reported by {', '.join(map(_markdown_text, s.also_reported_by))}" if s.also_reported_by else ""
        return f"({link}{also})"

    lines = [f"- {_markdown_text(s.text)} {cite(s)}" for s in digest.summary]
    if digest.sources:
        lines += ["", "**Sources**", ""]
        for source in digest.sources:
            title = _markdown_text(source.title or source.document_id)
            name = f"[{title}]({_markdown_url(source.url)})" if source.url else title
            lines.append(f"- {_markdown_text(source.outlet)}: {name}")
    return "\n".join(lines) + "\n"


def render_text(digest: Digest) -> str:
    lines = []
    for number, s in enumerate(digest.summary, start=1):
        also = f"; also: {', '.join(s.also_reported_by)}" if s.also_reported_by else ""
        lines.append(f"{number}. {s.text} [{s.outlet}{also}]")
    if digest.sources:
        lines += ["", "Sources:"]
        lines += [
            f"- {s.outlet}: {s.title or s.document_id}" + (f" <{s.url}>" if s.url else "") for s in digest.sources
        ]
    return "\n".join(lines) + "\n"


def render_html(digest: Digest) -> str:
    items = []
    for s in digest.summary:
        outlet = escape(s.outlet)
        cite = f'<a href="{escape(s.url)}">{outlet}</a>' if s.url else outlet
        also = (
            f' <span class="also">also reported by {escape(", ".join(s.also_reported_by))}</span>'
            if s.also_reported_by
            else ""
        )
        items.append(f"<li><p>{escape(s.text)}</p><cite>{cite}</cite>{also}</li>")
    sources = [
        f"<li>{escape(s.outlet)}: "
        + (
            f'<a href="{escape(s.url)}">{escape(s.title or s.document_id)}</a>'
            if s.url
            else escape(s.title or s.document_id)
        )
        + "</li>"
        for s in digest.sources
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Digest</title>\n<style>\n"
        "body{font:17px/1.55 Georgia,serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}\n"
        "li{margin-bottom:1rem}li p{margin:0}cite{font:600 .85rem system-ui,sans-serif;color:#555}\n"
        ".also{font:.85rem system-ui,sans-serif;color:#777}h2{font:600 1rem system-ui,sans-serif}\n"
        '</style>\n</head>\n<body>\n<main>\n<ol class="digest">\n'
        + "\n".join(items)
        + '\n</ol>\n<h2>Sources</h2>\n<ul class="sources">\n'
        + "\n".join(sources)
        + "\n</ul>\n</main>\n</body>\n</html>\n"
    )


def _markdown_text(text: str) -> str:
    # Characters that would start Markdown syntax inside running text.
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)


def _markdown_url(url: str | None) -> str:
    return (url or "").replace(" ", "%20").replace("(", "%28").replace(")", "%29")


RENDERERS: dict[str, Callable[[Digest], str]] = {
    "json": render_json,
    "markdown": render_markdown,
    "text": render_text,
    "html": render_html,
}
