from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from summarizer import InputError, parse_body, read_inputs
from summarizer.readers import document_to_dict, parse_document

from .builders import EXAMPLES, FIXTURES


def test_body_gives_documents_and_leaves_options_unvalidated() -> None:
    request = parse_body(
        {
            "documents": [
                {"id": "a", "outlet": "AFP", "text": "Text.", "published_at": "2023-09-22T10:00:00Z"},
                {"text": "Other."},
            ],
            "max_words": 100,
        }
    )
    first, second = request.documents
    assert first.id == "a"
    assert first.outlet == "AFP"
    assert first.published_at == datetime(2023, 9, 22, 10, tzinfo=UTC)
    assert second.id == "doc-2"
    assert second.outlet is None
    assert request.options == {"max_words": 100}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("not an object", "expected a JSON object"),
        ({}, "missing 'documents'"),
        ({"documents": {}}, "'documents' must be a list"),
        ({"documents": ["text"]}, "documents[0]: a document must be a JSON object"),
        ({"documents": [{"id": "a"}]}, "give exactly one of 'text' or 'html'"),
        ({"documents": [{"text": "a", "html": "<p>a</p>"}]}, "exactly one of"),
        ({"documents": [{"text": 5}]}, "text must be a string"),
        ({"documents": [{"text": "a", "autor": "x"}]}, "unknown field 'autor'"),
        ({"documents": [{"text": "a", "published_at": "yesterday"}]}, "not an ISO 8601"),
        ({"documents": [{"text": "a", "id": " "}]}, "id must not be empty"),
    ],
)
def test_malformed_body_names_the_problem(body: object, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_body(body)


def test_text_file_id_is_its_name_and_front_matter_gives_metadata() -> None:
    (doc,) = read_inputs([str(EXAMPLES / "northline-wire.txt")]).documents
    assert doc.id == "northline-wire"
    assert doc.outlet == "Northline Wire"
    assert doc.url == "https://northlinewire.example/stories/carver-falls-bridge"
    assert doc.published_at == datetime(2026, 3, 10, 13, 5, tzinfo=timezone(timedelta(hours=-5)))
    assert doc.text is not None
    assert doc.text.lstrip().startswith("BC-Bridge-Collapse")


def test_file_without_front_matter_leaves_outlet_to_resolution() -> None:
    (doc,) = read_inputs([str(FIXTURES / "ferry" / "wire.txt")]).documents
    assert (doc.id, doc.outlet, doc.url) == ("wire", None, None)


def test_directory_reads_supported_files_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("Second file.")
    (tmp_path / "a.txt").write_text("First file.")
    (tmp_path / "notes.csv").write_text("ignored")
    (tmp_path / ".hidden.txt").write_text("ignored")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.html").write_text("<html><body><p>Third.</p></body></html>")
    documents = read_inputs([str(tmp_path)]).documents
    assert [d.id for d in documents] == ["a", "b", "c"]
    assert documents[2].html is not None


def test_json_lines_file(tmp_path: Path) -> None:
    path = tmp_path / "day.jsonl"
    path.write_text('{"id": "x", "text": "One."}\n\n{"id": "y", "html": "<p>Two.</p>"}\n')
    assert [d.id for d in read_inputs([str(path)]).documents] == ["x", "y"]


def test_json_lines_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "day.jsonl"
    path.write_text('{"id": "x", "text": "One."}\n{"id": \n')
    with pytest.raises(InputError, match=r"day.jsonl: line 2: invalid JSON"):
        read_inputs([str(path)])


def test_json_file_is_a_request_body_with_options(tmp_path: Path) -> None:
    path = tmp_path / "body.json"
    path.write_text(json.dumps({"documents": [{"text": "One."}], "order": "rank"}))
    request = read_inputs([str(path)])
    assert request.options == {"order": "rank"}


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b'{"documents": [{"id": "s", "text": "One."}]}', "text"),
        (b'{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n', "text"),
        (b"<html><body><p>Page.</p></body></html>", "html"),
        (b"Plain text from a pipe.", "text"),
    ],
)
def test_stdin_is_sniffed(data: bytes, kind: str) -> None:
    documents = read_inputs(["-"], stdin=io.BytesIO(data)).documents
    assert documents
    assert all(getattr(d, kind) is not None for d in documents)


def test_invalid_utf8_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"Valid start \xff\xfe then junk.")
    with pytest.raises(InputError, match=r"bad.txt: not valid UTF-8 \(byte 0xff at offset 12\)"):
        read_inputs([str(path)])


def test_html_in_a_declared_legacy_charset_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(
        '<html><head><meta charset="windows-1252"></head><body><p>Café owners met.</p></body></html>'.encode("cp1252")
    )
    (doc,) = read_inputs([str(path)]).documents
    assert doc.html is not None
    assert "Café" in doc.html


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        (["/no/such/path"], "no such file or directory"),
        ([], "no input given"),
    ],
)
def test_missing_inputs(inputs: list[str], message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_inputs(inputs)


def test_empty_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no readable files"):
        read_inputs([str(tmp_path)])


def test_duplicate_ids_across_inputs_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One.")
    (tmp_path / "a.md").write_text("Two.")
    with pytest.raises(InputError, match="duplicate document id 'a'"):
        read_inputs([str(tmp_path)])


def test_unknown_front_matter_key_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\nauthor: Someone\n---\nText.")
    with pytest.raises(InputError, match="front matter line 'author: Someone'"):
        read_inputs([str(path)])


def test_document_default_id() -> None:
    assert parse_document({"text": "x"}, "here", default_id="doc-7").id == "doc-7"


def test_document_to_dict_is_the_inverse_of_parse_document() -> None:
    # Every example (text with front matter, and HTML pages) survives the round trip.
    for document in read_inputs([str(EXAMPLES)]).documents:
        as_json = json.loads(json.dumps(document_to_dict(document)))
        assert parse_document(as_json, "here", default_id="unused") == document
    assert any(d.published_at for d in read_inputs([str(EXAMPLES)]).documents)  # dates are part of the trip
