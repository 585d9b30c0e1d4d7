"""Digests as plain data and as JSON: the contract the CLI and the HTTP API share.

Request digest::

    {"summary": [{"text", "outlet", "document_id", "url", "also_reported_by": [...],
                  "evidence": [{"outlet", "document_id", "text"}],
                  "disputed_by": [{"outlet", "document_id", "text"}], "score", "published_at"}],
     "sources": [{"document_id", "outlet", "title", "url"}],
     "warnings": [{"code", "message", "document_id"}],
     "stats": {"sentences", "words", "input_sentences"}}

Daily digest (each field in docs/daily.md)::

    {"date", "articles", "stories": [{"id", "title", "first_seen", "developing", "outlets", "documents",
                          "timeline": {"first", "last", "outlets": [{"outlet", "articles", "first"}]},
                          "summary": [{...the request digest's sentence, "new", "exclusive",
                                       "first_reported_by": {"outlet", "published_at"} or null}],
                          "sources": [...]}],
     "skipped": [{"document_id", "reason"}]}

``daily_from_dict`` reads it back: the days linked to a new day, the feeds and the
archive are made from the JSON digests already written.

Output is deterministic: keys in a fixed order, scores rounded when the digest is
built, no timestamps of the run.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from ..model import DailyDigest, DailyStory, Digest, DigestSentence, Evidence, FactMarks, Source, Timeline

__all__ = ["daily_from_dict", "daily_to_dict", "digest_to_dict", "render_daily_json", "render_json"]


def digest_to_dict(digest: Digest) -> dict[str, Any]:
    return {
        "summary": [_sentence(s) for s in digest.summary],
        "sources": _sources(digest.sources),
        "warnings": [{"code": n.code, "message": n.message, "document_id": n.document_id} for n in digest.warnings],
        "stats": {"sentences": len(digest.summary), "words": digest.words, "input_sentences": digest.input_sentences},
    }


def daily_to_dict(daily: DailyDigest) -> dict[str, Any]:
    return {
        "date": daily.day.isoformat(),
        "articles": daily.documents,
        "stories": [_story(s) for s in daily.stories],
        "skipped": [{"document_id": d, "reason": r} for d, r in daily.skipped],
    }


def _story(s: DailyStory) -> dict[str, Any]:
    marks = s.marks or tuple(FactMarks() for _ in s.digest.summary)
    return {
        "id": s.id,
        "title": s.title,
        "first_seen": s.first_seen.isoformat() if s.first_seen else None,
        "developing": s.developing,
        "outlets": list(s.outlets),
        "documents": list(s.documents),
        "timeline": {
            "first": _time(s.timeline.first),
            "last": _time(s.timeline.last),
            "outlets": [{"outlet": o, "articles": n, "first": _time(t)} for o, n, t in s.timeline.outlets],
        },
        "summary": [_sentence(line) | _marks(m) for line, m in zip(s.digest.summary, marks, strict=True)],
        "sources": _sources(s.digest.sources),
    }


def _marks(m: FactMarks) -> dict[str, Any]:
    first = {"outlet": m.first_reported_by, "published_at": _time(m.first_reported_at)}
    return {"new": m.new, "first_reported_by": first if m.first_reported_by else None, "exclusive": m.exclusive}


def daily_from_dict(data: dict[str, Any]) -> DailyDigest:
    """The ``DailyDigest`` ``daily_to_dict`` gave ``data`` (its renderings are the same);
    ``KeyError``, ``TypeError`` or ``ValueError`` when ``data`` is not one."""
    stories = []
    for s in data["stories"]:
        timeline = s["timeline"]
        stories.append(
            DailyStory(
                s["title"],
                tuple(s["outlets"]),
                tuple(s["documents"]),
                Digest(
                    tuple(_read_sentence(line) for line in s["summary"]),
                    tuple(Source(x["document_id"], x["outlet"], x["title"], x["url"]) for x in s["sources"]),
                    (),
                ),
                s["id"],
                date.fromisoformat(s["first_seen"]) if s["first_seen"] else None,
                bool(s["developing"]),
                tuple(_read_marks(line) for line in s["summary"]),
                Timeline(
                    _read_time(timeline["first"]),
                    _read_time(timeline["last"]),
                    tuple((o["outlet"], int(o["articles"]), _read_time(o["first"])) for o in timeline["outlets"]),
                ),
            )
        )
    skipped = tuple((x["document_id"], x["reason"]) for x in data["skipped"])
    return DailyDigest(date.fromisoformat(data["date"]), tuple(stories), skipped, int(data["articles"]))


def _read_sentence(x: dict[str, Any]) -> DigestSentence:
    return DigestSentence(
        text=x["text"],
        outlet=x["outlet"],
        document_id=x["document_id"],
        url=x["url"],
        also_reported_by=tuple(x["also_reported_by"]),
        score=float(x["score"]),
        published_at=_read_time(x["published_at"]),
        evidence=tuple(Evidence(e["outlet"], e["document_id"], e["text"]) for e in x["evidence"]),
        disputed_by=tuple(Evidence(e["outlet"], e["document_id"], e["text"]) for e in x["disputed_by"]),
    )


def _read_marks(x: dict[str, Any]) -> FactMarks:
    first = x["first_reported_by"]
    return FactMarks(
        bool(x["new"]),
        first["outlet"] if first else None,
        _read_time(first["published_at"]) if first else None,
        bool(x["exclusive"]),
    )


def _time(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _read_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _sources(sources: tuple[Source, ...]) -> list[dict[str, Any]]:
    return [{"document_id": s.document_id, "outlet": s.outlet, "title": s.title, "url": s.url} for s in sources]


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
        "published_at": _time(s.published_at),
    }


def _evidence(e: Evidence) -> dict[str, str]:
    return {"outlet": e.outlet, "document_id": e.document_id, "text": e.text}


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
