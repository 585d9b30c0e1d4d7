"""The daily digest at scale: story clustering quality and end-to-end time.

    python -m benchmarks.daily --data ../shared/eval/duc2006     # all 1,250 articles as one day
    python -m benchmarks.daily --synthetic 10000                  # a synthetic day, with peak memory
    python -m benchmarks.daily --shapes --data ../shared/eval/duc2006  # days of every shape (benchmarks/shapes.py)

With ``--data``, every article of every cluster is mixed into one day; the clustering
is scored against the true topics with the adjusted Rand index (ARI), and the whole
digest (extraction, cleaning, stories, one summary per story) is timed. So that the
default is not judged on that one mixture alone, the clustering is then scored on
other days made of the same articles (the odd and the even topics, half the topics
drawn at random, each topic cut to a random 1 to all of its articles), and on the whole
mixture with its settings moved either way. With ``--synthetic N``, N articles are drawn from seeded synthetic
events (shared event vocabulary plus noise), timed, and the peak resident memory is
reported.
"""

from __future__ import annotations

import argparse
import itertools
import random
import resource
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date
from pathlib import Path

from sklearn.metrics import adjusted_rand_score

from summarizer import Document, Summarizer, SummaryOptions
from summarizer.daily import build_daily_digest
from summarizer.pipeline import read_document
from summarizer.stories import StoryOptions, group_stories
from summarizer.terms import Stemmer

DAY = date(2026, 6, 4)
UNEVEN = "stories of uneven size"
# Events per subject in the synthetic day: related events that share words.
SUBJECT_EVENTS = 5


def duc_day(data: Path) -> tuple[list[Document], list[int]]:
    from .duc import load_clusters

    documents, topics = [], []
    seen: set[str] = set()
    for topic, cluster in enumerate(load_clusters(data)):
        for d in cluster.documents:
            if d.id in seen:
                continue  # NIST put a few articles in two topics; a day carries each once, under its first
            seen.add(d.id)
            documents.append(Document(d.id, d.outlet, d.title, d.url, None, d.text))
            topics.append(topic)
    return documents, topics


def synthetic_day(count: int, seed: int = 11) -> tuple[list[Document], list[int]]:
    """``count`` articles of ``count // 25`` seeded events, with the vocabulary overlap of a
    real day: events come in subjects of ``SUBJECT_EVENTS`` (five storms, five trials),
    which share a subject vocabulary, and each event borrows a third of its words from
    the next event of its subject. Every sentence is 2 event words, 3 subject words and
    7 everyday words drawn by Zipf's law, so no single word tells two events apart."""
    rng = random.Random(seed)
    events = max(1, count // 25)
    common = [f"word{n}" for n in range(3000)]
    common_weights = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(common))))
    own = [[f"event{e}term{k}" for k in range(20)] for e in range(events)]  # names, places
    documents, topics = [], []
    for n in range(count):
        event = rng.randrange(events)
        subject = event // SUBJECT_EVENTS
        sibling = min(subject * SUBJECT_EVENTS + (event + 1) % SUBJECT_EVENTS, events - 1)
        topical = own[event] + own[sibling][:10]
        subject_words = [f"subject{subject}term{k}" for k in range(40)]
        sentences = []
        for _ in range(rng.randint(8, 20)):
            words = (
                rng.sample(topical, 2)
                + rng.sample(subject_words, 3)
                + rng.choices(common, cum_weights=common_weights, k=7)
            )
            rng.shuffle(words)
            sentences.append(
                "The " + " and the ".join(" ".join(words[i : i + 3]) for i in range(0, 12, 3)) + " said officials."
            )
        title = " ".join([*rng.sample(topical, 3), *rng.sample(subject_words, 1)]).title()
        documents.append(Document(f"a{n}", f"Outlet {n % 40}", title, None, None, " ".join(sentences)))
        topics.append(event)
    return documents, topics


