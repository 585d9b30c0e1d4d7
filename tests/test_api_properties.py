"""Properties of the API that hold for any documents a client may send."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

WORDS = ["ferry", "island", "coast", "guard", "Monday", "harbour", "the", "was", "said", "crew", "rescued"]
sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=20).map(lambda ws: " ".join(ws).capitalize() + ".")
free_text = st.text(max_size=200)
document = st.fixed_dictionaries(
    {"text": st.lists(sentence | free_text, min_size=0, max_size=6).map("\n".join)},
    optional={
        "outlet": st.text(max_size=20),
        "id": st.text(min_size=1, max_size=12).filter(str.strip),
        "url": st.text(max_size=30),
    },
)
body = st.fixed_dictionaries(
    {"documents": st.lists(document, min_size=0, max_size=5)},
    optional={
        "max_words": st.integers(1, 300),
        "order": st.sampled_from(["narrative", "rank", "chronological", "source"]),
    },
)


@pytest.mark.slow  # a fuzzer: 80 generated requests
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(request=body)
def test_any_documents_never_give_a_server_error_and_every_sentence_is_quoted_and_cited(
    client: FlaskClient, request: dict[str, Any]
) -> None:
    response = client.post("/v1/summarize", json=request)
    assert response.status_code < 500
    if response.status_code != 200:
        assert response.mimetype == "application/problem+json"
        return
    texts = [" ".join(d["text"].split()) for d in request["documents"]]
    digest = response.get_json()
    for item in digest["summary"]:
        assert any(item["text"] in t for t in texts)
    # A cited outlet is one the client named, or what it falls back to: the URL's host
    # or the document id.
    allowed = set()
    for n, d in enumerate(request["documents"]):
        allowed |= {(d.get("outlet") or "").strip(), (d.get("id") or "").strip() or f"doc-{n + 1}"}
        allowed.add((urlsplit(d.get("url") or "").hostname or "").removeprefix("www."))
    for item in digest["summary"]:
        assert item["outlet"] in allowed
        assert set(item["also_reported_by"]) <= allowed
