"""Bodies and helpers for the API tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask

from .builders import ferry_documents


def ferry_body(**options: Any) -> dict[str, Any]:
    return {
        "documents": [{"id": d.id, "outlet": d.outlet, "text": d.text} for d in ferry_documents()],
        **options,
    }


AppFactory = Callable[..., Flask]


def build_app(directory: Path, **overrides: Any) -> Flask:
    """An app from an explicit configuration: the shell's SUMMARIZER_* variables never
    reach a test (issue 11.13), and its store and digests live in ``directory``."""
    from api import ServiceConfig, create_app

    defaults: dict[str, Any] = {"db": str(directory / "docs.db"), "digest_dir": str(directory / "digests")}
    return create_app(ServiceConfig(**{**defaults, **overrides}))
