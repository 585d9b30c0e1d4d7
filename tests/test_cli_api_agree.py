"""The CLI and the API take a request body by one rule: what one accepts the other
accepts with the same digest, and what one refuses the other refuses (issue 11.9)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from summarizer.cli import main

from .api_support import ferry_body

BODY = json.dumps(ferry_body(max_words=60)).encode()
DUPLICATE_IDS = json.dumps({"documents": [{"id": "d1", "text": "One."}, {"id": "d1", "text": "Two."}]}).encode()


@pytest.mark.parametrize(
    ("name", "data", "accepted"),
    [
        ("plain", BODY, True),
        ("byte order mark", b"\xef\xbb\xbf" + BODY, True),  # RFC 8259 lets a parser ignore it
        ("duplicate ids", DUPLICATE_IDS, False),
        ("not UTF-8", b'{"documents": [{"text": "caf\xe9."}]}', False),
    ],
)
def test_the_cli_and_the_api_agree(client: FlaskClient, tmp_path: Path, name: str, data: bytes, accepted: bool) -> None:
    path = tmp_path / "body.json"
    path.write_bytes(data)
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(["summarize", str(path), "--format", "json"], stdout=stdout, stderr=stderr)
    response = client.post("/v1/summarize", data=data, content_type="application/json")
    if accepted:
        assert (code, response.status_code) == (0, 200), (stderr.getvalue(), response.get_data(as_text=True))
        assert json.loads(stdout.getvalue()) == response.get_json()
    else:
        assert code == 2
        assert stderr.getvalue().count("\n") == 1
        assert 400 <= response.status_code < 500
        assert response.mimetype == "application/problem+json"
