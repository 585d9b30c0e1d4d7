"""The JSON body of a request: read in pieces up to ``max_body_bytes``, decoded and
parsed by the rules the CLI applies to a file.

The body is read here rather than by werkzeug, so that one limit holds however it is
framed: a ``Content-Length`` above the limit is refused before anything is read, and a
chunked body is cut off at the limit (werkzeug truncated it silently, and the JSON
parser then reported a broken string). Both answer 413.

What the client still sends after a refusal is read and dropped by the worker after the
answer (``api/server.py``, a bounded lingering close), so that a client that writes its
whole body before reading (Python's urllib) sees the 413 instead of a reset.
"""

from __future__ import annotations

import json
from typing import IO, Any

from flask import request
from werkzeug.wsgi import get_content_length

from summarizer import InputError
from summarizer.readers import decode_utf8

from .config import ServiceConfig
from .problems import ApiError

__all__ = ["json_body", "read_body"]

# Large enough that a big body takes few reads, small enough that a body just over the
# limit is not read far past it.
READ_SIZE = 64 * 1024


def json_body(config: ServiceConfig) -> Any:
    if not (request.mimetype == "application/json" or request.mimetype.endswith("+json")):
        raise ApiError(
            "unsupported-media-type", f"send the body as application/json, not {request.mimetype or 'nothing'}"
        )
    raw = read_body(config.max_body_bytes)
    try:
        text = decode_utf8(raw, "request body")
    except InputError as error:
        raise ApiError("malformed-request", str(error)) from None
    try:
        body = json.loads(text)
    except json.JSONDecodeError as error:
        raise ApiError(
            "malformed-request", f"body is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None
    except RecursionError:
        raise ApiError("malformed-request", f"JSON nests deeper than {config.max_json_depth} levels") from None
    if _depth(body) > config.max_json_depth:
        raise ApiError("malformed-request", f"JSON nests deeper than {config.max_json_depth} levels")
    return body


def read_body(limit: int) -> bytes:
    """The request body, at most ``limit`` bytes (413 above it).

    408 when the server's read deadline passes first (the worker's body timeout), 400
    when the body cannot be read (the client went away, or sent a malformed chunk)."""
    environ = request.environ
    length = get_content_length(environ)
    too_large = ApiError("payload-too-large", f"request body is larger than {limit:,} bytes")
    if length is not None and length > limit:
        raise too_large
    if length is None and not environ.get("wsgi.input_terminated"):
        # PEP 3333: without a length, only a server that ends the stream itself (as
        # gunicorn does for a chunked body) may be read to its end.
        return b""
    stream: IO[bytes] = environ["wsgi.input"]
    wanted = limit + 1 if length is None else length
    pieces: list[bytes] = []
    received = 0
    while received < wanted:
        piece = _read(stream, min(READ_SIZE, wanted - received))
        if not piece:
            break
        pieces.append(piece)
        received += len(piece)
    if received > limit:
        raise too_large
    if length is not None and received < length:
        raise ApiError("malformed-request", f"the request body ended after {received:,} of {length:,} bytes")
    return b"".join(pieces)


def _read(stream: IO[bytes], size: int) -> bytes:
    try:
        return stream.read(size)
    except TimeoutError as error:
        raise ApiError("request-timeout", f"the request body did not arrive in time ({error})") from None
    # What the server raises while reading is about the client's bytes (a reset, a
    # malformed chunk), not a fault of ours: a 400, not a 500 with a traceback.
    except Exception as error:  # noqa: BLE001 - any server's read error, e.g. gunicorn's InvalidChunkSize
        raise ApiError("malformed-request", f"the request body could not be read ({type(error).__name__})") from None


def _depth(value: Any) -> int:
    """Nesting depth of parsed JSON, walked without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest
