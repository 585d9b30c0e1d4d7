"""Read: the daily digests ``summarizer digest --out`` wrote, as JSON and as the page a
person reads. The service only serves these files; it never builds a digest itself."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, current_app

from summarizer import InputError
from summarizer.dates import parse_day

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


def _day(value: str) -> date:
    try:
        return parse_day(value)
    except InputError as error:
        raise ApiError("invalid-request", str(error)) from None


def _digest_file(day: str, suffix: str, mimetype: str) -> Response:
    parsed = _day(day)
    config: ServiceConfig = current_app.extensions["summarizer.config"]
    path = config.digest_path / f"digest-{parsed.isoformat()}.{suffix}"
    if not path.is_file():
        raise ApiError("not-found", f"no digest has been written for {parsed.isoformat()}")
    return Response(path.read_bytes(), mimetype=mimetype)
