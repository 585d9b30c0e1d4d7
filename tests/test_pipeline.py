from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from summarizer import (
    Digest,
    InputError,
    NoSummarizableText,
    Summarizer,
    SummaryOptions,
    digest_to_dict,
    read_inputs,
    render,
)

from .assertions import assert_no_clutter, assert_no_repeated_fact
from .builders import EXAMPLES, ferry_documents, make_document


@pytest.fixture(scope="module")
def example_digest(summarizer: Summarizer) -> Digest:
    return summarizer.summarize(read_inputs([str(EXAMPLES)]).documents, SummaryOptions(max_words=150))


def test_example_digest_is_attributed_and_within_budget(example_digest: Digest) -> None:
    assert 130 <= example_digest.words <= 150
    outlets = {
        "Harbor Daily",
        "Northline Wire",
        "Valley Courier",
        "The Civic Ledger",
        "Riverside Post",
        "Metro Bulletin",
    }
    cited = {s.outlet for s in example_digest.summary}
    assert len(cited) >= 3
    assert cited <= outlets
    for sentence in example_digest.summary:
        assert sentence.outlet not in sentence.also_reported_by
        assert set(sentence.also_reported_by) <= outlets
        assert sentence.document_id
        assert sentence.url is not None
        assert sentence.url.startswith("https://")
    assert {s.document_id for s in example_digest.sources} >= {s.document_id for s in example_digest.summary}


def test_example_digest_has_no_repeated_fact_and_no_clutter(example_digest: Digest) -> None:
    assert_no_repeated_fact(example_digest)
    clutter = ("Skip to", "Share", "Photo", "Pic:", "Copyright", "ENDIT", "(Northline)", "Updated", "newsletter")
    assert_no_clutter(example_digest, clutter)


def test_wire_copy_counts_once_and_cites_both_carriers(example_digest: Digest) -> None:
    codes = [(w.code, w.document_id) for w in example_digest.warnings]
    assert ("duplicate_text", "valley-courier") in codes
    from_wire = [s for s in example_digest.summary if s.document_id == "northline-wire"]
    assert from_wire
    assert all("Valley Courier" in s.also_reported_by for s in from_wire)
    assert "valley-courier" not in {s.document_id for s in example_digest.summary}


def test_a_sentence_naming_no_day_is_credited_with_its_articles_one_weekday(example_digest: Digest) -> None:
    """Northline Wire's report of Tuesday's collapse says the truck driver "was in critical
    condition" (no day): it is credited with Riverside Post's "... on Tuesday evening". The
    NTSB's arrival "on Wednesday" is credited to no one: The Civic Ledger and Metro Bulletin
    tell of the NTSB without that day, and their articles name Tuesday and Wednesday both."""
    by_text = {s.text: s for s in example_digest.summary}
    driver = by_text["A truck driver who was rescued from the river remained in critical condition on Tuesday evening."]
    assert driver.also_reported_by == ("Northline Wire", "Valley Courier")
    assert all("critical condition" in e.text for e in driver.evidence)
    arrival = next(s for s in example_digest.summary if s.text.endswith("expected to arrive on Wednesday."))
    assert arrival.also_reported_by == ()


def test_the_same_text_paragraphed_otherwise_is_wire_copy_too(summarizer: Summarizer) -> None:
    # "The same text" is model.text_key everywhere: whitespace and paragraphing aside, as
    # the day's stories and the store already read it.
    paragraphs = (
        "The ferry Island Star ran aground off Pellan Island on Thursday evening with 212 passengers aboard.",
        "Coast guard crews evacuated every passenger by midnight, and four were treated for minor injuries.",
        "Investigators will examine the vessel's navigation records, the harbour authority said on Friday.",
    )
    documents = [
        make_document("\n\n".join(paragraphs), id="wire", outlet="Bayline"),
        make_document(" ".join(paragraphs), id="reflowed", outlet="The Islander"),
    ]
    digest = summarizer.summarize(documents, SummaryOptions())
    assert [(w.code, w.document_id) for w in digest.warnings] == [("duplicate_text", "reflowed")]
    assert {s.document_id for s in digest.summary} == {"wire"}
    assert all(s.also_reported_by == ("The Islander",) for s in digest.summary)


def test_sentences_are_verbatim_from_their_article(summarizer: Summarizer) -> None:
    documents = ferry_documents()
    digest = summarizer.summarize(documents, SummaryOptions(max_words=120))
    by_id = {d.id: " ".join((d.text or "").split()) for d in documents}
    for sentence in digest.summary:
        assert sentence.text in by_id[sentence.document_id].replace("*", "")


def test_same_input_gives_identical_output(summarizer: Summarizer) -> None:
    documents = read_inputs([str(EXAMPLES)]).documents
    first = render(summarizer.summarize(documents, SummaryOptions()), "json")
    second = render(Summarizer().summarize(documents, SummaryOptions()), "json")
    assert first == second


