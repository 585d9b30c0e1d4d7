from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from summarizer import Summarizer
from summarizer.segmentation import SentenceSegmenter, load_segmenter

from .api_support import AppFactory, build_app


@pytest.fixture(scope="session")
def segmenter() -> SentenceSegmenter:
    return load_segmenter()


@pytest.fixture(scope="session")
def summarizer(segmenter: SentenceSegmenter) -> Summarizer:
    # Summarizer keeps no state between calls, so one per session is safe to share.
    return Summarizer(segmenter)


@pytest.fixture
def make_app(tmp_path: Path) -> AppFactory:
    """``make_app(max_documents=2)``: a fresh app for this test, with these settings."""

    def make(**overrides: Any) -> Flask:
        return build_app(tmp_path, **overrides)

    return make


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    # Shared by the tests that only read (summarize, health): building one loads Punkt.
    return build_app(tmp_path_factory.mktemp("app"))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
