"""Ranking cost against cluster size: our sparse top-k graph vs a dense all-pairs graph.

    python -m benchmarks.graph_scaling [--data DIR] [--sizes 1000,3000,7000] [--dense-max 3000]

Sentences come from DIR when given (a folder of news ``*.txt`` files, e.g.
``../shared/eval/duc2006/clusters``; files under ``refs/`` are skipped), otherwise from
a seeded synthetic generator with a Zipfian vocabulary. For each size it times, in
process, the whole pipeline (``Summarizer.summarize``: clean, segment, vectorize,
graph, rank, select) and the ranking a literal reading of the design does (TF-IDF
cosine over all pairs into a dense networkx graph, PageRank). The dense variant is
skipped above ``--dense-max`` sentences, where it takes minutes.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from summarizer import Document, Summarizer, SummaryOptions
from summarizer.cleaning import clean_text
from summarizer.segmentation import load_segmenter

SENTENCES_PER_DOCUMENT = 30


def synthetic_sentences(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(20_000)]
    weights = [1.0 / (rank + 1) for rank in range(len(vocabulary))]  # Zipf's law
    # Every other word a function word, so the text reads as English to the language check.
    function_words = ["the", "of", "and", "to", "in", "was", "for", "with", "on", "that"]
    sentences = []
    for _ in range(count):
        words = rng.choices(vocabulary, weights=weights, k=rng.randint(5, 15))
        mixed = [w for content in words for w in (rng.choice(function_words), content)]
        sentences.append("The " + " ".join(mixed) + " said officials.")
    return sentences


def corpus_sentences(data: Path, count: int) -> list[str]:
    segmenter = load_segmenter()
    sentences: list[str] = []
    for path in sorted(data.rglob("*.txt")):
        if "refs" in path.parts:
            continue
        for paragraph in clean_text(path.read_text(encoding="utf-8", errors="replace")):
            sentences.extend(segmenter.split(paragraph))
        if len(sentences) >= count:
            return sentences[:count]
    if len(sentences) < count:
        sys.exit(f"{data}: only {len(sentences)} sentences, fewer than the {count} asked for")
    return sentences


def as_documents(sentences: list[str]) -> list[Document]:
    return [
        Document(
            id=f"d{n}", outlet=f"Outlet {n % 7}", text="\n".join(sentences[start : start + SENTENCES_PER_DOCUMENT])
        )
        for n, start in enumerate(range(0, len(sentences), SENTENCES_PER_DOCUMENT))
    ]


def dense_textrank_seconds(sentences: list[str]) -> float:
    started = time.perf_counter()
    vectors = TfidfVectorizer().fit_transform(sentences)
    similarity = (vectors @ vectors.T).toarray()
    np.fill_diagonal(similarity, 0.0)
    nx.pagerank(nx.from_numpy_array(similarity))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="folder of news *.txt files (default: synthetic sentences)")
    parser.add_argument("--sizes", default="1000,3000,7000", help="comma-separated sentence counts")
    parser.add_argument("--dense-max", type=int, default=3000, help="largest size to run the dense graph on")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.data is not None and not args.data.is_dir():
        sys.exit(f"--data {args.data}: not a folder (pass e.g. ../shared/eval/duc2006/clusters, or omit it)")
    summarizer = Summarizer()
    print(f"source: {args.data or 'synthetic'}")
    print(f"{'sentences':>9}  {'ours, end to end (s)':>20}  {'dense graph + PageRank only (s)':>31}")
    for size in sizes:
        sentences = corpus_sentences(args.data, size) if args.data else synthetic_sentences(size)
        documents = as_documents(sentences)
        started = time.perf_counter()
        summarizer.summarize(documents, SummaryOptions(max_words=250))
        ours = time.perf_counter() - started
        dense = f"{dense_textrank_seconds(sentences):.2f}" if size <= args.dense_max else "skipped"
        print(f"{size:>9}  {ours:>20.2f}  {dense:>31}")


if __name__ == "__main__":
    main()
