"""Build the DUC 2007 update-task set in the DUC layout ``benchmarks/duc.py`` reads (issue 17).

    python -m benchmarks.duc2007_update SOURCE OUT

SOURCE is the ``DUC_data/DUC2007`` folder of a copy of github.com/gsandeep1241/TextSummarizer
(the repository ``../shared/eval/duc2006`` was built from); OUT receives
``clusters/<id>/{docs,refs,topic.json}``. It is a second held-out set: no setting was ever
chosen on it. Ten topics, each in three chronological document sets (A: 10 articles, B: 8,
C: 7), so 30 clusters, each with four human summaries of at most 100 words (NIST's ROUGE
models, ``updateEval/ROUGE/models/D0703-A.M.100.A.C``: topic D0703, set A, 100 words,
assessor topic letter A, summarizer C). The summaries of sets B and C were written as
updates for a reader of the earlier sets; scored as generic summaries of their own set they
are slightly harder than set A.

Documents are read from the AQUAINT SGML NIST shipped (``<HEADLINE>``, ``<TEXT>``): the
paragraphs are the ``<P>`` elements where a file has them (Xinhua) and the tab-indented
lines otherwise (AP, New York Times). The topic's title and narrative go to ``topic.json``.
The parsing uses ``str.find`` only, so it is linear in the size of a file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Topic", "build", "cluster_of_model", "parse_document", "parse_topics"]


@dataclass(frozen=True)
class Topic:
    id: str  # D0703A
    title: str
    narrative: str
    docsets: dict[str, tuple[str, ...]]  # "A" -> DOCNOs


def _between(text: str, start: str, end: str, at: int = 0) -> tuple[str, int] | None:
    """The text between the first ``start`` at or after ``at`` and the next ``end``, and where it stopped."""
    i = text.find(start, at)
    if i < 0:
        return None
    j = text.find(end, i + len(start))
    if j < 0:
        return None
    return text[i + len(start) : j], j + len(end)


def _all_between(text: str, start: str, end: str) -> list[str]:
    found, at = [], 0
    while (hit := _between(text, start, end, at)) is not None:
        found.append(hit[0])
        at = hit[1]
    return found


def _squash(text: str) -> str:
    return " ".join(text.split())


def parse_topics(sgml: str) -> list[Topic]:
    """The topics of ``duc2007_UPDATEtopics.sgml``: id, title, narrative and the DOCNOs of each set."""
    topics = []
    for block in _all_between(sgml, "<topic>", "</topic>"):
        docsets = {}
        for name in ("A", "B", "C"):
            listed = _between(block, f"<docs-{name}>", f"</docs-{name}>")
            if listed:
                docsets[name] = tuple(listed[0].split())
        num, title, narrative = (_between(block, f"<{t}>", f"</{t}>") for t in ("num", "title", "narr"))
        if num is None:
            continue
        topics.append(
            Topic(
                _squash(num[0]), _squash(title[0]) if title else "", _squash(narrative[0]) if narrative else "", docsets
            )
        )
    return topics


def parse_document(sgml: str) -> str:
    """Headline, a blank line, then one paragraph per blank-line-separated block (the DUC 2006 copy's form)."""
    headline = _between(sgml, "<HEADLINE>", "</HEADLINE>")
    body = _between(sgml, "<TEXT>", "</TEXT>")
    text = body[0] if body else ""
    paragraphs: list[str]
    if "<P>" in text:
        paragraphs = [_squash(p) for p in _all_between(text, "<P>", "</P>")]
    else:
        # AP and NYT files mark a paragraph by indenting its first line with a tab.
        paragraphs = []
        current: list[str] = []
        for line in text.splitlines():
            if line.startswith("\t") and current:
                paragraphs.append(_squash(" ".join(current)))
                current = []
            if line.strip():
                current.append(line)
        if current:
            paragraphs.append(_squash(" ".join(current)))
    parts = [_squash(headline[0])] if headline and headline[0].strip() else []
    parts += [p for p in paragraphs if p]
    return "\n\n".join(parts) + "\n"


def cluster_of_model(name: str) -> str | None:
    """``D0703-A.M.100.A.C`` -> ``D0703A-A`` (topic D0703A, set A); None for any other name."""
    fields = name.split(".")
    if len(fields) != 5 or fields[1] != "M" or "-" not in fields[0]:
        return None
    docset, _, part = fields[0].partition("-")
    return f"{docset}{fields[3]}-{part}"


def build(source: Path, out: Path) -> int:
    """Write every cluster that has its documents and at least one summary; returns how many."""
    topics = parse_topics((source / "duc2007_UPDATEtopics.sgml").read_text(encoding="utf-8", errors="replace"))
    models: dict[str, list[Path]] = {}
    for path in sorted((source / "updateEval" / "ROUGE" / "models").iterdir()):
        if (cluster := cluster_of_model(path.name)) is not None:
            models.setdefault(cluster, []).append(path)
    written = 0
    for topic in topics:
        for name, docnos in sorted(topic.docsets.items()):
            cluster = f"{topic.id}-{name}"
            folder = source / "duc2007_testdocs" / "update" / topic.id / cluster
            if not folder.is_dir() or cluster not in models:
                print(f"{cluster}: skipped (no documents or no summaries)", file=sys.stderr)
                continue
            target = out / "clusters" / cluster
            (target / "docs").mkdir(parents=True, exist_ok=True)
            (target / "refs").mkdir(exist_ok=True)
            for docno in docnos:
                sgml = (folder / docno).read_text(encoding="utf-8", errors="replace")
                (target / "docs" / f"{docno}.txt").write_text(parse_document(sgml), encoding="utf-8")
            for model in models[cluster]:
                lines = [_squash(line) for line in model.read_text(encoding="utf-8", errors="replace").splitlines()]
                (target / "refs" / f"{model.name}.txt").write_text("\n".join(x for x in lines if x) + "\n", "utf-8")
            topic_json = {"id": cluster, "title": topic.title, "narrative": topic.narrative}
            (target / "topic.json").write_text(json.dumps(topic_json, indent=1) + "\n", encoding="utf-8")
            written += 1
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the DUC 2007 update-task set in the DUC layout.")
    parser.add_argument("source", type=Path, help="the DUC_data/DUC2007 folder of the TextSummarizer copy")
    parser.add_argument("out", type=Path, help="where clusters/<id>/ are written (outside the repository)")
    args = parser.parse_args(argv)
    if not (args.source / "duc2007_UPDATEtopics.sgml").is_file():
        parser.error(f"{args.source}: no duc2007_UPDATEtopics.sgml; pass the DUC_data/DUC2007 folder")
    written = build(args.source, args.out)
    print(f"{written} clusters written to {args.out / 'clusters'}")
    return 0 if written else 1


if __name__ == "__main__":
    sys.exit(main())
