"""Read: the daily digests ``summarizer digest --out`` wrote, as JSON and as the page a
person reads; the archive of days, a page per story, and the digests as Atom and JSON
feeds. The service only serves these files; it never builds a digest itself."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, current_app

from summarizer import InputError
from summarizer.dates import parse_day
from summarizer.model import STORY_ID_RE

from .config import ServiceConfig
from .problems import ApiError

__all__ = ["blueprint"]

blueprint = Blueprint("digests", __name__)


@blueprint.get("/v1/digests/<day>")
def digest_json(day: str) -> Response:
    """The digest ``summarizer digest --out`` wrote for ``day``, as JSON."""
    return _digest_file(day, "json", "application/json")


@blueprint.get("/digests/<day>")
def digest_page(day: str) -> Response:
    """The same digest as the page a person reads."""
    return _digest_file(day, "html", "text/html")


@blueprint.get("/digests/")
def archive_page() -> Response:
    """Every day with a digest, newest first."""
    return _file("index.html", "text/html", "no digest has been written yet")


@blueprint.get("/stories/<story_id>")
def story_page(story_id: str) -> Response:
    """One story over the days it ran: each day's new facts and the outlets' timeline."""
    if not STORY_ID_RE.fullmatch(story_id):
        raise ApiError("not-found", "no story has that id")
    return _file(f"stories/{story_id}.html", "text/html", f"no story {story_id} in the last digests")


@blueprint.get("/feeds/digest.atom")
def atom_feed() -> Response:
    """The last 30 days' digests as an Atom 1.0 feed."""
    return _file("feed.atom", "application/atom+xml", "no digest has been written yet")


@blueprint.get("/feeds/digest.json")
def json_feed() -> Response:
    """The same as a JSON Feed 1.1."""
    return _file("feed.json", "application/feed+json", "no digest has been written yet")


def _file(name: str, mimetype: str, missing: str) -> Response:
    config: ServiceConfig = current_app.extensions["summarizer.config"]
    path = config.digest_path / name
    if not path.is_file():
        raise ApiError("not-found", missing)
    return Response(path.read_bytes(), mimetype=mimetype)


def _day(value: str) -> date:
    try:
        return parse_day(value)
    except InputError as error:
        raise ApiError("invalid-request", str(error)) from None


def _digest_file(day: str, suffix: str, mimetype: str) -> Response:
    parsed = _day(day).isoformat()
    return _file(f"digest-{parsed}.{suffix}", mimetype, f"no digest has been written for {parsed}")
