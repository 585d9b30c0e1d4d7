"""Turn user input into ``Document`` records: a JSON request body, JSON Lines,
``.txt``/``.md``/``.html`` files, directories of them, or standard input.

A request body is ``{"documents": [...], <options>}``: exactly what the HTTP API
takes. Options are returned unvalidated; ``SummaryOptions.from_mapping`` checks them.

Text and Markdown files may open with a front-matter block naming their metadata::

    ---
    outlet: Harbor Daily
    url: https://harbordaily.example/news/bridge
    published_at: 2026-03-14T09:30:00Z
    ---

A file's document id is its file name without extension. When no outlet is given it
is resolved later (``extraction.resolve_article``): the HTML site name, else the
URL's host, else the document id (for a file, its name without extension).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from .dates import parse_timestamp
from .errors import InputError
from .links import is_web_url
from .model import Document

__all__ = [
    "DOCUMENT_FIELDS",
    "Request",
    "decode_utf8",
    "document_to_dict",
    "estimate_sentences",
    "expand_inputs",
    "parse_body",
    "parse_document",
    "read_inputs",
]

DOCUMENT_FIELDS = ("id", "outlet", "title", "url", "published_at", "text", "html")
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’)\]]*(?:\s|$)")
CHARSET_RE = re.compile(r"""charset=["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
FRONT_MATTER_KEYS = frozenset({"id", "outlet", "title", "url", "published_at"})


@dataclass(frozen=True)
class Request:
    documents: tuple[Document, ...]
    options: Mapping[str, Any] = field(default_factory=dict)


def parse_body(body: object, where: str = "request body") -> Request:
    """A request body: ``{"documents": [...], <options>}`` (or a bare list of documents)."""
    if isinstance(body, list):
        return Request(_parse_documents(body, where))
    if not isinstance(body, dict):
        raise InputError(f"{where}: expected a JSON object with a 'documents' list")
    if "documents" not in body:
        raise InputError(f"{where}: missing 'documents'")
    documents = body["documents"]
    if not isinstance(documents, list):
        raise InputError(f"{where}: 'documents' must be a list")
    options = {key: value for key, value in body.items() if key != "documents"}
    return Request(_parse_documents(documents, where), options)


def _parse_documents(items: list[Any], where: str) -> tuple[Document, ...]:
    documents = tuple(
        parse_document(item, f"{where}: documents[{n}]", default_id=f"doc-{n + 1}") for n, item in enumerate(items)
    )
    _check_unique_ids(documents, where)
    return documents


def parse_document(obj: object, where: str, *, default_id: str) -> Document:
    """One document object; ``where`` names it in error messages."""
    if not isinstance(obj, dict):
        raise InputError(f"{where}: a document must be a JSON object")
    unknown = sorted(set(obj) - set(DOCUMENT_FIELDS))
    if unknown:
        raise InputError(f"{where}: unknown field {unknown[0]!r}; expected {', '.join(DOCUMENT_FIELDS)}")
    for name, value in obj.items():
        if value is not None and not isinstance(value, str):
            raise InputError(f"{where}: {name} must be a string")
        if value is not None and not _encodable(value):
            raise InputError(f"{where}: {name} is not valid Unicode (it holds a lone surrogate)")
    text, html = obj.get("text"), obj.get("html")
    if (text is None) == (html is None):
        raise InputError(f"{where}: give exactly one of 'text' or 'html'")
    doc_id = obj.get("id")
    if doc_id is not None and not doc_id.strip():
        raise InputError(f"{where}: id must not be empty")
    return Document(
        id=doc_id.strip() if doc_id else default_id,
        outlet=_blank_to_none(obj.get("outlet")),
        title=_blank_to_none(obj.get("title")),
        url=_web_url(obj.get("url"), where),
        published_at=parse_timestamp(obj.get("published_at"), where),
        text=text,
        html=html,
    )


def document_to_dict(document: Document) -> dict[str, str]:
    """The request JSON of ``document`` (the inverse of ``parse_document``), unset fields left out."""
    fields = {
        "id": document.id,
        "outlet": document.outlet,
        "title": document.title,
        "url": document.url,
        "published_at": document.published_at.isoformat() if document.published_at else None,
        "text": document.text,
        "html": document.html,
    }
    return {name: value for name, value in fields.items() if value is not None}


def read_inputs(inputs: Sequence[str], stdin: BinaryIO | None = None) -> Request:
    """Read every INPUT (a file, a directory, or ``-`` for standard input) into one request.

    Options found in JSON bodies are merged in input order. Document ids must be unique
    across all inputs, so every citation points at one document.
    """
    if not inputs:
        raise InputError("no input given")
    documents: list[Document] = []
    options: dict[str, Any] = {}
    for name in inputs:
        for request in _read_one(name, stdin):
            documents.extend(request.documents)
            options.update(request.options)
    _check_unique_ids(documents, "input")
    return Request(tuple(documents), options)


def expand_inputs(inputs: Sequence[str]) -> list[str]:
    """The files that ``inputs`` name, directories listed as ``read_inputs`` reads them."""
    files: list[str] = []
    for name in inputs:
        path = Path(name)
        files.extend(str(p) for p in _directory_files(path)) if path.is_dir() else files.append(name)
    return files


def _directory_files(path: Path) -> list[Path]:
    return sorted(
        p
        for p in path.rglob("*")
        if p.is_file()
        and p.suffix.lower() in READABLE_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )


def _read_one(name: str, stdin: BinaryIO | None) -> Iterable[Request]:
    if name == "-":
        if stdin is None:
            raise InputError("-: standard input is not available")
        yield _parse_stdin(stdin.read())
        return
    path = Path(name)
    if path.is_dir():
        files = _directory_files(path)
        if not files:
            raise InputError(f"{name}: no readable files (expected {', '.join(sorted(READABLE_SUFFIXES))})")
        for file in files:
            yield _read_file(file)
    elif path.is_file():
        yield _read_file(path)
    elif path.exists():
        raise InputError(f"{name}: not a regular file or directory")
    else:
        raise InputError(f"{name}: no such file or directory")


def _read_file(path: Path) -> Request:
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    if suffix in HTML_SUFFIXES:
        # The extractor detects the page's own encoding declaration; bytes are passed on.
        return Request((Document(id=path.stem, html=_decode_html(data, path)),))
    text = decode_utf8(data, str(path))
    if suffix in JSON_SUFFIXES:
        return parse_body(_load_json(text, str(path)), str(path))
    if suffix in JSONL_SUFFIXES:
        return Request(_parse_json_lines(text, str(path)))
    if suffix in TEXT_SUFFIXES:
        return Request((_text_document(text, path.stem, str(path)),))
    raise InputError(f"{path}: unsupported file type {suffix or '(none)'!r}")


def _parse_stdin(data: bytes) -> Request:
    text = decode_utf8(data, "-")
    stripped = text.lstrip()
    if not stripped:
        raise InputError("-: standard input is empty")
    if stripped.startswith(("{", "[")):
        lines = [line for line in stripped.splitlines() if line.strip()]
        if len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines):
            try:
                return Request(_parse_json_lines(text, "-"))
            except InputError:
                pass  # a pretty-printed body spans lines; parse it whole below
        return parse_body(_load_json(text, "-"), "-")
    if stripped.startswith("<"):
        return Request((Document(id="stdin", html=text),))
    return Request((_text_document(text, "stdin", "-"),))


