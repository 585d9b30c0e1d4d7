"""Digests as plain data and as JSON: the contract the CLI and the HTTP API share.

Request digest::

    {"summary": [{"text", "outlet", "document_id", "url", "also_reported_by": [...],
                  "evidence": [{"outlet", "document_id", "text"}],
                  "disputed_by": [{"outlet", "document_id", "text"}], "score", "published_at"}],
     "sources": [{"document_id", "outlet", "title", "url"}],
     "warnings": [{"code", "message", "document_id"}],
     "stats": {"sentences", "words", "input_sentences"}}

Daily digest: ``{"date", "stories": [{"title", "outlets", "documents", "summary"}], "skipped"}``.

Output is deterministic: keys in a fixed order, scores rounded when the digest is
built, no timestamps of the run.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import DailyDigest, Digest, DigestSentence, Evidence

__all__ = ["daily_to_dict", "digest_to_dict", "render_daily_json", "render_json"]


def digest_to_dict(digest: Digest) -> dict[str, Any]:
    return {
        "summary": [_sentence(s) for s in digest.summary],
        "sources": [
            {"document_id": s.document_id, "outlet": s.outlet, "title": s.title, "url": s.url} for s in digest.sources
        ],
        "warnings": [{"code": n.code, "message": n.message, "document_id": n.document_id} for n in digest.warnings],
        "stats": {"sentences": len(digest.summary), "words": digest.words, "input_sentences": digest.input_sentences},
    }


def daily_to_dict(daily: DailyDigest) -> dict[str, Any]:
    return {
        "date": daily.day.isoformat(),
        "stories": [
            {
                "title": s.title,
                "outlets": list(s.outlets),
                "documents": list(s.documents),
                "summary": [_sentence(line) for line in s.digest.summary],
            }
            for s in daily.stories
        ],
        "skipped": [{"document_id": d, "reason": r} for d, r in daily.skipped],
    }


def render_json(digest: Digest) -> str:
    return _dumps(digest_to_dict(digest))


def render_daily_json(daily: DailyDigest) -> str:
    return _dumps(daily_to_dict(daily))


def _sentence(s: DigestSentence) -> dict[str, Any]:
    return {
        "text": s.text,
        "outlet": s.outlet,
        "document_id": s.document_id,
        "url": s.url,
        "also_reported_by": list(s.also_reported_by),
        "evidence": [_evidence(e) for e in s.evidence],
        "disputed_by": [_evidence(e) for e in s.disputed_by],
        "score": s.score,
        "published_at": s.published_at.isoformat() if s.published_at else None,
    }


def _evidence(e: Evidence) -> dict[str, str]:
    return {"outlet": e.outlet, "document_id": e.document_id, "text": e.text}


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
