"""Bodies and apps for the API tests."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from flask import Flask

from api import ServiceConfig, create_app

from .builders import ferry_documents


def ferry_body(**options: Any) -> dict[str, Any]:
    return {
        "documents": [{"id": d.id, "outlet": d.outlet, "text": d.text} for d in ferry_documents()],
        **options,
    }


class AppFactory(Protocol):
    """The ``make_app`` fixture: ``make_app(max_documents=2)`` is a fresh app whose
    configuration has these fields (``ServiceConfig``'s names) and the test's own store."""

    def __call__(self, **overrides: Any) -> Flask: ...


def service_config(directory: Path, **overrides: Any) -> ServiceConfig:
    """An explicit configuration: the shell's ``SUMMARIZER_*`` variables never reach a
    test (issue 11.13), and its store and digests live in ``directory``."""
    return replace(ServiceConfig(db=str(directory / "docs.db"), digest_dir=str(directory / "digests")), **overrides)


def build_app(directory: Path, **overrides: Any) -> Flask:
    return create_app(service_config(directory, **overrides))