def _parse_json_lines(text: str, where: str) -> tuple[Document, ...]:
    documents = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        obj = _load_json(line, f"{where}: line {number}")
        documents.append(parse_document(obj, f"{where}: line {number}", default_id=f"{where}:{number}"))
    return tuple(documents)


def _text_document(text: str, stem: str, where: str) -> Document:
    metadata, body = _split_front_matter(text, where)
    return Document(
        id=metadata.get("id") or stem,
        outlet=metadata.get("outlet"),
        title=metadata.get("title"),
        url=_web_url(metadata.get("url"), where),
        published_at=parse_timestamp(metadata.get("published_at"), where),
        text=body,
    )


def _split_front_matter(text: str, where: str) -> tuple[dict[str, str], str]:
    lines = text.lstrip("\ufeff").split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end in range(1, min(len(lines), 40)):
        if lines[end].strip() == "---":
            break
    else:
        return {}, text  # an opening rule with no closing one is just text
    metadata: dict[str, str] = {}
    for line in lines[1:end]:
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or key not in FRONT_MATTER_KEYS:
            raise InputError(
                f"{where}: front matter line {line.strip()!r} is not one of "
                f"{', '.join(sorted(FRONT_MATTER_KEYS))}: value"
            )
        metadata[key] = value.strip().strip("\"'")
    return metadata, "\n".join(lines[end + 1 :])


def decode_utf8(data: bytes, where: str) -> str:
    """``data`` as text. A leading byte order mark is dropped (RFC 8259 allows a parser to
    ignore it), for the CLI and the API alike."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{where}: not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})") from None


def _decode_html(data: bytes, path: Path) -> str:
    # Pages may declare a legacy charset (<meta charset=...>); honour it, and reject
    # undeclared non-UTF-8 bytes as for any other file.
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        declared = CHARSET_RE.search(data[:4096].decode("ascii", errors="ignore"))
        if declared:
            try:
                return data.decode(declared.group(1), errors="replace")
            except LookupError:
                pass  # an unknown charset name: fall through to the UTF-8 error
        return decode_utf8(data, str(path))


def _load_json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{where}: invalid JSON at line {error.lineno} column {error.colno}: {error.msg}") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply") from None


def _check_unique_ids(documents: Sequence[Document], where: str) -> None:
    """Every citation must point at one document: the API and the CLI refuse a repeated id alike."""
    seen: set[str] = set()
    for document in documents:
        if document.id in seen:
            raise InputError(f"{where}: duplicate document id {document.id!r}: every document needs its own id")
        seen.add(document.id)


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def estimate_sentences(documents: Sequence[Document]) -> int:
    """An upper estimate of the sentences in ``documents``, without reading them:
    sentence punctuation followed by a space or an end of line, plus one per document.
    Markup in HTML only adds to it, so the estimate errs on the safe side."""
    return sum(len(SENTENCE_END_RE.findall(d.text or d.html or "")) + 1 for d in documents)


def _web_url(value: str | None, where: str) -> str | None:
    """A document's url: only http(s) URLs become links (see ``links``); others are refused."""
    url = _blank_to_none(value)
    if url is not None and not is_web_url(url):
        raise InputError(f"{where}: url {url[:200]!r} is not an absolute http or https URL")
    return url


def _blank_to_none(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None
