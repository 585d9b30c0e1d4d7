from __future__ import annotations

import pytest

from summarizer import Summarizer
from summarizer.segmentation import SentenceSegmenter, load_segmenter


@pytest.fixture(scope="session")
def segmenter() -> SentenceSegmenter:
    return load_segmenter()


@pytest.fixture(scope="session")
def summarizer(segmenter: SentenceSegmenter) -> Summarizer:
    # Summarizer keeps no state between calls, so one per session is safe to share.
    return Summarizer(segmenter)


@pytest.fixture(scope="session")
def app():  # type: ignore[no-untyped-def]
    from api import create_app

    return create_app({})


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()
