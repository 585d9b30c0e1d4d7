"""Acceptance on the five real scraped seed articles, when the shared folder is present.

The seeds are not copied into the repository; set SUMMARIZER_SEEDS to their folder, or
keep the checkout beside ``shared/`` (as CI does).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from summarizer import Digest, Summarizer, SummaryOptions, parse_body

from .assertions import assert_no_clutter, assert_no_repeated_fact

SEEDS = Path(os.environ.get("SUMMARIZER_SEEDS", Path(__file__).resolve().parents[2] / "shared" / "seeds"))

pytestmark = pytest.mark.skipif(
    not (SEEDS / "outlets.json").is_file(),
    reason=f"seed articles not found at {SEEDS} (set SUMMARIZER_SEEDS to the folder with outlets.json)",
)


@pytest.fixture(scope="module")
def seed_digest(summarizer: Summarizer) -> Digest:
    outlets = json.loads((SEEDS / "outlets.json").read_text())
    body = {
        "documents": [
            {"id": Path(name).stem, "outlet": outlet, "text": (SEEDS / name).read_text(encoding="utf-8")}
            for name, outlet in sorted(outlets.items())
        ],
        "max_words": 150,
    }
    request = parse_body(body)
    return summarizer.summarize(request.documents, SummaryOptions.from_mapping(request.options))


def test_seed_digest_has_no_repeated_fact(seed_digest: Digest) -> None:
    assert_no_repeated_fact(seed_digest)


def test_seed_digest_states_the_partnership_once(seed_digest: Digest) -> None:
    mentions = [s for s in seed_digest.summary if "partnership" in s.text.lower()]
    assert len(mentions) == 1


def test_seed_digest_cites_at_least_three_outlets_and_fills_the_budget(seed_digest: Digest) -> None:
    assert len({s.outlet for s in seed_digest.summary}) >= 3
    assert 130 <= seed_digest.words <= 150


def test_seed_digest_stays_on_the_event_the_outlets_agree_on(seed_digest: Digest) -> None:
    """Issue 17 point 4: no side topic one article alone carries (Saudi Arabia and
    Captagon), and where the talks were held is told."""
    assert not any("Captagon" in s.text for s in seed_digest.summary)
    assert any("Hangzhou" in s.text for s in seed_digest.summary)


def test_seed_digest_has_no_clutter(seed_digest: Digest) -> None:
    clutter = ("Pic:", "Image:", "Skip to", "share", "Articles You May Like", "wmr/wd", "Disclaimer", "Copyright")
    assert_no_clutter(seed_digest, (*clutter, "\\", "**", "](#)"))


def test_coverage_selection_stays_on_the_event_the_outlets_agree_on(summarizer: Summarizer) -> None:
    """Issue 17 point 4, with ``selection="coverage"``: no side topic one article alone carries."""
    outlets = json.loads((SEEDS / "outlets.json").read_text())
    documents = parse_body(
        {
            "documents": [
                {"id": Path(name).stem, "outlet": outlet, "text": (SEEDS / name).read_text(encoding="utf-8")}
                for name, outlet in sorted(outlets.items())
            ]
        }
    ).documents
    digest = summarizer.summarize(documents, SummaryOptions(max_words=150, selection="coverage"))
    assert not any("Captagon" in s.text for s in digest.summary)
    assert_no_repeated_fact(digest)
    assert 130 <= digest.words <= 150
