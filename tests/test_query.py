from __future__ import annotations

import pytest

from summarizer import OptionsError, Summarizer, SummaryOptions
from summarizer.options import PUBLIC_OPTIONS

from .builders import ferry_documents


def test_query_brings_its_subject_into_a_short_digest(summarizer: Summarizer) -> None:
    documents = ferry_documents()
    generic = summarizer.summarize(documents, SummaryOptions(max_words=100))
    focused = summarizer.summarize(
        documents, SummaryOptions(max_words=100, query="What will happen to the ferry, refloat salvage?")
    )
    assert not any("refloat" in s.text for s in generic.summary)
    assert any("refloat" in s.text for s in focused.summary)


def test_query_with_no_shared_word_gives_a_generic_digest_and_says_so(summarizer: Summarizer) -> None:
    documents = ferry_documents()
    digest = summarizer.summarize(documents, SummaryOptions(query="cryptocurrency regulation"))
    assert "query_unmatched" in [w.code for w in digest.warnings]
    generic = summarizer.summarize(documents, SummaryOptions())
    assert [s.text for s in digest.summary] == [s.text for s in generic.summary]


def test_query_instruction_words_do_not_count_as_subject() -> None:
    from summarizer.terms import TermAnalyzer

    assert TermAnalyzer().query_terms("Discuss and describe the ferry grounding. Include details.") == [
        "ferri",
        "ground",
    ]


@pytest.mark.parametrize("query", [5, "x" * 2001])
def test_query_is_validated(query: object) -> None:
    with pytest.raises(OptionsError, match="query must be a string"):
        SummaryOptions.from_mapping({"query": query}, allowed=PUBLIC_OPTIONS)