@pytest.mark.parametrize("max_words", [40, 60, 100, 150])
def test_word_cap_is_never_exceeded_and_budget_is_filled(summarizer: Summarizer, max_words: int) -> None:
    digest = summarizer.summarize(read_inputs([str(EXAMPLES)]).documents, SummaryOptions(max_words=max_words))
    assert digest.words <= max_words
    # Sentences here run 8 to 40 words; a well-filled digest leaves less than a short one unused.
    assert digest.words >= max_words - 15


def test_a_larger_budget_than_the_distinct_facts_fill_stops_at_the_facts(summarizer: Summarizer) -> None:
    documents = read_inputs([str(EXAMPLES)]).documents
    large = summarizer.summarize(documents, SummaryOptions(max_words=250, max_sentences=50))
    medium = summarizer.summarize(documents, SummaryOptions(max_words=150, max_sentences=50))
    assert medium.words < large.words <= 250
    assert_no_repeated_fact(large)


def test_the_word_budget_alone_decides_when_max_sentences_is_not_given(summarizer: Summarizer) -> None:
    # Issue 11.12: a default cap of 10 sentences left a 250-word budget at about 200 words.
    # Sixty short, unrelated 13-word sentences: 19 fit in 250 words, so only a cap stops early.
    rng = random.Random(7)
    places = (
        "harbour bridge clinic river dam library depot water plant road school annex market airport tower ferry "
        "terminal archive budget tunnel station garden museum stadium hospital court prison factory mill canal pier"
    ).split()
    names = "Alder Birch Cedar Dorran Elm Fenwick Garrow Hollis Ives Jarrow Kestrel Lomax Marlow Norwood Oakes".split()
    documents = [
        make_document(
            " ".join(
                f"{rng.choice(names)} said the {a} near the {b} would reopen beside the {c} soon."
                for a, b, c in (rng.sample(places, 3) for _ in range(12))
            ),
            id=f"d{n}",
            outlet=f"Outlet {n}",
        )
        for n in range(5)
    ]
    digest = summarizer.summarize(documents, SummaryOptions(max_words=250))
    assert len(digest.summary) > 10
    assert digest.words >= 250 - 13


def test_max_sentences_is_respected(summarizer: Summarizer) -> None:
    digest = summarizer.summarize(
        read_inputs([str(EXAMPLES)]).documents, SummaryOptions(max_sentences=2, max_words=500)
    )
    assert len(digest.summary) == 2


def test_orders_hold_the_same_sentences(summarizer: Summarizer) -> None:
    documents = read_inputs([str(EXAMPLES)]).documents
    digests = {
        order: summarizer.summarize(documents, SummaryOptions(order=order))
        for order in ("narrative", "rank", "chronological", "source")
    }
    texts = {order: [s.text for s in d.summary] for order, d in digests.items()}
    assert all(sorted(t) == sorted(texts["rank"]) for t in texts.values())
    assert texts["narrative"][0] == texts["rank"][0]  # the main fact leads
    published = [s.published_at for s in digests["chronological"].summary]
    # Date-only metadata is naive; the library reads it as UTC.
    times = [t if t.tzinfo else t.replace(tzinfo=UTC) for t in published if t is not None]
    assert len(times) == len(published)  # every sentence has a time
    assert times == sorted(times)
    input_order = [d.id for d in documents]
    positions = [input_order.index(s.document_id) for s in digests["source"].summary]
    assert positions == sorted(positions)


def test_rank_order_has_scores_from_best(summarizer: Summarizer) -> None:
    digest = summarizer.summarize(read_inputs([str(EXAMPLES)]).documents, SummaryOptions(order="rank"))
    assert digest.summary[0].score == max(s.score for s in digest.summary)
    assert all(0 < s.score <= 1 for s in digest.summary)


# --- bad input -------------------------------------------------------------------


def test_no_documents_is_an_input_error(summarizer: Summarizer) -> None:
    with pytest.raises(InputError, match="no documents"):
        summarizer.summarize([], SummaryOptions())


@pytest.mark.parametrize("text", ["", "   \n\t  ", "Skip to content\nShare this article\n© 2026 All rights reserved"])
def test_nothing_summarizable_is_a_clear_error(summarizer: Summarizer, text: str) -> None:
    with pytest.raises(NoSummarizableText, match="no summarizable text"):
        summarizer.summarize([make_document(text)], SummaryOptions())


def test_empty_documents_are_skipped_with_a_warning(summarizer: Summarizer) -> None:
    documents = [*ferry_documents(), make_document("  ", id="blank", outlet="Blank")]
    digest = summarizer.summarize(documents, SummaryOptions())
    assert ("empty_document", "blank") in [(w.code, w.document_id) for w in digest.warnings]
    assert digest.summary


