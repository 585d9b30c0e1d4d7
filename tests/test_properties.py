"""Properties that hold for any input, checked on generated documents."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer import NoSummarizableText, Summarizer, SummaryOptions, render

from .builders import make_document

WORDS = [
    "ferry",
    "island",
    "coast",
    "guard",
    "passengers",
    "crew",
    "inquiry",
    "Monday",
    "harbour",
    "tide",
    "the",
    "was",
    "on",
    "said",
    "Blue",
    "Strait",
    "vessel",
    "rescued",
    "four",
    "sandbar",
]

sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=25).map(lambda ws: " ".join(ws).capitalize() + ".")
paragraph = st.lists(sentence, min_size=1, max_size=5).map(" ".join)
article = st.lists(paragraph | st.text(max_size=60), min_size=1, max_size=6).map("\n".join)


@pytest.mark.slow  # a fuzzer: 60 generated clusters
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(article, min_size=1, max_size=5), max_words=st.integers(1, 200))
def test_any_documents_give_a_capped_verbatim_attributed_digest_or_a_clear_error(
    summarizer: Summarizer, texts: list[str], max_words: int
) -> None:
    documents = [make_document(t, id=f"d{n}", outlet=f"Outlet {n % 3}") for n, t in enumerate(texts)]
    options = SummaryOptions(max_words=max_words)
    try:
        digest = summarizer.summarize(documents, options)
    except NoSummarizableText:
        return
    assert digest.words <= max_words
    outlets = {d.outlet for d in documents}
    normalized = {d.id: " ".join((d.text or "").split()) for d in documents}
    for s in digest.summary:
        assert s.text in normalized[s.document_id]
        assert s.outlet in outlets
        assert set(s.also_reported_by) <= outlets - {s.outlet}
    assert render(digest, "json") == render(summarizer.summarize(documents, options), "json")
