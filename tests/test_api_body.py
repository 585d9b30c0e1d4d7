"""Reading the request body (``api/body.py``), through Flask's test client: the size
limit however the body is framed, read failures as problems, and the CLI's decoding.
What only a real server shows (urllib and the lingering close, chunked framing on the
wire, slow clients) is in ``test_api_gunicorn.py``."""

from __future__ import annotations

import io
import json
from typing import IO, Any

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from .api_support import AppFactory, ferry_body

BODY = json.dumps(ferry_body()).encode()


def post_stream(client: FlaskClient, stream: IO[bytes], **environ: Any) -> TestResponse:
    """A POST whose ``wsgi.input`` is ``stream``, framed as a chunked body (no length,
    the server ends the stream) unless ``environ`` gives a CONTENT_LENGTH."""
    framing = {} if "CONTENT_LENGTH" in environ else {"Transfer-Encoding": "chunked"}
    return client.post(
        "/v1/summarize",
        input_stream=stream,
        content_type="application/json",
        headers=framing,
        environ_overrides={"wsgi.input_terminated": True, **environ},
    )


def assert_problem(response: TestResponse, status: int, fragment: str) -> None:
    assert (response.status_code, response.mimetype) == (status, "application/problem+json")
    assert fragment in response.get_json()["detail"]


class Unreadable(io.BytesIO):
    """A body whose every read fails as ``error``."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def read(self, size: int | None = -1) -> bytes:
        raise self.error


def test_a_body_without_a_length_is_read_to_its_end(client: FlaskClient) -> None:
    response = post_stream(client, io.BytesIO(BODY))
    assert response.status_code == 200, response.get_data(as_text=True)


def test_a_body_without_a_length_is_cut_off_at_the_limit(make_app: AppFactory) -> None:
    # Issue 11.10: werkzeug truncated it at the limit, and the JSON parser said 400.
    client = make_app(max_body_bytes=5_000).test_client()
    assert_problem(post_stream(client, io.BytesIO(BODY + b" " * 5_000)), 413, "larger than 5,000 bytes")


def test_a_declared_length_over_the_limit_is_refused_before_reading(make_app: AppFactory) -> None:
    client = make_app(max_body_bytes=5_000).test_client()
    never_read = Unreadable(AssertionError("the body was read"))
    assert_problem(post_stream(client, never_read, CONTENT_LENGTH="5001"), 413, "larger than 5,000 bytes")


def test_a_body_at_the_limit_is_taken(make_app: AppFactory) -> None:
    client = make_app(max_body_bytes=len(BODY)).test_client()
    assert post_stream(client, io.BytesIO(BODY)).status_code == 200
    assert client.post("/v1/summarize", data=BODY, content_type="application/json").status_code == 200


def test_a_body_shorter_than_its_length_is_400(client: FlaskClient) -> None:
    response = post_stream(client, io.BytesIO(BODY[:100]), CONTENT_LENGTH=str(len(BODY)))
    assert_problem(response, 400, f"ended after 100 of {len(BODY):,} bytes")


@pytest.mark.parametrize(
    ("error", "status", "fragment"),
    [
        (TimeoutError("the body was not complete 20 s after the headers"), 408, "did not arrive in time"),
        (ConnectionResetError(), 400, "could not be read (ConnectionResetError)"),
        (ValueError("Invalid chunk size"), 400, "could not be read (ValueError)"),
    ],
)
def test_a_body_that_cannot_be_read_is_a_problem_not_a_500(
    client: FlaskClient, error: Exception, status: int, fragment: str
) -> None:
    assert_problem(post_stream(client, Unreadable(error), CONTENT_LENGTH="100"), status, fragment)


def test_a_body_is_decoded_as_the_cli_decodes_a_file(client: FlaskClient) -> None:
    # readers.decode_utf8: a leading byte order mark is dropped, bad bytes are named.
    assert client.post("/v1/summarize", data=b"\xef\xbb\xbf" + BODY, content_type="application/json").status_code == 200
    response = client.post(
        "/v1/summarize", data=b'{"documents": [{"text": "caf\xe9"}]}', content_type="application/json"
    )
    assert_problem(response, 400, "not valid UTF-8 (byte 0xe9 at offset 28)")


def test_documents_read_their_body_the_same_way(make_app: AppFactory) -> None:
    client = make_app(max_body_bytes=5_000).test_client()
    response = client.post(
        "/v1/documents",
        input_stream=io.BytesIO(BODY + b" " * 5_000),
        content_type="application/json",
        headers={"Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert_problem(response, 413, "larger than 5,000 bytes")