def test_document_without_sentence_punctuation(summarizer: Summarizer) -> None:
    headlines = make_document("Ferry aground off Pellan\nAll passengers safe\nInquiry opens", id="headlines")
    digest = summarizer.summarize([*ferry_documents(), headlines], SummaryOptions())
    assert ("no_prose", "headlines") in [(w.code, w.document_id) for w in digest.warnings]
    with pytest.raises(NoSummarizableText):
        summarizer.summarize([headlines], SummaryOptions())


def test_single_document_gives_a_digest_and_says_no_one_confirms(summarizer: Summarizer) -> None:
    (document,) = [d for d in ferry_documents() if d.id == "coastal-times"]
    digest = summarizer.summarize([document], SummaryOptions(max_words=60))
    assert digest.summary
    assert all(s.also_reported_by == () for s in digest.summary)
    assert "single_source" in [w.code for w in digest.warnings]


def test_identical_documents_give_one_telling_cited_to_all(summarizer: Summarizer) -> None:
    text = ferry_documents()[0].text or ""
    documents = [make_document(text, id=f"copy-{n}", outlet=f"Outlet {n}") for n in range(3)]
    digest = summarizer.summarize(documents, SummaryOptions())
    assert {s.document_id for s in digest.summary} == {"copy-0"}
    assert all(s.also_reported_by == ("Outlet 1", "Outlet 2") for s in digest.summary)
    assert_no_repeated_fact(digest)


def test_non_english_documents_are_skipped(summarizer: Summarizer) -> None:
    german = make_document(
        "Die Fähre ist am Donnerstagabend vor der Insel auf Grund gelaufen. Alle Passagiere wurden "
        "mit Rettungsbooten in Sicherheit gebracht, teilte die Küstenwache mit. Vier Menschen wurden "
        "leicht verletzt und auf der Insel behandelt.",
        id="de",
    )
    chinese = make_document("渡轮周四晚上在岛附近搁浅。所有乘客都已安全撤离。", id="zh")
    digest = summarizer.summarize([*ferry_documents(), german, chinese], SummaryOptions())
    skipped = {w.document_id for w in digest.warnings if w.code == "not_english"}
    assert skipped == {"de", "zh"}
    with pytest.raises(NoSummarizableText):
        summarizer.summarize([german, chinese], SummaryOptions())


@pytest.mark.slow  # summarizes a document at the size cap
def test_huge_document_is_truncated_with_a_warning(summarizer: Summarizer) -> None:
    paragraph = "The harbour master said the ferry {n} was inspected on Friday by two divers.\n"
    huge = "".join(paragraph.format(n=n) for n in range(70_000))  # about 5 MB
    assert len(huge) > 5_000_000
    digest = summarizer.summarize([make_document(huge, id="huge")], SummaryOptions())
    assert ("truncated", "huge") in [(w.code, w.document_id) for w in digest.warnings]
    assert digest.summary


def test_budget_smaller_than_any_sentence_gives_an_empty_digest_with_a_warning(
    summarizer: Summarizer,
) -> None:
    digest = summarizer.summarize(ferry_documents(), SummaryOptions(max_words=3))
    assert digest.summary == ()
    assert "budget_too_small" in [w.code for w in digest.warnings]


def test_json_shape(summarizer: Summarizer) -> None:
    documents = [
        make_document(
            d.text or "",
            id=d.id,
            outlet=d.outlet,
            url=f"https://{d.id}.example/",
            published_at=datetime(2026, 6, 4, 20, tzinfo=UTC),
        )
        for d in ferry_documents()
    ]
    data = digest_to_dict(summarizer.summarize(documents, SummaryOptions()))
    assert list(data) == ["summary", "sources", "warnings", "stats"]
    assert list(data["summary"][0]) == [
        "text",
        "outlet",
        "document_id",
        "url",
        "also_reported_by",
        "evidence",
        "disputed_by",
        "score",
        "published_at",
    ]
    assert list(data["sources"][0]) == ["document_id", "outlet", "title", "url"]
    assert data["summary"][0]["published_at"] == "2026-06-04T20:00:00+00:00"


def test_every_credit_comes_with_its_evidence(summarizer: Summarizer) -> None:
    # Issue 12.3: each outlet of also_reported_by comes with the document and the sentence
    # that supports it, so a reader can check any credit.
    documents = read_inputs([str(EXAMPLES)]).documents
    texts = {d.id: " ".join((d.text or d.html or "").split()) for d in documents}
    digest = summarizer.summarize(documents, SummaryOptions(max_words=150))
    assert any(s.also_reported_by for s in digest.summary)
    for s in digest.summary:
        assert tuple(e.outlet for e in s.evidence) == s.also_reported_by
        for e in s.evidence:
            assert e.outlet != s.outlet
            # A wire copy carries the very sentence; another article its own words.
            plain = e.text.replace("&", "&amp;").replace("'", "&#x27;")
            assert e.text in texts[e.document_id] or plain in texts[e.document_id]
