"""The daily digest at scale: story clustering quality and end-to-end time.

    python -m benchmarks.daily --data ../shared/eval/duc2006     # all 1,250 articles as one day
    python -m benchmarks.daily --synthetic 10000                  # a synthetic day, with peak memory

With ``--data``, every article of every cluster is mixed into one day; the clustering
is scored against the true topics with the adjusted Rand index (ARI), and the whole
digest (extraction, cleaning, stories, one summary per story) is timed. With
``--synthetic N``, N articles are drawn from seeded synthetic events (shared event
vocabulary plus noise), timed, and the peak resident memory is reported.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import UTC, date
from pathlib import Path

from sklearn.metrics import adjusted_rand_score

from summarizer import Document, Summarizer, SummaryOptions
from summarizer.daily import build_daily_digest
from summarizer.stories import StoryOptions

DAY = date(2026, 6, 4)


def duc_day(data: Path) -> tuple[list[Document], list[int]]:
    from .duc import load_clusters

    documents, topics = [], []
    for topic, cluster in enumerate(load_clusters(data)):
        for d in cluster.documents:
            documents.append(Document(d.id, d.outlet, d.title, d.url, None, d.text))
            topics.append(topic)
    return documents, topics


def synthetic_day(count: int, seed: int = 11) -> tuple[list[Document], list[int]]:
    rng = random.Random(seed)
    events = max(1, count // 25)
    common = [f"word{n}" for n in range(3000)]
    documents, topics = [], []
    for n in range(count):
        event = rng.randrange(events)
        topical = [f"event{event}term{k}" for k in range(40)]
        sentences = []
        for _ in range(rng.randint(8, 20)):
            words = rng.sample(topical, 4) + rng.sample(common, 8)
            rng.shuffle(words)
            sentences.append(
                "The " + " and the ".join(" ".join(words[i : i + 3]) for i in range(0, 12, 3)) + " said officials."
            )
        documents.append(
            Document(f"a{n}", f"Outlet {n % 40}", f"Event {event} report {n}", None, None, " ".join(sentences))
        )
        topics.append(event)
    return documents, topics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="evaluation set in the DUC layout, e.g. ../shared/eval/duc2006")
    parser.add_argument("--synthetic", type=int, help="number of synthetic articles instead of --data")
    args = parser.parse_args()
    if (args.data is None) == (args.synthetic is None):
        sys.exit("pass --data ../shared/eval/duc2006 or --synthetic N")
    documents, topics = duc_day(args.data) if args.data else synthetic_day(args.synthetic)
    started = time.perf_counter()
    digest = build_daily_digest(DAY, UTC, documents, Summarizer(), SummaryOptions(max_words=120), StoryOptions())
    seconds = time.perf_counter() - started
    predicted = [0] * len(documents)
    index = {d.id: n for n, d in enumerate(documents)}
    for number, story in enumerate(digest.stories):
        for doc_id in story.documents:
            predicted[index[doc_id]] = number + 1
    scored = [(t, p) for t, p in zip(topics, predicted, strict=True) if p]
    ari = adjusted_rand_score([t for t, _ in scored], [p for _, p in scored])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{len(documents)} articles, {len(set(topics))} true topics -> {len(digest.stories)} stories, "
        f"{len(digest.skipped)} skipped; ARI {ari:.3f}; {seconds:.1f} s end to end; peak memory {peak_mb:.0f} MB"
    )


if __name__ == "__main__":
    main()
