"""Read an evaluation set in the DUC layout used by ``../shared/eval/duc2006``::

    DATA/clusters/<id>/docs/<DOCNO>.txt   headline + paragraphs of one article
    DATA/clusters/<id>/refs/*.txt         human summaries, one sentence per line
    DATA/clusters/<id>/topic.json         optional: {"title", "narrative"}

DATA may also be the ``clusters`` folder itself. The outlet and date come from the
DOCNO (``APW19990707.0181``: Associated Press, 7 July 1999).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from summarizer import Document

__all__ = ["Cluster", "load_clusters"]

OUTLETS = {"APW": "Associated Press", "NYT": "New York Times", "XIE": "Xinhua"}
DOCNO_RE = re.compile(r"^([A-Z]+)(\d{8})")


@dataclass(frozen=True)
class Cluster:
    id: str
    documents: tuple[Document, ...]
    references: tuple[str, ...]
    topic: str | None


def load_clusters(data: Path, limit: int | None = None) -> list[Cluster]:
    root = data / "clusters" if (data / "clusters").is_dir() else data
    folders = sorted(p for p in root.iterdir() if (p / "docs").is_dir()) if root.is_dir() else []
    if not folders:
        sys.exit(
            f"{data}: no clusters/<id>/docs/ folders found. Pass the DUC 2006 copy, "
            "e.g. ../shared/eval/duc2006 (see its README for the layout)."
        )
    return [_load_cluster(folder) for folder in folders[:limit]]


def _load_cluster(folder: Path) -> Cluster:
    documents = tuple(_document(path) for path in sorted((folder / "docs").glob("*.txt")))
    references = tuple(p.read_text(encoding="utf-8") for p in sorted((folder / "refs").glob("*.txt")))
    topic = None
    if (folder / "topic.json").is_file():
        data = json.loads((folder / "topic.json").read_text(encoding="utf-8"))
        topic = f"{data.get('title', '')}. {data.get('narrative', '')}".strip()
    return Cluster(folder.name, documents, references, topic)


def _document(path: Path) -> Document:
    match = DOCNO_RE.match(path.stem)
    outlet, published = (
        (OUTLETS.get(match.group(1), match.group(1)), datetime.strptime(match.group(2), "%Y%m%d"))
        if match
        else (path.stem, None)
    )
    return Document(
        id=path.stem, outlet=outlet, published_at=published, text=path.read_text(encoding="utf-8", errors="replace")
    )
