from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from summarizer import Summarizer
from summarizer.segmentation import SentenceSegmenter, load_segmenter
from summarizer.store import DocumentStore, open_store, store_location

from .api_support import AppFactory, build_app
from .store_support import BACKENDS, store_setting


@pytest.fixture(scope="session")
def segmenter() -> SentenceSegmenter:
    return load_segmenter()


@pytest.fixture(scope="session")
def summarizer(segmenter: SentenceSegmenter) -> Summarizer:
    # Summarizer keeps no state between calls, so one per session is safe to share.
    return Summarizer(segmenter)


@pytest.fixture
def make_app(tmp_path: Path) -> AppFactory:
    """``make_app(max_documents=2)``: a fresh app for this test, from an explicit
    ``ServiceConfig`` with these fields; its store and digests are in ``tmp_path``."""

    def make(**overrides: Any) -> Flask:
        return build_app(tmp_path, **overrides)

    return make


@pytest.fixture
def app(make_app: AppFactory) -> Flask:
    """This test's app, with the default limits; nothing it stores outlives the test."""
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(params=BACKENDS)
def store_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """``SUMMARIZER_DB`` for a new, empty store: a SQLite file, then a PostgreSQL schema of
    this test's own (skipped, saying why, where no server answers)."""
    with store_setting(request.param, tmp_path) as setting:
        yield setting


@pytest.fixture
def store(store_db: str) -> Iterator[DocumentStore]:
    """The store ``store_db`` names, once per backend; closed after the test."""
    opened = open_store(store_location(store_db))
    yield opened
    opened.close()
