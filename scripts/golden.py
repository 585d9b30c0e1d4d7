"""A fingerprint of everything the summarizer outputs, to show a refactor changes none of it.

    python scripts/golden.py [--data ../shared/eval/duc2006] > before.txt
    ... change the code ...
    python scripts/golden.py [--data ../shared/eval/duc2006] > after.txt && diff before.txt after.txt

One line per output: what it is, and the SHA-256 of its bytes. It covers the request digest
of the bundled examples in every format and at several budgets and orders, the daily digest
of the examples in every format, and, when the DUC 2006 copy is given, the digests of its
first 10 clusters (generic and query-focused) and the stories of a day made of its first 20.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer import Document, Summarizer, SummaryOptions, render  # noqa: E402
from summarizer.daily import build_daily_digest  # noqa: E402
from summarizer.readers import read_inputs  # noqa: E402
from summarizer.rendering import DAILY_FORMATS, FORMATS, SUFFIXES, render_daily  # noqa: E402
from summarizer.stories import StoryOptions  # noqa: E402


def fingerprint(label: str, text: str) -> None:
    print(f"{label} {hashlib.sha256(text.encode()).hexdigest()}")


def digests(name: str, documents: Sequence[Document], summarizer: Summarizer, query: str | None = None) -> None:
    for max_words in (60, 150, 250):
        for order in ("narrative", "rank", "chronological", "source"):
            digest = summarizer.summarize(documents, SummaryOptions(max_words=max_words, order=order, query=query))
            for form in FORMATS:
                fingerprint(f"{name} words={max_words} order={order} query={bool(query)} {form}", render(digest, form))


def daily(name: str, documents: Sequence[Document], summarizer: Summarizer) -> None:
    # Every document is dated on a day of its own, so ``day`` is the one they all share.
    undated = [replace(d, published_at=None) for d in documents]
    digest = build_daily_digest(date(2026, 1, 1), UTC, undated, summarizer, SummaryOptions(), StoryOptions())
    for form in DAILY_FORMATS:  # labelled by the file each is written to
        fingerprint(f"{name} daily {SUFFIXES[form]}", render_daily(digest, form))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, help="the DUC 2006 copy, e.g. ../shared/eval/duc2006")
    args = parser.parse_args(argv)
    summarizer = Summarizer()
    examples = read_inputs([str(ROOT / "summarizer" / "examples")]).documents
    digests("examples", examples, summarizer)
    digests("examples", examples, summarizer, query="ferry rescue and injuries")
    daily("examples", examples, summarizer)
    if args.data:
        from benchmarks.duc import load_clusters

        clusters = load_clusters(args.data, limit=20)
        for cluster in clusters[:10]:
            digests(cluster.id, cluster.documents, summarizer)
            if cluster.topic:
                digests(cluster.id, cluster.documents, summarizer, query=cluster.topic)
        daily("duc-20", [d for c in clusters for d in c.documents], summarizer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