def mixtures(topics: Sequence[int], seed: int = 5, draws: int = 6) -> list[tuple[str, list[int]]]:
    """Other days made of the same articles, as (name, article indices): the odd and
    the even topics, ``draws`` days of half the topics drawn at random, and ``draws``
    days where each topic keeps a random 1 to all of its articles (stories of uneven
    size, singletons included, as on a real day)."""
    rng = random.Random(seed)
    by_topic: dict[int, list[int]] = {}
    for index, topic in enumerate(topics):
        by_topic.setdefault(topic, []).append(index)
    names = sorted(by_topic)
    days = [  # DUC numbers its topics from D0601, so the first, third ... are the odd ones
        ("odd topics", sorted(i for t in names[0::2] for i in by_topic[t])),
        ("even topics", sorted(i for t in names[1::2] for i in by_topic[t])),
    ]
    half = len(names) // 2
    for draw in range(1, draws + 1):
        chosen = rng.sample(names, half)
        days.append((f"{half} random topics, draw {draw}", sorted(i for t in chosen for i in by_topic[t])))
    for draw in range(1, draws + 1):
        kept = [i for t in names for i in rng.sample(by_topic[t], rng.randint(1, len(by_topic[t])))]
        days.append((f"{UNEVEN}, draw {draw}", sorted(kept)))
    return days


def clustering_report(documents: Sequence[Document], topics: Sequence[int]) -> None:
    """ARI of the stories alone (no summaries) on other mixtures and other settings."""
    read, truth = [], []
    for document, topic in zip(documents, topics, strict=True):
        article = read_document(document, SummaryOptions(), [])
        if article.paragraphs:  # as the digest does: an article with no prose is skipped
            read.append(article)
            truth.append(topic)
    stemmer = Stemmer()

    def score(indices: Sequence[int], options: StoryOptions) -> tuple[float, int]:
        stories = group_stories([read[i] for i in indices], options, stemmer)
        predicted = [0] * len(indices)
        for number, story in enumerate(stories):
            for member in story.articles:
                predicted[member] = number
        return adjusted_rand_score([truth[i] for i in indices], predicted), len(stories)

    days = mixtures(truth)
    print("\nthe default on other days made of the same articles:")
    print("day | articles | topics | stories | ARI")
    for name, indices in days:
        ari, stories = score(indices, StoryOptions())
        print(f"{name} | {len(indices)} | {len({truth[i] for i in indices})} | {stories} | {ari:.3f}")
    print("\nsettings moved one at a time (default: neighbors 15, dimensions 100):")
    print(f"setting | whole mixture: ARI (stories) | days of {UNEVEN}: mean ARI (lowest)")
    everything = list(range(len(read)))
    uneven = [indices for name, indices in days if name.startswith(UNEVEN)]
    changes: list[dict[str, int]] = [{}, {"neighbors": 10}, {"neighbors": 12}, {"neighbors": 20}]
    for change in [*changes, {"dimensions": 50}, {"dimensions": 200}]:
        options = replace(StoryOptions(), **change)
        whole, stories = score(everything, options)
        scores = [score(indices, options)[0] for indices in uneven]
        label = ", ".join(f"{k} {v}" for k, v in change.items()) or "default"
        print(f"{label} | {whole:.3f} ({stories}) | {sum(scores) / len(scores):.3f} ({min(scores):.3f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="evaluation set in the DUC layout, e.g. ../shared/eval/duc2006")
    parser.add_argument("--synthetic", type=int, help="number of synthetic articles instead of --data")
    parser.add_argument("--shapes", action="store_true", help="with --data: the table of day shapes (issue 14)")
    parser.add_argument("--draws", type=int, default=3, help="with --shapes: tuning draws per shape")
    parser.add_argument("--held-out", type=int, default=2, help="with --shapes: held-out draws per shape")
    args = parser.parse_args()
    if (args.data is None) == (args.synthetic is None):
        sys.exit("pass --data ../shared/eval/duc2006 or --synthetic N")
    if args.shapes:
        if args.data is None:
            sys.exit("--shapes needs --data ../shared/eval/duc2006")
        from .shapes import draw_days, read_articles, shapes_report

        shapes_report(draw_days(*read_articles(*duc_day(args.data)), args.draws, args.held_out), StoryOptions())
        return
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
    if args.data:
        clustering_report(documents, topics)


if __name__ == "__main__":
    main()
